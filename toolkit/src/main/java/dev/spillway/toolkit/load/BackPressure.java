package dev.spillway.toolkit.load;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import dev.spillway.toolkit.util.Durations;
import dev.spillway.toolkit.util.Preconditions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apiguardian.api.API;

/**
 * Evidence that the driver fell behind its schedule: the target (or the driver's own thread, or its
 * sender pool) could not take messages as fast as the profile asked, so messages went out late,
 * spilled past the end of their phase, or were never sent. A {@link LoadReport} carries one
 * whenever any of these holds:
 *
 * <ul>
 *   <li>lateness p99 is above the threshold;
 *   <li>a message was sent more than the threshold after the planned end of its phase;
 *   <li>the run hit its deadline with messages not sent or sends unfinished.
 * </ul>
 *
 * @param threshold the lateness the driver tolerates ({@link LoadDriverBuilder#lateThreshold})
 * @param latenessP99 the 99th percentile of lateness
 * @param maxLateness the largest lateness
 * @param messagesLate messages whose lateness was above the threshold
 * @param messagesAfterPhaseEnd messages sent more than the threshold after their phase's planned
 *     end
 * @param messagesNotSent planned messages never sent because the deadline passed (0 otherwise)
 * @param sendsUnfinished sends still running when the deadline passed (0 otherwise)
 * @param maxWaitingForSender in pool mode, the most messages that were due while every sender was
 *     busy; 0 in the other modes
 * @param slowestPhase the phase that fell furthest short of its intended rate, if any {@linkplain
 *     PhaseReport#fellShort() fell short}
 */
@API(status = EXPERIMENTAL, since = "0.1")
public record BackPressure(
    Duration threshold,
    Duration latenessP99,
    Duration maxLateness,
    long messagesLate,
    long messagesAfterPhaseEnd,
    long messagesNotSent,
    long sendsUnfinished,
    long maxWaitingForSender,
    Optional<PhaseReport> slowestPhase) {

  /** Validates the components. */
  public BackPressure {
    Preconditions.positive(threshold, "lateness threshold");
    Preconditions.notNegative(latenessP99, "lateness p99");
    Preconditions.notNegative(maxLateness, "max lateness");
    Preconditions.notNegative(messagesLate, "messages late");
    Preconditions.notNegative(messagesAfterPhaseEnd, "messages after phase end");
    Preconditions.notNegative(messagesNotSent, "messages not sent");
    Preconditions.notNegative(sendsUnfinished, "sends unfinished");
    Preconditions.notNegative(maxWaitingForSender, "max waiting for sender");
    Preconditions.notNull(slowestPhase, "slowest phase");
  }

  /**
   * One readable line that starts with {@code "BACK-PRESSURE:"}, e.g. {@code "BACK-PRESSURE: the
   * driver fell behind schedule: lateness p99 48ms (threshold 10ms), max 50ms; 480 messages more
   * than 10ms late; slowest phase 'constant 10000/s for 200ms' achieved 8123/s of 10000/s"}.
   */
  public String describe() {
    String limit = Durations.format(threshold);
    List<String> parts = new ArrayList<>();
    parts.add(
        "lateness p99 "
            + Durations.format(latenessP99)
            + " (threshold "
            + limit
            + "), max "
            + Durations.format(maxLateness));
    parts.add(Format.count(messagesLate) + " messages more than " + limit + " late");
    if (messagesAfterPhaseEnd > 0) {
      parts.add(
          Format.count(messagesAfterPhaseEnd)
              + " sent more than "
              + limit
              + " after their phase ended");
    }
    if (maxWaitingForSender > 0) {
      parts.add(
          "up to " + Format.count(maxWaitingForSender) + " messages waited for a free sender");
    }
    if (messagesNotSent > 0 || sendsUnfinished > 0) {
      parts.add(
          "deadline passed with "
              + Format.count(messagesNotSent)
              + " messages not sent and "
              + Format.count(sendsUnfinished)
              + " sends unfinished");
    }
    slowestPhase.ifPresent(
        phase ->
            parts.add(
                "slowest phase '"
                    + phase.name()
                    + "' achieved "
                    + Format.rate(phase.achievedRatePerSecond())
                    + "/s of "
                    + Format.rate(phase.intendedRatePerSecond())
                    + "/s intended"));
    return "BACK-PRESSURE: the driver fell behind schedule: " + String.join("; ", parts);
  }
}
