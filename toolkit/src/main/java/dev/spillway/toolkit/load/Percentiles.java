package dev.spillway.toolkit.load;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import dev.spillway.toolkit.util.Durations;
import dev.spillway.toolkit.util.Preconditions;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.Collection;
import java.util.Objects;
import java.util.Optional;
import org.HdrHistogram.Histogram;
import org.apiguardian.api.API;

/**
 * A timing distribution (lateness or latency) in nanoseconds: the five figures a report shows (p50,
 * p90, p99, p99.9, max) and, when it was made from one, a private copy of the HdrHistogram that
 * answers {@linkplain #at any percentile} and {@linkplain #merge merges} with others.
 *
 * <p>A distribution made from the five figures alone (a run result written before histograms were
 * kept, a hand-made summary) answers those five percentiles only.
 *
 * <p>Thread-safety: immutable; all methods are thread-safe.
 */
@API(status = EXPERIMENTAL, since = "0.1")
public final class Percentiles {

  /** The significant digits of the histograms the load driver records (and of a merge). */
  public static final int SIGNIFICANT_DIGITS = 3;

  /** No values. */
  public static final Percentiles EMPTY =
      new Percentiles(0, Duration.ZERO, Duration.ZERO, Duration.ZERO, Duration.ZERO, Duration.ZERO);

  private final long count;
  private final Duration p50;
  private final Duration p90;
  private final Duration p99;
  private final Duration p999;
  private final Duration max;
  private final Histogram histogram; // null: only the five figures are known

  /**
   * A distribution known by its five figures only; {@link #at} answers 50, 90, 99, 99.9 and 100.
   *
   * @param count how many values were recorded
   * @param p50 the median
   * @param p90 the 90th percentile
   * @param p99 the 99th percentile
   * @param p999 the 99.9th percentile
   * @param max the largest value (to the histogram's precision)
   */
  public Percentiles(
      long count, Duration p50, Duration p90, Duration p99, Duration p999, Duration max) {
    this(count, p50, p90, p99, p999, max, null);
  }

  private Percentiles(
      long count,
      Duration p50,
      Duration p90,
      Duration p99,
      Duration p999,
      Duration max,
      Histogram histogram) {
    this.count = Preconditions.notNegative(count, "percentiles count");
    this.p50 = Preconditions.notNegative(p50, "p50");
    this.p90 = Preconditions.notNegative(p90, "p90");
    this.p99 = Preconditions.notNegative(p99, "p99");
    this.p999 = Preconditions.notNegative(p999, "p99.9");
    this.max = Preconditions.notNegative(max, "max");
    this.histogram = histogram;
  }

  /**
   * The distribution of the values (nanoseconds) recorded in {@code histogram}, which is copied:
   * later changes to it do not show here.
   */
  public static Percentiles of(Histogram histogram) {
    Preconditions.notNull(histogram, "histogram");
    Histogram copy = histogram.copy();
    if (copy.getTotalCount() == 0) {
      return new Percentiles(
          0, Duration.ZERO, Duration.ZERO, Duration.ZERO, Duration.ZERO, Duration.ZERO, copy);
    }
    return new Percentiles(
        copy.getTotalCount(),
        Duration.ofNanos(copy.getValueAtPercentile(50)),
        Duration.ofNanos(copy.getValueAtPercentile(90)),
        Duration.ofNanos(copy.getValueAtPercentile(99)),
        Duration.ofNanos(copy.getValueAtPercentile(99.9)),
        Duration.ofNanos(copy.getMaxValue()),
        copy);
  }

  /**
   * The distribution of all the values of {@code distributions} together: their histograms added.
   * Empty distributions (no value) need no histogram.
   *
   * @throws IllegalArgumentException when one with values has no histogram (only its five figures)
   */
  public static Percentiles merge(Collection<Percentiles> distributions) {
    Preconditions.notNull(distributions, "distributions");
    Histogram sum = new Histogram(SIGNIFICANT_DIGITS);
    for (Percentiles p : distributions) {
      Preconditions.notNull(p, "distribution");
      if (p.count == 0) {
        continue;
      }
      if (p.histogram == null) {
        throw new IllegalArgumentException(
            "distributions to merge must each keep their histogram, but one of "
                + p.count
                + " values has only its five figures ("
                + p.describe()
                + ")");
      }
      sum.add(p.histogram);
    }
    return of(sum);
  }

