package dev.spillway.toolkit.capacity;

import dev.spillway.toolkit.util.Durations;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;

/**
 * {@link TrialStop#clearBreach(Duration)}: a backlog no sustained rate builds, or a shed/failure.
 */
record ClearBreach(Duration backlog) implements TrialStop {

  @Override
  public Optional<TrialCall> call(TrialProgress progress) {
    double rate = progress.plan().offeredRate();
    long limit = Math.max(MIN_BACKLOG, (long) Math.ceil(rate * backlog.toNanos() / 1e9));
    if (progress.depth() > limit) {
      return breach(
          String.format(
              Locale.ROOT,
              "the queue held %d messages after %s, more than %s of arrivals at %.1f/s (%d)",
              progress.depth(),
              Durations.format(progress.elapsed()),
              Durations.format(backlog),
              rate,
              limit));
    }
    long shed = progress.books().shed();
    long failed = progress.books().failed();
    if (shed + failed > 0) {
      return breach(
          String.format(
              Locale.ROOT,
              "%d messages were shed and %d failed after %s",
              shed,
              failed,
              Durations.format(progress.elapsed())));
    }
    return Optional.empty();
  }

  private static Optional<TrialCall> breach(String reason) {
    return Optional.of(TrialCall.breach(reason));
  }

  @Override
  public String toString() {
    return "clear breach (backlog over "
        + Durations.format(backlog)
        + " of arrivals, or a shed or failed message)";
  }
}
