package dev.spillway.toolkit.load;

import dev.spillway.toolkit.util.Preconditions;
import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/** Readable renderings of rates and durations for names, events and reports. */
final class Format {

  private static final long NANOS_PER_SECOND = 1_000_000_000L;
  private static final long NANOS_PER_MILLI = 1_000_000L;
  private static final long NANOS_PER_MICRO = 1_000L;

  private Format() {}

  /** {@code 150}, {@code 0.5}, {@code 1234.568}, {@code ∞}. */
  static String rate(double perSecond) {
    if (Double.isInfinite(perSecond)) {
      return "∞";
    }
    if (Double.isNaN(perSecond)) {
      return "n/a";
    }
    if (perSecond == Math.rint(perSecond) && Math.abs(perSecond) < 1e15) {
      return Long.toString((long) perSecond);
    }
    BigDecimal value = BigDecimal.valueOf(perSecond);
    BigDecimal rounded =
        Math.abs(perSecond) >= 1
            ? value.setScale(3, RoundingMode.HALF_UP)
            : value.round(new MathContext(4, RoundingMode.HALF_UP));
    return rounded.stripTrailingZeros().toPlainString();
  }

  /** {@code 12,345}. */
  static String count(long value) {
    return String.format(java.util.Locale.ROOT, "%,d", value);
  }

  /**
   * Converts {@code amount} of {@code unit} to a {@link Duration}, naming {@code name} when the
   * unit is null. The amount itself is validated by the caller (the usual Duration rules).
   */
  static Duration toDuration(long amount, TimeUnit unit, String name) {
    Preconditions.notNull(unit, name + " unit");
    return Duration.of(amount, unit.toChronoUnit());
  }
}
