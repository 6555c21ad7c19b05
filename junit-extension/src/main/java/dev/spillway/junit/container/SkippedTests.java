package dev.spillway.junit.container;

import java.util.ArrayList;
import java.util.List;

/**
 * The container tests of one class that JUnit skipped although Docker is required; kept in the
 * class's store, so that closing it when the class ends fails the class, naming them. Thread-safe.
 */
final class SkippedTests implements AutoCloseable {

  private final String className;
  private final Requirement requirement;
  private final List<String> skipped = new ArrayList<>();

  SkippedTests(String className, Requirement requirement) {
    this.className = className;
    this.requirement = requirement;
  }

  synchronized void add(String test, String reason) {
    skipped.add(test + " (" + reason + ")");
  }

  synchronized List<String> skipped() {
    return List.copyOf(skipped);
  }

  /**
   * Fails when a test was skipped.
   *
   * @throws AssertionError naming the skipped tests and their reasons
   */
  @Override
  public synchronized void close() {
    if (!skipped.isEmpty()) {
      throw new AssertionError(
          requirement.source()
              + " requires the container tests to run, but "
              + (skipped.size() == 1
                  ? "1 container test of " + className + " was skipped: "
                  : skipped.size() + " container tests of " + className + " were skipped: ")
              + String.join("; ", skipped)
              + ". Enable them, or leave them out of this run explicitly (e.g. with a tag"
              + " filter): a skipped container test lets the build pass without having run it");
    }
  }

  @Override
  public synchronized String toString() {
    return "SkippedTests[className=" + className + ", skipped=" + skipped + "]";
  }
}
