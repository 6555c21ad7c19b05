package dev.spillway.junit.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.spillway.toolkit.load.Percentiles;
import java.time.Duration;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;

class LatencySpecTest {

  /** 1..1000 µs, one value each: p95 is about 950 µs. */
  private static Percentiles latency() {
    Histogram h = new Histogram(Percentiles.SIGNIFICANT_DIGITS);
    for (int i = 1; i <= 1000; i++) {
      h.recordValue(i * 1_000L);
    }
    return Percentiles.of(h);
  }

  @Test
  void aP95Bound_isJudgedAgainstTheHistogram_onBothSidesOfTheValue() {
    Duration p95 = latency().at(95);
    assertThat(p95).isBetween(Duration.ofNanos(949_000), Duration.ofNanos(951_000));

    LatencySpec holds = new LatencySpec(95, p95);
    LatencySpec broken = new LatencySpec(95, p95.minusNanos(1));

    assertThat(holds.valueIn(latency())).isEqualTo(p95).isLessThanOrEqualTo(holds.max());
    assertThat(broken.valueIn(latency())).isGreaterThan(broken.max());
    assertThat(holds.label()).isEqualTo("p95");
    assertThat(new LatencySpec(99.9, p95).label()).isEqualTo("p99.9");
    assertThat(new LatencySpec(100, p95).label()).isEqualTo("max");
  }
}
