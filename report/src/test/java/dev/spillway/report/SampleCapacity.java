package dev.spillway.report;

import static java.time.Duration.ofMillis;
import static java.time.Duration.ofSeconds;

import dev.spillway.toolkit.capacity.CapacityResult;
import dev.spillway.toolkit.capacity.CapacityTrial;
import dev.spillway.toolkit.verdict.Verdict;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * Capacity searches made up for the report's tests: a bisection over a component whose true
 * capacity is {@code capacity}, with the figures a search would measure (growth λ − μ above it, p99
 * rising as it nears it).
 */
final class SampleCapacity {

  private SampleCapacity() {}

  /**
   * The search of a component of capacity {@code capacity}: steps up from a quarter of it by
   * quarters until a trial breaks, then bisects the bracket {@code bisections} times.
   */
  static CapacityResult search(double capacity, int bisections) {
    List<CapacityTrial> trials = new ArrayList<>();
    double step = capacity / 4;
    double low = 0;
    double high = 0;
    for (double rate = step; ; rate += step) {
      CapacityTrial t = trial(rate, capacity);
      trials.add(t);
      if (!t.sustained()) {
        high = rate;
        break;
      }
      low = rate;
    }
    for (int i = 0; i < bisections; i++) {
      double mid = (low + high) / 2;
      CapacityTrial t = trial(mid, capacity);
      trials.add(t);
      if (t.sustained()) {
        low = mid;
      } else {
        high = mid;
      }
    }
    double mu =
        trials.stream()
            .filter(t -> !t.sustained())
            .mapToDouble(CapacityTrial::serviceRate)
            .max()
            .orElseThrow();
    return new CapacityResult(
        trials,
        OptionalDouble.of(low),
        low,
        high,
        OptionalDouble.of(mu),
        ofSeconds(60),
        ofMillis(3_000L * trials.size()));
  }

  /** A search in which every trial held, up to {@code top} per second. */
  static CapacityResult neverSaturated(double top) {
    List<CapacityTrial> trials = List.of(trial(top / 2, 2 * top), trial(top, 2 * top));
    return new CapacityResult(
        trials,
        OptionalDouble.of(top),
        top,
        top,
        OptionalDouble.empty(),
        ofSeconds(20),
        ofSeconds(6));
  }

  static CapacityTrial trial(double rate, double capacity) {
    boolean sustained = rate <= capacity;
    double served = Math.min(rate, capacity * 0.995);
    double growth = sustained ? 0.1 : rate - served;
    double load = Math.min(rate / capacity, 0.98);
    Duration p99 = Duration.ofNanos((long) (5_000_000 / (1 - load)));
    return new CapacityTrial(
        rate,
        rate * 0.998,
        served,
        growth,
        0.4,
        Optional.of(sustained ? p99 : ofMillis(900)),
        sustained ? Verdict.SURVIVED : Verdict.OVERFLOWED,
        sustained,
        sustained ? ofSeconds(4) : ofMillis(1_500),
        sustained
            ? "sustained: growth 0.1 ± 0.4 msg/s, p99 within 50 ms, nothing lost"
            : String.format(
                java.util.Locale.ROOT,
                "queue grew %.1f ± 0.4 msg/s (> 0 at 99%%): stopped at the first clear breach",
                growth));
  }

  /** A run that holds a capacity search of a component of capacity {@code capacity}. */
  static RunResult run(String id, String design, double capacity) {
    return RunResult.builder("capacity of " + design)
        .id(id)
        .design(design)
        .scenario("capacity search")
        .source("junit")
        .startedAt(SampleRuns.START)
        .duration(ofSeconds(40))
        .capacity(search(capacity, 3))
        .build();
  }

  /**
   * Capacity runs of {@code partitioned(1, 2, 4, 8)} whose knees follow the Universal Scalability
   * Law with C(1) = 200/s, σ = 0.05, κ = 0.02 (N* ≈ 6.9).
   */
  static List<RunResult> partitionedRuns() {
    List<RunResult> runs = new ArrayList<>();
    for (int n : new int[] {1, 2, 4, 8}) {
      double c = 200.0 * n / (1 + 0.05 * (n - 1) + 0.02 * n * (n - 1));
      runs.add(run("capacity-partitioned-" + n, "partitioned(" + n + ")", c));
    }
    return runs;
  }
}
