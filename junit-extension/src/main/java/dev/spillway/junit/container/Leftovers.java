package dev.spillway.junit.container;

import java.util.ArrayList;
import java.util.List;

/**
 * The injections made through one {@link DockerChaos}; kept in the JUnit store, closed when the
 * test (or class) ends: undoes every one still active, newest first. Thread-safe.
 */
final class Leftovers implements AutoCloseable {

  private final List<ContainerInjection> injections = new ArrayList<>();

  synchronized void add(ContainerInjection injection) {
    injections.add(injection);
  }

  synchronized List<ContainerInjection> active() {
    return injections.stream().filter(ContainerInjection::isActive).toList();
  }

  /** Undoes every active injection, newest first; throws the first failure, others suppressed. */
  @Override
  public void close() {
    List<ContainerInjection> toUndo = new ArrayList<>(active());
    RuntimeException failure = null;
    for (int i = toUndo.size() - 1; i >= 0; i--) {
      try {
        toUndo.get(i).close();
      } catch (RuntimeException e) {
        if (failure == null) {
          failure =
              new IllegalStateException(
                  "could not undo the container chaos the test left behind: "
                      + toUndo.get(i).description(),
                  e);
        } else {
          failure.addSuppressed(e);
        }
      }
    }
    if (failure != null) {
      throw failure;
    }
  }

  @Override
  public synchronized String toString() {
    return "Leftovers" + injections;
  }
}
