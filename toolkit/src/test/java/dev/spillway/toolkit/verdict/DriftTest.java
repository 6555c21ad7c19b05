package dev.spillway.toolkit.verdict;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.spillway.toolkit.record.DepthSeries;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class DriftTest {

  /** A queue growing 500/s, sampled every 10 ms from {@code firstMillis} to 2 s. */
  private static DepthSeries growing(int firstMillis) {
    int n = (2_000 - firstMillis) / 10 + 1;
    long[] t = new long[n];
    long[] d = new long[n];
    for (int i = 0; i < n; i++) {
      long ms = firstMillis + 10L * i;
      t[i] = ms * 1_000_000L;
      d[i] = ms / 2; // 500 per second
    }
    return DepthSeries.of("q", t, d);
  }

  @Test
  void aSeriesSampledFromBeforeTheWindow_measuresTheWholeWindow() {
    Drift drift = Drift.of(growing(0), Duration.ofMillis(100), Duration.ofSeconds(2), 20).get();

    assertThat(drift.slopePerSecond()).isCloseTo(500, within(1.0));
  }

  @Test
  void aSeriesWhoseFirstSampleCameAfterTheWindowOpened_isMeasuredFromThatSample() {
    // on a busy machine the recorder's first sample can come after the load started: the drift
    // is measured from it, not refused (which kept a certain overflow undecided all run long)
    Drift drift = Drift.of(growing(250), Duration.ofMillis(100), Duration.ofSeconds(2), 20).get();

    assertThat(drift.slopePerSecond()).isCloseTo(500, within(1.0));
  }

  @Test
  void aSeriesWithNoPointBeforeTheEnd_hasNoDrift() {
    assertThat(Drift.of(growing(1_990), Duration.ZERO, Duration.ofMillis(1_500), 20)).isEmpty();
  }
}
