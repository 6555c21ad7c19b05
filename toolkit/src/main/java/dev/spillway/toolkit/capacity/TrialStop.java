package dev.spillway.toolkit.capacity;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import dev.spillway.toolkit.util.Preconditions;
import java.time.Duration;
import java.util.Optional;
import org.apiguardian.api.API;

/**
 * When a running trial may stop before its plan ends, because its outcome is already clear: asked
 * while the load runs, it returns why the rate is not sustained, or empty to go on. A stopped trial
 * is not sustained, whatever its verdict.
 *
 * <p>{@link #clearBreach(Duration)} stops at a backlog no sustained rate builds, or at the first
 * shed or failed message; a sequential test on the growth slope can take its place.
 *
 * <p>Implementations must be thread-safe and quick: they are asked every few milliseconds from the
 * trial's thread.
 */
@API(status = EXPERIMENTAL, since = "0.1")
@FunctionalInterface
public interface TrialStop {

  /** The backlog {@link #clearBreach()} stops at: one second of the offered arrivals. */
  Duration DEFAULT_BACKLOG = Duration.ofSeconds(1);

  /** The least depth {@link #clearBreach(Duration)} stops at, whatever the rate. */
  long MIN_BACKLOG = 20;

  /** Why the trial should stop now, or empty to let it run. */
  Optional<String> breach(TrialProgress progress);

  /** Never stops a trial early. */
  static TrialStop never() {
    return progress -> Optional.empty();
  }

  /** {@link #clearBreach(Duration)} with a backlog of {@link #DEFAULT_BACKLOG}. */
  static TrialStop clearBreach() {
    return clearBreach(DEFAULT_BACKLOG);
  }

  /**
   * Stops a trial when its queue holds more than {@code backlog} worth of the offered arrivals (and
   * at least {@value #MIN_BACKLOG} messages): a component that keeps up with the rate serves what
   * arrives within its service time, so a backlog of a whole second is growth, not jitter. Stops it
   * too at the first message rejected, dropped or failed: a sustained rate sheds and fails nothing.
   *
   * @param backlog the backlog, as time at the offered rate; &gt; 0
   */
  static TrialStop clearBreach(Duration backlog) {
    Preconditions.positive(backlog, "stop backlog");
    return new ClearBreach(backlog);
  }
}
