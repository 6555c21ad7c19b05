package dev.spillway.toolkit.record;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.time.Duration;
import java.util.OptionalLong;
import java.util.Random;
import org.junit.jupiter.api.Test;

class DepthSeriesTest {

  private static final long MS = 1_000_000L;

  /** Points every 10 ms with these depths. */
  private static DepthSeries every10ms(long... depths) {
    long[] times = new long[depths.length];
    for (int i = 0; i < depths.length; i++) {
      times[i] = i * 10 * MS;
    }
    return DepthSeries.of("q", times, depths);
  }

  @Test
  void stats_summariseTheSeries() {
    DepthSeries s = every10ms(0, 4, 8, 8, 2, 0);

    DepthStats st = s.stats();

    assertThat(st.probe()).isEqualTo("q");
    assertThat(st.points()).isEqualTo(6);
    assertThat(st.samples()).isEqualTo(6);
    assertThat(st.highWaterMark()).isEqualTo(8);
    assertThat(st.highWaterMarkAt()).isEqualTo(Duration.ofMillis(20)); // first time at 8
    assertThat(st.finalDepth()).isZero();
    assertThat(st.span()).isEqualTo(Duration.ofMillis(50));
    // step function over 50 ms: (0 + 4 + 8 + 8 + 2) × 10 ms / 50 ms
    assertThat(st.meanDepth()).isCloseTo(22.0 / 5, within(1e-9));
  }

  @Test
  void stats_ofAnEmptySeries_areZero() {
    DepthStats st = DepthSeries.of("q", new long[0], new long[0]).stats();
    assertThat(st.highWaterMark()).isZero();
    assertThat(st.meanDepth()).isZero();
    assertThat(st.span()).isEqualTo(Duration.ZERO);
  }

  @Test
  void timeAbove_addsTheIntervalsWhoseDepthExceedsTheThreshold() {
    DepthSeries s = every10ms(0, 5, 6, 1, 7, 7);
    assertThat(s.timeAbove(4)).isEqualTo(Duration.ofMillis(30)); // 5, 6 and the first 7
    assertThat(s.timeAbove(7)).isEqualTo(Duration.ZERO);
    assertThat(s.timeAbove(0)).isEqualTo(Duration.ofMillis(40));
  }

  @Test
  void drainTime_isTheTimeFromTheInstantUntilTheDepthFirstReachesTheLevel() {
    DepthSeries s = every10ms(0, 50, 100, 60, 20, 3, 0);
    assertThat(s.drainTime(Duration.ofMillis(20), 5)).contains(Duration.ofMillis(30));
    assertThat(s.drainTime(Duration.ofMillis(25), 0)).contains(Duration.ofMillis(35));
    assertThat(s.drainTime(Duration.ofMillis(10), 100)).contains(Duration.ZERO);
  }

  @Test
  void drainTime_whenTheDepthNeverFalls_isEmpty() {
    DepthSeries s = every10ms(0, 50, 100, 120);
    assertThat(s.drainTime(Duration.ofMillis(10), 10)).isEmpty();
    assertThat(s.drainTime(Duration.ofSeconds(1), 1000)).isEmpty();
  }

  @Test
  void depthAt_isTheLastPointAtOrBeforeTheTime() {
    DepthSeries s = every10ms(1, 2, 3);
    assertThat(s.depthAt(Duration.ofMillis(15))).isEqualTo(OptionalLong.of(2));
    assertThat(s.depthAt(Duration.ofMillis(20))).isEqualTo(OptionalLong.of(3));
    assertThat(DepthSeries.of("q", new long[] {5 * MS}, new long[] {1}).depthAt(Duration.ZERO))
        .isEmpty();
  }

  @Test
  void growth_ofAStraightLine_isItsSlopeWithZeroError() {
    // 50 messages/s sampled every 10 ms for 2 s
    long[] t = new long[201];
    long[] d = new long[201];
    for (int i = 0; i < t.length; i++) {
      t[i] = i * 10 * MS;
      d[i] = 100 + i / 2; // +1 every 20 ms = 50/s, quantised
    }
    Growth g = DepthSeries.of("q", t, d).growth();

    assertThat(g.slopePerSecond()).isCloseTo(50, within(0.1));
    assertThat(g.standardError()).isLessThan(0.1);
    assertThat(g.points()).isEqualTo(201);
    assertThat(g.from()).isEqualTo(Duration.ZERO);
    assertThat(g.to()).isEqualTo(Duration.ofSeconds(2));
    assertThat(g.fittedStartDepth()).isCloseTo(100, within(0.5));
    assertThat(g.fittedEndDepth()).isCloseTo(200, within(0.5));
    assertThat(g.isSignificant(3)).isTrue();
  }

