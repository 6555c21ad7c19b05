package dev.spillway.report;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import dev.spillway.toolkit.load.PhaseKind;
import dev.spillway.toolkit.util.Preconditions;
import java.time.Duration;
import java.util.OptionalDouble;
import java.util.OptionalLong;
import org.apiguardian.api.API;

/**
 * One load phase of a run, placed on the run's timeline.
 *
 * <p>Immutable and thread-safe.
 *
 * @param name the phase's name; not blank
 * @param kind the phase's shape
 * @param start when the phase started, from the start of the recording; &gt;= 0
 * @param duration how long the phase lasts in the plan; zero for a burst
 * @param startRatePerSecond the intended rate at the start of the phase, in messages per second:
 *     &gt;= 0, or {@link Double#POSITIVE_INFINITY} for a burst
 * @param endRatePerSecond the intended rate at its end (see {@code startRatePerSecond})
 * @param plannedMessages the messages the phase plans; &gt;= 0
 * @param sentMessages the messages of the phase that were sent, when the load report was given
 * @param achievedRatePerSecond the rate achieved, when the load report was given and the rate is
 *     finite (a burst sent within one nanosecond has none); &gt;= 0
 * @param heldMessages the messages of the phase the target held up (see {@link
 *     dev.spillway.toolkit.load.PhaseReport#heldMessages()}), when the load report was given
 */
@API(status = EXPERIMENTAL, since = "0.1")
public record PhaseSpan(
    String name,
    PhaseKind kind,
    Duration start,
    Duration duration,
    double startRatePerSecond,
    double endRatePerSecond,
    long plannedMessages,
    OptionalLong sentMessages,
    OptionalDouble achievedRatePerSecond,
    OptionalLong heldMessages) {

  /** Validates the components. */
  public PhaseSpan {
    Preconditions.notBlank(name, "phase name");
    Preconditions.notNull(kind, "phase kind");
    Preconditions.notNegative(start, "phase start");
    Preconditions.notNegative(duration, "phase duration");
    checkRate(startRatePerSecond, "phase start rate");
    checkRate(endRatePerSecond, "phase end rate");
    Preconditions.notNegative(plannedMessages, "planned messages");
    Preconditions.notNull(sentMessages, "sent messages");
    if (sentMessages.isPresent()) {
      Preconditions.notNegative(sentMessages.getAsLong(), "sent messages");
    }
    Preconditions.notNull(achievedRatePerSecond, "achieved rate");
    if (achievedRatePerSecond.isPresent()) {
      Preconditions.notNegative(achievedRatePerSecond.getAsDouble(), "achieved rate");
    }
    Preconditions.notNull(heldMessages, "held messages");
    if (heldMessages.isPresent()) {
      Preconditions.notNegative(heldMessages.getAsLong(), "held messages");
    }
  }

  private static void checkRate(double rate, String name) {
    Preconditions.check(rate >= 0, name, ">= 0 (per second) or infinite", rate);
  }

  /** When the phase ends, from the start of the recording. */
  public Duration end() {
    return start.plus(duration);
  }

  /**
   * The intended rate at {@code at} (from the start of the recording), in messages per second:
   * interpolated across a ramp; 0 outside the phase and for a burst (which takes no time).
   */
  public double intendedRateAt(Duration at) {
    Preconditions.notNull(at, "time");
    if (kind == PhaseKind.BURST || at.compareTo(start) < 0 || at.compareTo(end()) >= 0) {
      return 0;
    }
    double fraction = (double) at.minus(start).toNanos() / duration.toNanos();
    return startRatePerSecond + (endRatePerSecond - startRatePerSecond) * fraction;
  }
}
