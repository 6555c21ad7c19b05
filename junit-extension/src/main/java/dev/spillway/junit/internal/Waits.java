package dev.spillway.junit.internal;

import dev.spillway.toolkit.ledger.LedgerSnapshot;
import dev.spillway.toolkit.ledger.MessageLedger;
import dev.spillway.toolkit.probe.QueueProbe;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** The waits of a run after its load: for the drain and for the books to balance. Stateless. */
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

  /**
   * The books, taken once nothing is unaccounted for any more (messages leave a handler), or after
   * {@code settle} at the latest.
   */
  public static LedgerSnapshot settledBooks(
      String test, MessageLedger ledger, QueueProbe queued, Duration settle)
      throws InterruptedException {
    if (!settle.isZero()) {
      Awaiting.until(
          "the books of test '" + test + "'",
          settle,
          () -> ledger.snapshot(queued).unaccounted() <= 0);
    }
    return ledger.snapshot(queued);
  }

  private static long depthOrMax(QueueProbe probe) {
    try {
      return probe.depth();
    } catch (RuntimeException unreadable) {
      return Long.MAX_VALUE;
    }
  }
}