  /**
   * The label of {@code percentile} in reports and messages: {@code "max"} for 100, else {@code
   * "p"} and the percentile without trailing zeros ({@code "p95"}, {@code "p99.9"}).
   *
   * @throws IllegalArgumentException when it is not &gt; 0 and &lt;= 100
   */
  public static String label(double percentile) {
    checkPercentile(percentile);
    return percentile == 100
        ? "max"
        : "p" + BigDecimal.valueOf(percentile).stripTrailingZeros().toPlainString();
  }

  private static void checkPercentile(double percentile) {
    Preconditions.check(
        percentile > 0 && percentile <= 100, "percentile", "> 0 and <= 100", percentile);
  }

  /**
   * The value at {@code percentile} (0 &lt; percentile &lt;= 100; 100 is the maximum), to the
   * histogram's precision; zero when no value was recorded.
   *
   * @throws IllegalArgumentException when the percentile is out of range
   * @throws IllegalStateException when this distribution has no histogram and the percentile is not
   *     one of its five figures
   */
  public Duration at(double percentile) {
    checkPercentile(percentile);
    if (percentile == 100) {
      return max;
    }
    if (count == 0) {
      return Duration.ZERO;
    }
    if (histogram != null) {
      return Duration.ofNanos(histogram.getValueAtPercentile(percentile));
    }
    if (percentile == 50) {
      return p50;
    } else if (percentile == 90) {
      return p90;
    } else if (percentile == 99) {
      return p99;
    } else if (percentile == 99.9) {
      return p999;
    }
    throw new IllegalStateException(
        "percentile "
            + label(percentile)
            + " is not known: this distribution keeps only p50, p90, p99, p99.9 and max, not its"
            + " histogram (a result written before histograms were kept?)");
  }

  /** A copy of the histogram (values in nanoseconds), when this distribution keeps one. */
  public Optional<Histogram> histogram() {
    return histogram == null ? Optional.empty() : Optional.of(histogram.copy());
  }

  /** How many values were recorded. */
  public long count() {
    return count;
  }

  /** The median. */
  public Duration p50() {
    return p50;
  }

  /** The 90th percentile. */
  public Duration p90() {
    return p90;
  }

  /** The 99th percentile. */
  public Duration p99() {
    return p99;
  }

  /** The 99.9th percentile. */
  public Duration p999() {
    return p999;
  }

  /** The largest value (to the histogram's precision). */
  public Duration max() {
    return max;
  }

  /** One readable line: {@code "p50 65µs, p90 80µs, p99 150µs, p99.9 210µs, max 1.2ms (2000)"}. */
  public String describe() {
    return "p50 "
        + Durations.format(p50)
        + ", p90 "
        + Durations.format(p90)
        + ", p99 "
        + Durations.format(p99)
        + ", p99.9 "
        + Durations.format(p999)
        + ", max "
        + Durations.format(max)
        + " ("
        + Format.count(count)
        + " values)";
  }

  /** Equal when the five figures, the count and the histogram's counts (or its absence) are. */
  @Override
  public boolean equals(Object o) {
    return o instanceof Percentiles p
        && count == p.count
        && p50.equals(p.p50)
        && p90.equals(p.p90)
        && p99.equals(p.p99)
        && p999.equals(p.p999)
        && max.equals(p.max)
        && Objects.equals(histogram, p.histogram);
  }

  @Override
  public int hashCode() {
    return Objects.hash(count, p50, p90, p99, p999, max, histogram == null);
  }

  @Override
  public String toString() {
    return "Percentiles[count="
        + count
        + ", p50="
        + p50
        + ", p90="
        + p90
        + ", p99="
        + p99
        + ", p999="
        + p999
        + ", max="
        + max
        + ", histogram="
        + (histogram == null ? "none" : "kept")
        + "]";
  }
}
