package dev.spillway.report;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import dev.spillway.toolkit.capacity.CapacityResult;
import dev.spillway.toolkit.util.Preconditions;
import java.util.OptionalDouble;
import org.apiguardian.api.API;

/**
 * A test's capacity in a {@link Baseline}: the knee a capacity search found and the interval the
 * capacity lay in, which the {@link BaselineGate} compares with a new search's (see its rules).
 *
 * <p>Immutable and thread-safe.
 *
 * @param knee the highest offered rate sustained, per second; empty when no trial sustained its
 *     rate
 * @param low the low end of the interval the capacity lies in, per second: the knee, or 0 without
 *     one; &gt;= 0
 * @param high the high end: the lowest rate above the knee not sustained, or the highest rate tried
 *     when every trial held; &gt;= low
 */
@API(status = EXPERIMENTAL, since = "0.1")
public record BaselineCapacity(OptionalDouble knee, double low, double high) {

  /** Validates the components. */
  public BaselineCapacity {
    Preconditions.notNull(knee, "knee");
    if (knee.isPresent()) {
      Preconditions.notNegative(knee.getAsDouble(), "knee");
    }
    Preconditions.notNegative(low, "capacity interval low end");
    Preconditions.check(high >= low, "capacity interval high end", ">= its low end " + low, high);
  }

  /** The capacity a search found, rounded as a baseline file keeps it (to 0.001/s). */
  public static BaselineCapacity of(CapacityResult capacity) {
    Preconditions.notNull(capacity, "capacity");
    return new BaselineCapacity(
        capacity.knee().isPresent()
            ? OptionalDouble.of(round(capacity.knee().getAsDouble()))
            : OptionalDouble.empty(),
        round(capacity.kneeLow()),
        round(capacity.kneeHigh()));
  }

  /** The knee, or 0 when no trial sustained its rate. */
  double kneeOrZero() {
    return knee.orElse(0);
  }

  /** {@code "200/s [200, 206.25]"}, or {@code "none [0, 50]"}. */
  String describe() {
    return (knee.isPresent() ? Numbers.plain(knee.getAsDouble()) + "/s" : "none")
        + " ["
        + Numbers.plain(low)
        + ", "
        + Numbers.plain(high)
        + "]";
  }

  static double round(double value) {
    return java.math.BigDecimal.valueOf(value)
        .setScale(3, java.math.RoundingMode.HALF_UP)
        .doubleValue();
  }
}
