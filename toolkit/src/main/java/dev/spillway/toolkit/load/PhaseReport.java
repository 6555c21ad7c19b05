package dev.spillway.toolkit.load;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import dev.spillway.toolkit.util.Durations;
import dev.spillway.toolkit.util.Preconditions;
import java.time.Duration;
import org.apiguardian.api.API;

/**
 * What one phase of a run achieved.
 *
 * <p>The measured duration runs from the phase's planned start to the later of its planned end and
 * the moment its last message was handed to the target (cut short at the moment the run was
 * stopped, if it stopped during the phase). The achieved rate is {@code sent / measured duration}:
 * a driver that fell behind sends the phase's messages over a longer time, so its achieved rate
 * falls below the intended one.
 *
 * @param index the phase's index in the profile
 * @param name the phase's name
 * @param kind the phase's shape
 * @param plannedMessages messages the phase planned
 * @param sentMessages messages of the phase that were sent
 * @param intendedRatePerSecond {@link LoadPhase#expectedRatePerSecond()}: 0 for a pause, infinite
 *     for a burst
 * @param achievedRatePerSecond sent / measured duration; 0 when nothing was sent, infinite for a
 *     burst sent within the same nanosecond
 * @param plannedDuration the phase's planned duration
 * @param measuredDuration as described above; zero for a phase the run never reached
 * @param maxLateness the largest lateness of the phase's messages
 * @param heldMessages messages of the phase whose sending the target held up: sends that stayed
 *     inside the target for at least the gap between their message and the next (on the driver
 *     thread), or messages that waited at least the phase's mean gap for a busy sender (in a pool),
 *     counted only in runs of at least {@value #HELD_RUN} consecutive such sends of one thread. A
 *     target that holds its callers does so send after send (a blocking offer on a full queue, a
 *     synchronous fallback, a pull that waits for demand); a quick target holds nothing, however
 *     fast the rate and however late the driver itself wakes (that lateness is spent outside the
 *     target's calls), and a lone send the machine preempted (a busy core, a consumer woken by the
 *     send taking the caller's time slice) does not count. Work a caller runs itself now and then
 *     between quick sends is push-back too, counted where it runs: see {@code
 *     LedgerSnapshot.byCaller()}
 * @param callTime the time the phase's sends spent inside the target's send call (summed over the
 *     sending threads)
 */
@API(status = EXPERIMENTAL, since = "0.1")
public record PhaseReport(
    int index,
    String name,
    PhaseKind kind,
    long plannedMessages,
    long sentMessages,
    double intendedRatePerSecond,
    double achievedRatePerSecond,
    Duration plannedDuration,
    Duration measuredDuration,
    Duration maxLateness,
    long heldMessages,
    Duration callTime) {

  /**
   * How far below its intended rate a phase must fall to have {@linkplain #fellShort() fallen
   * short}, in percent: a phase on schedule measures a little below 100 % when its last message
   * goes out a moment late.
   */
  public static final int SHORTFALL_PERCENT = 1;

  /**
   * How many consecutive held sends make a run that counts towards {@link #heldMessages()}: a
   * machine that preempts the caller now and then holds single sends, a target that pushes back
   * holds them one after another.
   */
  public static final int HELD_RUN = 3;

  /** Validates the components. */
  public PhaseReport {
    Preconditions.notNegative(index, "phase index");
    Preconditions.notBlank(name, "phase name");
    Preconditions.notNull(kind, "phase kind");
    Preconditions.notNegative(plannedMessages, "planned messages");
    Preconditions.inRange(sentMessages, 0, plannedMessages, "sent messages");
    Preconditions.check(intendedRatePerSecond >= 0, "intended rate", ">= 0", intendedRatePerSecond);
    Preconditions.check(achievedRatePerSecond >= 0, "achieved rate", ">= 0", achievedRatePerSecond);
    Preconditions.notNegative(plannedDuration, "planned duration");
    Preconditions.notNegative(measuredDuration, "measured duration");
    Preconditions.notNegative(maxLateness, "max lateness");
    Preconditions.inRange(heldMessages, 0, sentMessages, "held messages");
    Preconditions.notNegative(callTime, "call time");
  }

  /** {@code held / sent}: the share of the phase's sends the target held up; 0 when none sent. */
  public double heldShare() {
    return sentMessages == 0 ? 0 : (double) heldMessages / sentMessages;
  }

  /**
   * Whether the phase had a finite, positive intended rate and achieved less than {@value
   * #SHORTFALL_PERCENT}% of it below that rate: it really fell short, rather than ending a message
   * late.
   */
  public boolean fellShort() {
    double ratio = achievedRatio();
    return !Double.isNaN(ratio) && ratio < 1 - SHORTFALL_PERCENT / 100.0;
  }

  /** {@code achieved / intended}, or NaN when the phase has no finite, positive intended rate. */
  public double achievedRatio() {
    boolean rated = intendedRatePerSecond > 0 && Double.isFinite(intendedRatePerSecond);
    return rated ? achievedRatePerSecond / intendedRatePerSecond : Double.NaN;
  }

  /** One readable line. */
  public String describe() {
    String head = "phase " + (index + 1) + " '" + name + "': ";
    String sent =
        Format.count(sentMessages)
            + "/"
            + Format.count(plannedMessages)
            + " sent in "
            + Durations.format(measuredDuration);
    switch (kind) {
      case PAUSE:
        return head + "pause of " + Durations.format(plannedDuration);
      case BURST:
        return head + sent + ", max lateness " + Durations.format(maxLateness);
      default:
        return head
            + "intended "
            + Format.rate(intendedRatePerSecond)
            + "/s, achieved "
            + Format.rate(achievedRatePerSecond)
            + "/s ("
            + sent
            + "), max lateness "
            + Durations.format(maxLateness)
            + (heldMessages > 0
                ? ", " + Format.count(heldMessages) + " held up by the target"
                : "");
    }
  }
}
