package dev.spillway.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.spillway.toolkit.record.DepthSeries;
import java.util.Arrays;
import java.util.OptionalLong;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class DownsamplerTest {

  private static long[][] noisy(int n, long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    long[] t = new long[n];
    long[] d = new long[n];
    for (int i = 0; i < n; i++) {
      t[i] = i * 1_000_000L + 123; // sub-microsecond part to round away
      d[i] = random.nextInt(0, 1000);
    }
    return new long[][] {t, d};
  }

  @Test
  void downsample_keepsAtMostMaxPoints_includingTheFirstAndTheLast() {
    long[][] s = noisy(100_001, 1);

    long[][] out = Downsampler.downsample(s[0], s[1], 2000);

    assertThat(out[0]).hasSizeLessThanOrEqualTo(2000).hasSizeGreaterThan(1900);
    assertThat(out[0][0]).isEqualTo(0);
    assertThat(out[1][0]).isEqualTo(s[1][0]);
    assertThat(out[0][out[0].length - 1]).isEqualTo(100_000 * 1_000_000L);
    assertThat(out[1][out[1].length - 1]).isEqualTo(s[1][100_000]);
  }

  @Test
  void downsample_keepsTheHighWaterMark_atItsTime() {
    long[][] s = noisy(50_000, 2);
    s[1][31_337] = 5_000; // a single-sample spike

    long[][] out = Downsampler.downsample(s[0], s[1], 500);

    int at = indexOfMax(out[1]);
    assertThat(out[1][at]).isEqualTo(5_000);
    assertThat(out[0][at]).isEqualTo(31_337 * 1_000_000L);
  }

  @Test
  void downsample_keepsTheLowPoints_soADrainStaysVisible() {
    long[] t = new long[10_000];
    long[] d = new long[10_000];
    for (int i = 0; i < t.length; i++) {
      t[i] = i;
      d[i] = 100;
    }
    d[7_777] = 0; // the queue emptied for one sample

    long[][] out = Downsampler.downsample(t, d, 100);

    assertThat(Arrays.stream(out[1]).min().getAsLong()).isZero();
  }

  @Test
  void downsample_keepsTimesInOrder_andRoundsThemToMicroseconds() {
    long[][] s = noisy(20_000, 3);

    long[][] out = Downsampler.downsample(s[0], s[1], 1000);

    for (int i = 1; i < out[0].length; i++) {
      assertThat(out[0][i]).isGreaterThanOrEqualTo(out[0][i - 1]);
    }
    assertThat(Arrays.stream(out[0]).allMatch(t -> t % 1000 == 0)).isTrue();
  }

  @Test
  void downsample_keepsAShortSeriesWhole() {
    long[] t = {0, 1_500, 2_999};
    long[] d = {1, 2, 3};

    long[][] out = Downsampler.downsample(t, d, 16);

    assertThat(out[0]).containsExactly(0, 1_000, 2_000);
    assertThat(out[1]).containsExactly(1, 2, 3);
  }

  @Test
  void downsample_rejectsFewerThanSixteenPoints() {
    assertThatThrownBy(() -> Downsampler.downsample(new long[0], new long[0], 15))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("max points must be >= 16, but was 15");
  }

  @Test
  void trace_keepsTheFullSeriesFigures() {
    long[][] s = noisy(30_000, 4);
    DepthSeries series = DepthSeries.of("q", s[0], s[1]);

    ProbeTrace trace = Downsampler.trace(series, OptionalLong.of(1234), 100);

    assertThat(trace.size()).isLessThanOrEqualTo(100);
    assertThat(trace.samples()).isEqualTo(30_000);
    assertThat(trace.highWaterMark()).isEqualTo(series.highWaterMark());
    assertThat(trace.meanDepth()).isEqualTo(series.stats().meanDepth());
    assertThat(trace.finalDepth()).isEqualTo(series.finalDepth());
    assertThat(trace.bestHighWaterMark()).isEqualTo(1234);
  }

  private static int indexOfMax(long[] values) {
    int at = 0;
    for (int i = 1; i < values.length; i++) {
      if (values[i] > values[at]) {
        at = i;
      }
    }
    return at;
  }
}
