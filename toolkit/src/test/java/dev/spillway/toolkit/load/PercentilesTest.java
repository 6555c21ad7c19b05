package dev.spillway.toolkit.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PercentilesTest {

  /** 1..1000 µs, one value each. */
  private static Histogram oneToThousandMicros() {
    Histogram h = new Histogram(Percentiles.SIGNIFICANT_DIGITS);
    for (int i = 1; i <= 1000; i++) {
      h.recordValue(i * 1_000L);
    }
    return h;
  }

  @Test
  void of_answersAnyPercentile_fromItsHistogram() {
    Percentiles p = Percentiles.of(oneToThousandMicros());

    assertThat(p.count()).isEqualTo(1000);
    assertThat(p.at(95)).isBetween(Duration.ofNanos(949_000), Duration.ofNanos(951_000));
    assertThat(p.at(12.5)).isBetween(Duration.ofNanos(124_000), Duration.ofNanos(126_000));
    assertThat(p.at(99)).isEqualTo(p.p99());
    assertThat(p.at(99.9)).isEqualTo(p.p999());
    assertThat(p.at(100)).isEqualTo(p.max());
  }

  @Test
  void of_copiesTheHistogram_soLaterRecordsDoNotShow() {
    Histogram h = oneToThousandMicros();
    Percentiles p = Percentiles.of(h);

    h.recordValue(5_000_000_000L);

    assertThat(p.count()).isEqualTo(1000);
    assertThat(p.at(100)).isLessThan(Duration.ofMillis(2));
    assertThat(p.histogram().orElseThrow().getTotalCount()).isEqualTo(1000);
  }

  @ParameterizedTest
  @ValueSource(doubles = {0, -1, 100.0001, 101, Double.NaN, Double.POSITIVE_INFINITY})
  void at_rejectsAPercentileOutOfRange(double percentile) {
    Percentiles p = Percentiles.of(oneToThousandMicros());

    assertThatThrownBy(() -> p.at(percentile))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("percentile must be > 0 and <= 100, but was " + percentile);
    assertThatThrownBy(() -> Percentiles.label(percentile))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void withoutHistogram_answersItsFiveFigures_andNamesAnyOtherAsUnknown() {
    Percentiles five =
        new Percentiles(
            10,
            Duration.ofMillis(1),
            Duration.ofMillis(2),
            Duration.ofMillis(3),
            Duration.ofMillis(4),
            Duration.ofMillis(5));

    assertThat(five.at(50)).isEqualTo(Duration.ofMillis(1));
    assertThat(five.at(99.9)).isEqualTo(Duration.ofMillis(4));
    assertThat(five.at(100)).isEqualTo(Duration.ofMillis(5));
    assertThat(five.histogram()).isEmpty();
    assertThatThrownBy(() -> five.at(95))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageStartingWith(
            "percentile p95 is not known: this distribution keeps only p50, p90, p99, p99.9 and max");
  }

  @Test
  void label_namesAnyPercentile_inOnePlace() {
    assertThat(Percentiles.label(50)).isEqualTo("p50");
    assertThat(Percentiles.label(95)).isEqualTo("p95");
    assertThat(Percentiles.label(99.9)).isEqualTo("p99.9");
    assertThat(Percentiles.label(99.99)).isEqualTo("p99.99");
    assertThat(Percentiles.label(100)).isEqualTo("max");
  }

  @Test
  void merge_givesThePercentilesOfTheUnionOfTheRecordedValues() {
    SplittableRandom random = new SplittableRandom(42);
    Histogram union = new Histogram(Percentiles.SIGNIFICANT_DIGITS);
    Histogram fast = new Histogram(Percentiles.SIGNIFICANT_DIGITS);
    Histogram slow = new Histogram(Percentiles.SIGNIFICANT_DIGITS);
    long[] values = new long[5_500];
    int n = 0;
    for (int i = 0; i < 5_000; i++) {
      long f = 50_000 + random.nextLong(100_000); // 50–150 µs
      long s = 1_000_000 + random.nextLong(40_000_000); // 1–41 ms
      fast.recordValue(f);
      union.recordValue(f);
      values[n++] = f;
      if (i % 10 == 0) {
        slow.recordValue(s);
        union.recordValue(s);
        values[n++] = s;
      }
    }

    Percentiles merged = Percentiles.merge(List.of(Percentiles.of(fast), Percentiles.of(slow)));

    long p99OfUnion = union.getValueAtPercentile(99);
    assertThat(merged.count()).isEqualTo(5_500);
    assertThat(merged.p99()).isEqualTo(Duration.ofNanos(p99OfUnion));
    // and within the histogram's precision (3 significant digits) of the exact p99 of the values
    Arrays.sort(values);
    long exactP99 = values[(int) Math.ceil(0.99 * values.length) - 1];
    assertThat((double) merged.p99().toNanos()).isCloseTo(exactP99, within(exactP99 * 0.001));
    assertThat(merged.p99()).isGreaterThan(Percentiles.of(fast).p99());
  }

  @Test
  void merge_refusesADistributionWithoutItsHistogram() {
    Percentiles five =
        new Percentiles(
            10,
            Duration.ofMillis(1),
            Duration.ofMillis(2),
            Duration.ofMillis(3),
            Duration.ofMillis(4),
            Duration.ofMillis(5));

    assertThatThrownBy(
            () -> Percentiles.merge(List.of(Percentiles.of(oneToThousandMicros()), five)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith(
            "distributions to merge must each keep their histogram, but one of 10 values");
    assertThat(Percentiles.merge(List.of(Percentiles.EMPTY)).count()).isZero();
    assertThat(Percentiles.EMPTY.at(95)).isZero();
    assertThat(Percentiles.merge(List.of(Percentiles.EMPTY)).at(95)).isZero();
  }
}
