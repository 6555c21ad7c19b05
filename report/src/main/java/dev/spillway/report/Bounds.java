package dev.spillway.report;

import dev.spillway.toolkit.load.Percentiles;
import dev.spillway.toolkit.verdict.Assessment;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;

/** Turns the bounds given to a {@link RunResultBuilder} into {@link BoundCheck}s. Stateless. */
final class Bounds {

  private Bounds() {}

  static List<BoundCheck> checks(
      List<ProbeTrace> probes,
      Map<String, Long> queueBounds,
      Optional<Assessment> assessment,
      Optional<String> judgedProbe,
      Duration drainBound,
      Optional<Duration> drainTime,
      Map<String, Duration> latencyBounds,
      Optional<Percentiles> latency) {
    List<BoundCheck> checks = new ArrayList<>();
    for (String probe : queueBounds.keySet()) {
      if (!probe.isEmpty()) {
        RunResultBuilder.requireProbeOf(probes, probe, "queue bound");
      }
    }
    for (ProbeTrace probe : probes) {
      Long max = queueBounds.getOrDefault(probe.probe(), queueBounds.get(""));
      if (max == null
          && judgedProbe.isPresent()
          && judgedProbe.get().equals(probe.probe())
          && assessment.isPresent()
          && assessment.get().rules().bound().isPresent()) {
        max = assessment.get().rules().bound().getAsLong();
      }
      if (max != null) {
        checks.add(
            new BoundCheck(
                BoundKind.QUEUE, probe.probe(), max, OptionalDouble.of(probe.bestHighWaterMark())));
      }
    }
    if (drainBound != null) {
      checks.add(
          new BoundCheck(
              BoundKind.DRAIN,
              judgedProbe.orElse("judged queue"),
              Numbers.millis(drainBound),
              drainTime
                  .map(d -> OptionalDouble.of(Numbers.millis(d)))
                  .orElse(OptionalDouble.empty())));
    }
    latencyBounds.forEach(
        (label, max) ->
            checks.add(
                new BoundCheck(
                    BoundKind.LATENCY,
                    label,
                    Numbers.millis(max),
                    latency
                        .map(p -> OptionalDouble.of(Numbers.millis(Percentile.value(p, label))))
                        .orElse(OptionalDouble.empty()))));
    return checks;
  }
}
