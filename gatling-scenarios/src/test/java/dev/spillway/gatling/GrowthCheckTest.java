package dev.spillway.gatling;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.spillway.toolkit.record.Growth;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class GrowthCheckTest {

  static Growth growth(double slope, double se) {
    return new Growth(slope, se, 33, Duration.ofSeconds(3), Duration.ofMillis(6300), 0);
  }

  static boolean passed(List<Verdict> verdicts, String suffix) {
    return verdicts.stream()
        .filter(v -> v.name().endsWith(suffix))
        .findFirst()
        .orElseThrow()
        .passed();
  }

  @Test
  void tolerance_isThreeCombinedStandardErrorsPlusTheFloor() {
    GrowthCheck c = new GrowthCheck(growth(50, 0.3), growth(250, 0.4), growth(200, 1.2), 250);

    assertThat(c.expected()).isCloseTo(50, within(1e-9));
    assertThat(c.tolerance()).isCloseTo(3 * Math.sqrt(0.09 + 0.16 + 1.44) + 1.0, within(1e-9));
  }

  @Test
  void verdicts_passForTheMeasuredSeedSpike() {
    // the figures of a real run: g = 50.5 ± 0.5, λ = 250.0 ± 0.5, μ = 199.5 ± 0.1
    List<Verdict> v =
        new GrowthCheck(growth(50.5, 0.5), growth(250.0, 0.5), growth(199.5, 0.1), 250)
            .verdicts("singleton");

    assertThat(v).hasSize(3).allMatch(Verdict::passed);
    assertThat(v)
        .extracting(Verdict::name)
        .containsExactly(
            "singleton: load delivered", "singleton: queue grew", "singleton: growth ≈ λ − μ");
  }

  @Test
  void loadDelivered_failsWhenTheArrivalRateIsOffByMoreThanTenPercent() {
    List<Verdict> v =
        new GrowthCheck(growth(20, 0.5), growth(220, 0.5), growth(200, 0.1), 250)
            .verdicts("singleton");

    assertThat(passed(v, "load delivered")).isFalse();
    assertThat(passed(v, "growth ≈ λ − μ")).isTrue();
  }

  @Test
  void queueGrew_failsWhenTheServiceKeepsUp() {
    List<Verdict> v =
        new GrowthCheck(growth(0.2, 0.3), growth(250, 0.5), growth(249.8, 0.5), 250)
            .verdicts("partitioned");

    assertThat(passed(v, "queue grew")).isFalse();
  }

  @Test
  void queueGrew_failsWhenTheSlopeIsWithinThreeStandardErrorsOfZero() {
    List<Verdict> v =
        new GrowthCheck(growth(5, 2), growth(255, 1), growth(250, 1), 250).verdicts("singleton");

    assertThat(passed(v, "queue grew")).isFalse();
  }

  @Test
  void growthMatches_failsWhenTheQueueGrowsSlowerThanLambdaMinusMu() {
    // messages going missing: λ − μ = 50 but the queue grows at 30
    List<Verdict> v =
        new GrowthCheck(growth(30, 0.5), growth(250, 0.5), growth(200, 0.1), 250)
            .verdicts("singleton");

    assertThat(passed(v, "queue grew")).isTrue();
    assertThat(passed(v, "growth ≈ λ − μ")).isFalse();
    assertThat(v.get(2).detail()).contains("g = 30.0", "λ − μ = 50.0");
  }

  @Test
  void verdicts_failWhenAStandardErrorIsUnknown() {
    Growth twoPoints = new Growth(50, Double.NaN, 2, Duration.ZERO, Duration.ofSeconds(1), 0);

    List<Verdict> v =
        new GrowthCheck(twoPoints, growth(250, 0.5), growth(200, 0.1), 250).verdicts("singleton");

    assertThat(v).noneMatch(Verdict::passed);
  }
}