  @Test
  void growth_ofANoisyLine_hasAnErrorThatCoversTheTrueSlope() {
    Random random = new Random(7);
    int misses = 0;
    for (int run = 0; run < 200; run++) {
      long[] t = new long[100];
      long[] d = new long[100];
      for (int i = 0; i < t.length; i++) {
        t[i] = i * 10 * MS;
        d[i] = Math.max(0, Math.round(500 + 20.0 * i * 0.01 + random.nextGaussian() * 10));
      }
      Growth g = DepthSeries.of("q", t, d).growth();
      if (Math.abs(g.slopePerSecond() - 20) > 2 * g.standardError()) {
        misses++;
      }
    }
    // with Gaussian noise a 2-SE interval misses ~5% of the time
    assertThat(misses).isBetween(2, 25);
  }

  @Test
  void growth_inAWindow_usesOnlyThePointsInsideIt() {
    DepthSeries s = every10ms(0, 10, 20, 30, 30, 30, 30);
    assertThat(s.growth(Duration.ZERO, Duration.ofMillis(30)).slopePerSecond())
        .isCloseTo(1000, within(1e-6));
    Growth flat = s.growth(Duration.ofMillis(30), Duration.ofMillis(60));
    assertThat(flat.slopePerSecond()).isCloseTo(0, within(1e-9));
    assertThat(flat.standardError()).isZero();
    assertThat(flat.isSignificant(3)).isFalse();
    assertThat(flat.points()).isEqualTo(4);
  }

  @Test
  void growth_withTooFewPoints_isUndetermined() {
    DepthSeries s = every10ms(0, 10, 20);
    Growth none = s.growth(Duration.ofSeconds(5), Duration.ofSeconds(6));
    assertThat(none.isDetermined()).isFalse();
    assertThat(none.points()).isZero();
    Growth two = s.growth(Duration.ZERO, Duration.ofMillis(10));
    assertThat(two.isDetermined()).isTrue();
    assertThat(two.hasStandardError()).isFalse();
    assertThat(two.isSignificant(0)).isFalse();
  }

  @Test
  void growth_withTheWindowReversed_isRejected() {
    DepthSeries s = every10ms(0, 1);
    assertThatThrownBy(() -> s.growth(Duration.ofSeconds(2), Duration.ofSeconds(1)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("window end must be not before PT2S, but was PT1S");
  }

  @Test
  void of_copiesItsArrays() {
    long[] t = {0, 10};
    long[] d = {1, 2};
    DepthSeries s = DepthSeries.of("q", t, d);
    d[1] = 99;
    s.depths()[0] = 99;
    assertThat(s.depths()).containsExactly(1, 2);
    assertThat(s.timesNanos()).containsExactly(0, 10);
    assertThat(s).isEqualTo(DepthSeries.of("q", new long[] {0, 10}, new long[] {1, 2}));
    assertThat(s.toString())
        .isEqualTo(
            "DepthSeries[probe=q, points=2, samples=2, failedSamples=0, stride=1,"
                + " highWaterMark=2, finalDepth=2]");
  }

  @Test
  void of_withInconsistentSamples_isRejected() {
    assertThatThrownBy(() -> DepthSeries.of("q", new long[] {0, 1}, new long[] {1}))
        .hasMessage("depths length must be times length 2, but was 1");
    assertThatThrownBy(() -> DepthSeries.of("q", new long[] {5, 4}, new long[] {1, 1}))
        .hasMessage("times[1] must be >= times[0], but was 4");
    assertThatThrownBy(() -> DepthSeries.of("q", new long[] {0}, new long[] {-1}))
        .hasMessage("depths[0] must be >= 0, but was -1");
    assertThatThrownBy(() -> DepthSeries.of("q", new long[] {-1}, new long[] {1}))
        .hasMessage("times[0] must be >= 0 (an offset from the start), but was -1");
    assertThatThrownBy(() -> DepthSeries.of(" ", new long[0], new long[0]))
        .hasMessage("probe name must not be blank, but was ' '");
    assertThatThrownBy(() -> DepthSeries.of("q", null, new long[0]))
        .hasMessage("times must not be null");
  }

  @Test
  void statsArguments_outOfRange_areRejected() {
    DepthSeries s = every10ms(1);
    assertThatThrownBy(() -> s.timeAbove(-1)).hasMessage("threshold must be >= 0, but was -1");
    assertThatThrownBy(() -> s.drainTime(Duration.ofMillis(-1), 0))
        .hasMessage("drain start must be a duration >= 0, but was PT-0.001S");
    assertThatThrownBy(() -> s.drainTime(Duration.ZERO, -1))
        .hasMessage("drain level must be >= 0, but was -1");
    assertThatThrownBy(() -> s.growth().isSignificant(-1))
        .hasMessage("significance factor must be a finite number >= 0, but was -1.0");
  }
}
