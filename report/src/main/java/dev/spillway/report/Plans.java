package dev.spillway.report;

import dev.spillway.toolkit.load.LoadPhase;
import dev.spillway.toolkit.load.LoadProfile;
import dev.spillway.toolkit.load.LoadReport;
import dev.spillway.toolkit.load.PhaseKind;
import dev.spillway.toolkit.load.PhaseReport;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalLong;
import java.util.stream.Collectors;

/** Places a load profile (or a load report's phases) on a run's timeline. Stateless. */
final class Plans {

  private Plans() {}

  static Optional<LoadPlan> plan(LoadProfile profile, LoadReport report, Duration loadStart) {
    if (profile != null) {
      List<PhaseSpan> spans = new ArrayList<>();
      for (LoadPhase phase : profile.phases()) {
        Optional<PhaseReport> achieved = phaseReport(report, phase.index(), phase.name());
        spans.add(
            new PhaseSpan(
                phase.name(),
                phase.kind(),
                loadStart.plus(phase.startOffset()),
                phase.duration(),
                phase.startRatePerSecond(),
                phase.endRatePerSecond(),
                phase.plannedMessages(),
                achieved.map(p -> OptionalLong.of(p.sentMessages())).orElse(OptionalLong.empty()),
                achieved.map(p -> finite(p.achievedRatePerSecond())).orElse(OptionalDouble.empty()),
                achieved.map(p -> OptionalLong.of(p.heldMessages())).orElse(OptionalLong.empty())));
      }
      return Optional.of(
          new LoadPlan(
              profile.describe(),
              loadStart,
              profile.plannedDuration(),
              profile.plannedMessages(),
              spans));
    }
    if (report != null) {
      List<PhaseSpan> spans = new ArrayList<>();
      Duration at = loadStart;
      for (PhaseReport phase : report.phases()) {
        double rate =
            phase.kind() == PhaseKind.BURST
                ? Double.POSITIVE_INFINITY
                : phase.intendedRatePerSecond();
        spans.add(
            new PhaseSpan(
                phase.name(),
                phase.kind(),
                at,
                phase.plannedDuration(),
                rate,
                rate,
                phase.plannedMessages(),
                OptionalLong.of(phase.sentMessages()),
                finite(phase.achievedRatePerSecond()),
                OptionalLong.of(phase.heldMessages())));
        at = at.plus(phase.plannedDuration());
      }
      String description =
          report.phases().stream().map(PhaseReport::name).collect(Collectors.joining(" → "));
      return Optional.of(
          new LoadPlan(description, loadStart, report.plannedDuration(), report.planned(), spans));
    }
    return Optional.empty();
  }

  private static OptionalDouble finite(double rate) {
    return Double.isFinite(rate) ? OptionalDouble.of(rate) : OptionalDouble.empty();
  }

  private static Optional<PhaseReport> phaseReport(LoadReport report, int index, String name) {
    if (report == null || index >= report.phases().size()) {
      return Optional.empty();
    }
    PhaseReport phase = report.phases().get(index);
    return phase.name().equals(name) ? Optional.of(phase) : Optional.empty();
  }
}
