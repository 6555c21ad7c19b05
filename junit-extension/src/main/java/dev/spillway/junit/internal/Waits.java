package dev.spillway.junit.internal;

import static org.apiguardian.api.API.Status.INTERNAL;

import dev.spillway.toolkit.probe.QueueProbe;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apiguardian.api.API;

/** The wait of a run after its load for the declared drain. Stateless. */
@API(status = INTERNAL, since = "0.1")
public final class Waits {

  private Waits() {}

  /**
   * Waits until every queue {@code spec} applies to is at or below its level, at most its time.
   *
   * @return empty when they drained in time, otherwise what each queue still held
   */
  public static Optional<List<String>> drain(
      String test, DrainSpec spec, List<WatchedQueue> watched) throws InterruptedException {
    List<WatchedQueue> draining = watched.stream().filter(w -> spec.appliesTo(w.name())).toList();
    boolean drained =
        Awaiting.until(
            "the drain of test '" + test + "'",
            spec.within(),
            () -> draining.stream().allMatch(w -> depthOrMax(w.probe()) <= spec.level()));
    if (drained) {
      return Optional.empty();
    }
    List<String> full = new ArrayList<>();
    for (WatchedQueue w : draining) {
      long depth = depthOrMax(w.probe());
      if (depth > spec.level()) {
        full.add(
            "'"
                + w.name()
                + "' still held "
                + (depth == Long.MAX_VALUE ? "an unreadable depth" : depth + " messages"));
      }
    }
    return Optional.of(full);
  }

  private static long depthOrMax(QueueProbe probe) {
    try {
      return probe.depth();
    } catch (RuntimeException unreadable) {
      return Long.MAX_VALUE;
    }
  }
}
