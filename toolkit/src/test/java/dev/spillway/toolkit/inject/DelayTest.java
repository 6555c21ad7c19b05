package dev.spillway.toolkit.inject;

import static java.util.concurrent.TimeUnit.MICROSECONDS;
import static java.util.concurrent.TimeUnit.MILLISECONDS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;
import static org.assertj.core.api.Assertions.withinPercentage;

import java.time.Duration;
import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class DelayTest {

  private static final long MS = 1_000_000;

  static long[] draw(Delay delay, long seed, int n) {
    SplittableRandom random = new SplittableRandom(seed);
    long[] out = new long[n];
    for (int i = 0; i < n; i++) {
      out[i] = delay.nextNanos(random);
    }
    return out;
  }

  static double mean(long[] xs) {
    return Arrays.stream(xs).average().orElseThrow();
  }

  static double median(long[] xs) {
    long[] sorted = xs.clone();
    Arrays.sort(sorted);
    return sorted[sorted.length / 2];
  }

  static double fractionAbove(long[] xs, double x) {
    return (double) Arrays.stream(xs).filter(v -> v > x).count() / xs.length;
  }

  static Stream<Delay> randomModels() {
    return Stream.of(
        Delay.uniform(1, 9, MILLISECONDS),
        Delay.logNormal(5, MILLISECONDS, 0.5),
        Delay.logNormal(5, MILLISECONDS, 1).cappedAt(20, MILLISECONDS),
        Delay.pareto(1, MILLISECONDS, 1.5),
        Delay.pareto(1, MILLISECONDS, 0.9).cappedAt(1, java.util.concurrent.TimeUnit.SECONDS));
  }

  @ParameterizedTest
  @MethodSource("randomModels")
  void nextNanos_withTheSameSeed_drawsTheSameSequence(Delay delay) {
    assertThat(draw(delay, 42, 1000)).containsExactly(draw(delay, 42, 1000));
    assertThat(draw(delay, 43, 1000)).isNotEqualTo(draw(delay, 42, 1000));
  }

  @ParameterizedTest
  @MethodSource("randomModels")
  void nextNanos_isNeverNegative(Delay delay) {
    assertThat(Arrays.stream(draw(delay, 7, 10_000)).min().orElseThrow()).isNotNegative();
  }

  @Nested
  class None {
    @Test
    void none_isZeroWithMeanZeroAndDrawsNothing() {
      SplittableRandom used = new SplittableRandom(1);
      assertThat(Delay.none().nextNanos(used)).isZero();
      assertThat(used.nextLong()).isEqualTo(new SplittableRandom(1).nextLong());
      assertThat(Delay.none().meanNanos()).isZero();
      assertThat(Delay.none()).hasToString("NoDelayModel[]");
    }
  }

  @Nested
  class Fixed {
    @Test
    void fixed_isExactlyItsDelayEveryTime() {
      assertThat(draw(Delay.fixed(Duration.ofMillis(5)), 1, 100)).containsOnly(5 * MS);
      assertThat(Delay.fixed(5, MILLISECONDS).meanNanos()).isEqualTo(5e6);
    }

    @Test
    void fixed_withUnit_equalsTheDurationForm() {
      assertThat(Delay.fixed(5000, MICROSECONDS)).isEqualTo(Delay.fixed(Duration.ofMillis(5)));
    }

    @Test
    void fixed_toString_listsTheDelay() {
      assertThat(Delay.fixed(5, MILLISECONDS)).hasToString("FixedDelayModel[delay=PT0.005S]");
    }

    @Test
    void fixed_rejectsZeroNegativeNullAndNullUnit() {
      assertThatThrownBy(() -> Delay.fixed(Duration.ZERO))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessage("fixed delay must be a positive duration, but was PT0S");
      assertThatThrownBy(() -> Delay.fixed(-1, MILLISECONDS))
          .hasMessage("fixed delay must be a positive duration, but was PT-0.001S");
      assertThatThrownBy(() -> Delay.fixed(null)).hasMessage("fixed delay must not be null");
      assertThatThrownBy(() -> Delay.fixed(5, null))
          .hasMessage("fixed delay unit must not be null");
    }
  }

  @Nested
  class Uniform {
    private final UniformDelayModel uniform =
        Delay.uniform(Duration.ofMillis(2), Duration.ofMillis(8));

    @Test
    void uniform_staysWithinItsBoundsAndReachesBothEnds() {
      long[] xs = draw(Delay.uniform(Duration.ofNanos(10), Duration.ofNanos(13)), 3, 1000);
      assertThat(xs).containsOnly(10L, 11L, 12L, 13L).contains(10L, 13L);
      long[] many = draw(uniform, 3, 50_000);
      assertThat(Arrays.stream(many).min().orElseThrow()).isGreaterThanOrEqualTo(2 * MS);
      assertThat(Arrays.stream(many).max().orElseThrow()).isLessThanOrEqualTo(8 * MS);
    }

    @Test
    void uniform_meanIsMidpointAndSamplesAgreeWithinOnePercent() {
      assertThat(uniform.meanNanos()).isEqualTo(5e6);
      assertThat(mean(draw(uniform, 11, 50_000))).isCloseTo(5e6, withinPercentage(1));
    }

    @Test
    void uniform_toString_listsBothBounds() {
      assertThat(uniform).hasToString("UniformDelayModel[min=PT0.002S, max=PT0.008S]");
    }

    @Test
    void uniform_rejectsNegativeMinNullsAndMaxNotAboveMin() {
      assertThatThrownBy(() -> Delay.uniform(-1, 5, MILLISECONDS))
          .hasMessage("uniform delay min must be a duration >= 0, but was PT-0.001S");
      assertThatThrownBy(() -> Delay.uniform(null, Duration.ofMillis(1)))
          .hasMessage("uniform delay min must not be null");
      assertThatThrownBy(() -> Delay.uniform(Duration.ZERO, null))
          .hasMessage("uniform delay max must not be null");
      assertThatThrownBy(() -> Delay.uniform(5, 5, MILLISECONDS))
          .hasMessage("uniform delay max must be > min (PT0.005S), but was PT0.005S");
      assertThatThrownBy(() -> Delay.uniform(5, 4, MILLISECONDS))
          .hasMessage("uniform delay max must be > min (PT0.005S), but was PT0.004S");
      assertThatThrownBy(() -> Delay.uniform(1, 4, null))
          .hasMessage("uniform delay unit must not be null");
    }
  }

  @Nested
  class LogNormal {
    @Test
    void logNormal_sampleMedianIsTheMedianWithinTwoPercent() {
      long[] xs = draw(Delay.logNormal(5, MILLISECONDS, 0.5), 5, 20_001);
      assertThat(median(xs)).isCloseTo(5e6, withinPercentage(2));
    }

    @Test
    void logNormal_sampleMeanMatchesMeanNanos() {
      LogNormalDelayModel d = Delay.logNormal(5, MILLISECONDS, 0.5);
      assertThat(d.meanNanos()).isCloseTo(5e6 * Math.exp(0.125), within(1.0));
      assertThat(mean(draw(d, 9, 50_000))).isCloseTo(d.meanNanos(), withinPercentage(2));
    }

    @Test
    void logNormal_capped_neverExceedsItsCapAndItsMeanFormulaHolds() {
      LogNormalDelayModel d = Delay.logNormal(5, MILLISECONDS, 1).cappedAt(10, MILLISECONDS);
      long[] xs = draw(d, 13, 50_000);
      assertThat(Arrays.stream(xs).max().orElseThrow()).isEqualTo(10 * MS);
      // P(X >= 2 · median) = 1 − Φ(ln 2) ≈ 0.2441 when σ = 1
      double atCap = (double) Arrays.stream(xs).filter(v -> v == 10 * MS).count() / xs.length;
      assertThat(atCap).isCloseTo(0.2441, within(0.01));
      assertThat(mean(xs)).isCloseTo(d.meanNanos(), withinPercentage(1));
      assertThat(d.meanNanos()).isLessThan(Delay.logNormal(5, MILLISECONDS, 1).meanNanos());
      assertThat(d.isCapped()).isTrue();
      assertThat(Delay.logNormal(5, MILLISECONDS, 1).isCapped()).isFalse();
    }

    @Test
    void logNormal_toString_listsEveryParameter() {
      assertThat(Delay.logNormal(5, MILLISECONDS, 0.5))
          .hasToString("LogNormalDelayModel[median=PT0.005S, sigma=0.5, max=none]");
      assertThat(Delay.logNormal(5, MILLISECONDS, 0.5).cappedAt(Duration.ofMillis(50)))
          .hasToString("LogNormalDelayModel[median=PT0.005S, sigma=0.5, max=PT0.05S]");
    }

    @Test
    void logNormal_rejectsBadMedianSigmaAndCap() {
      assertThatThrownBy(() -> Delay.logNormal(Duration.ZERO, 0.5))
          .hasMessage("log-normal median must be a positive duration, but was PT0S");
      assertThatThrownBy(() -> Delay.logNormal(null, 0.5))
          .hasMessage("log-normal median must not be null");
      assertThatThrownBy(() -> Delay.logNormal(5, MILLISECONDS, 0))
          .hasMessage("log-normal sigma must be a finite number > 0, but was 0.0");
      assertThatThrownBy(() -> Delay.logNormal(5, MILLISECONDS, -1))
          .hasMessage("log-normal sigma must be a finite number > 0, but was -1.0");
      assertThatThrownBy(() -> Delay.logNormal(5, MILLISECONDS, Double.NaN))
          .hasMessage("log-normal sigma must be a finite number > 0, but was NaN");
      assertThatThrownBy(() -> Delay.logNormal(5, MILLISECONDS, Double.POSITIVE_INFINITY))
          .hasMessage("log-normal sigma must be a finite number > 0, but was Infinity");
      assertThatThrownBy(() -> Delay.logNormal(5, MILLISECONDS, 1).cappedAt(5, MILLISECONDS))
          .hasMessage("log-normal max must be > median (PT0.005S), but was PT0.005S");
      assertThatThrownBy(() -> Delay.logNormal(5, MILLISECONDS, 1).cappedAt(null))
          .hasMessage("log-normal max must not be null");
      assertThatThrownBy(() -> Delay.logNormal(5, null, 1))
          .hasMessage("log-normal median unit must not be null");
    }
  }

  @Nested
  class Pareto {
    @Test
    void pareto_neverDrawsBelowItsMinimum() {
      long[] xs = draw(Delay.pareto(1, MILLISECONDS, 1.5), 17, 50_000);
      assertThat(Arrays.stream(xs).min().orElseThrow()).isGreaterThanOrEqualTo(MS);
      assertThat(median(xs)).isCloseTo(MS * Math.pow(2, 1 / 1.5), withinPercentage(2));
    }

    @Test
    void pareto_tailFollowsThePowerLaw() {
      long[] xs = draw(Delay.pareto(1, MILLISECONDS, 1.5), 19, 100_000);
      // P(X > k · minimum) = k^−α
      assertThat(fractionAbove(xs, 10 * MS)).isCloseTo(Math.pow(10, -1.5), withinPercentage(8));
      assertThat(fractionAbove(xs, 100 * MS)).isCloseTo(Math.pow(100, -1.5), withinPercentage(25));
    }

    @Test
    void pareto_withFiniteVariance_sampleMeanMatchesMeanNanos() {
      ParetoDelayModel d = Delay.pareto(1, MILLISECONDS, 3);
      assertThat(d.meanNanos()).isCloseTo(1.5e6, within(1e-6));
      assertThat(mean(draw(d, 23, 100_000))).isCloseTo(1.5e6, withinPercentage(1));
    }

    @Test
    void pareto_withAlphaAtMostOne_hasAnInfiniteMeanUnlessCapped() {
      assertThat(Delay.pareto(1, MILLISECONDS, 1).meanNanos()).isInfinite();
      assertThat(Delay.pareto(1, MILLISECONDS, 0.5).meanNanos()).isInfinite();
      assertThat(Delay.pareto(1, MILLISECONDS, 0.5).cappedAt(Duration.ofSeconds(1)).meanNanos())
          .isFinite();
    }

    @Test
    void pareto_capped_neverExceedsItsCapAndItsMeanFormulaHolds() {
      for (double alpha : new double[] {0.8, 1.0, 2.5}) {
        ParetoDelayModel d = Delay.pareto(1, MILLISECONDS, alpha).cappedAt(100, MILLISECONDS);
        long[] xs = draw(d, 29, 100_000);
        assertThat(Arrays.stream(xs).max().orElseThrow()).isLessThanOrEqualTo(100 * MS);
        assertThat(fractionAbove(xs, 100 * MS - 1)) // the draws cut to the cap
            .isCloseTo(Math.pow(100, -alpha), within(0.002));
        assertThat(mean(xs)).as("alpha %s", alpha).isCloseTo(d.meanNanos(), withinPercentage(3));
      }
      // α = 1: minimum · (1 + ln(cap / minimum))
      assertThat(Delay.pareto(1, MILLISECONDS, 1).cappedAt(100, MILLISECONDS).meanNanos())
          .isCloseTo(1e6 * (1 + Math.log(100)), within(1.0));
    }

    @Test
    void pareto_uncappedWithTinyAlpha_saturatesInsteadOfOverflowing() {
      long[] xs = draw(Delay.pareto(1, MILLISECONDS, 0.01), 31, 1000);
      assertThat(Arrays.stream(xs).min().orElseThrow()).isGreaterThanOrEqualTo(MS);
      assertThat(xs).contains(Long.MAX_VALUE);
    }

    @Test
    void pareto_toString_listsEveryParameter() {
      assertThat(Delay.pareto(1, MILLISECONDS, 1.5))
          .hasToString("ParetoDelayModel[minimum=PT0.001S, alpha=1.5, max=none]");
      assertThat(
              Delay.pareto(1, MILLISECONDS, 1.5).cappedAt(1, java.util.concurrent.TimeUnit.SECONDS))
          .hasToString("ParetoDelayModel[minimum=PT0.001S, alpha=1.5, max=PT1S]");
    }

    @Test
    void pareto_rejectsBadMinimumAlphaAndCap() {
      assertThatThrownBy(() -> Delay.pareto(Duration.ZERO, 1.5))
          .hasMessage("Pareto minimum must be a positive duration, but was PT0S");
      assertThatThrownBy(() -> Delay.pareto(null, 1.5))
          .hasMessage("Pareto minimum must not be null");
      assertThatThrownBy(() -> Delay.pareto(1, MILLISECONDS, 0))
          .hasMessage("Pareto alpha must be a finite number > 0, but was 0.0");
      assertThatThrownBy(() -> Delay.pareto(1, MILLISECONDS, -2))
          .hasMessage("Pareto alpha must be a finite number > 0, but was -2.0");
      assertThatThrownBy(() -> Delay.pareto(1, MILLISECONDS, Double.NaN))
          .hasMessage("Pareto alpha must be a finite number > 0, but was NaN");
      assertThatThrownBy(() -> Delay.pareto(1, MILLISECONDS, 1).cappedAt(1, MILLISECONDS))
          .hasMessage("Pareto max must be > minimum (PT0.001S), but was PT0.001S");
      assertThatThrownBy(() -> Delay.pareto(1, MILLISECONDS, 1).cappedAt(null))
          .hasMessage("Pareto max must not be null");
      assertThatThrownBy(() -> Delay.pareto(1, null, 1))
          .hasMessage("Pareto minimum unit must not be null");
      assertThatThrownBy(() -> Delay.pareto(1, MILLISECONDS, 1).cappedAt(5, null))
          .hasMessage("Pareto max unit must not be null");
    }
  }
}
