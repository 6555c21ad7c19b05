package dev.spillway.toolkit.load;

import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/** Decides whether a run fell behind schedule; see {@link BackPressure} for the rule. */
final class BackPressureRule {

  private BackPressureRule() {}

  static Optional<BackPressure> evaluate(
      Duration threshold,
      Percentiles lateness,
      long messagesLate,
      long messagesAfterPhaseEnd,
      Ending ending,
      long notSent,
      long unfinished,
      long maxWaitingForSender,
      List<PhaseReport> phases) {
    boolean lateP99 = lateness.p99().compareTo(threshold) > 0;
    boolean spilled = messagesAfterPhaseEnd > 0;
    boolean missedDeadline = ending == Ending.DEADLINE && (notSent > 0 || unfinished > 0);
    if (!lateP99 && !spilled && !missedDeadline) {
      return Optional.empty();
    }
    Optional<PhaseReport> slowest = slowestShortPhase(phases);
    return Optional.of(
        new BackPressure(
            threshold,
            lateness.p99(),
            lateness.max(),
            messagesLate,
            messagesAfterPhaseEnd,
            missedDeadline ? notSent : 0,
            missedDeadline ? unfinished : 0,
            maxWaitingForSender,
            slowest));
  }

  /**
   * The phase that fell furthest short of its intended rate, among those that really {@linkplain
   * PhaseReport#fellShort() fell short}; empty when every phase achieved its rate.
   */
  static Optional<PhaseReport> slowestShortPhase(List<PhaseReport> phases) {
    return phases.stream()
        .filter(PhaseReport::fellShort)
        .filter(phase -> phase.measuredDuration().compareTo(Duration.ZERO) > 0)
        .min(Comparator.comparingDouble(PhaseReport::achievedRatio));
  }
}
