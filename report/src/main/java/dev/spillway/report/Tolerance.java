package dev.spillway.report;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import dev.spillway.toolkit.util.Preconditions;
import java.util.Locale;
import org.apiguardian.api.API;

/**
 * How far a figure may rise above its baseline before the {@link BaselineGate} calls it a
 * regression: by the larger of a share of the baseline and an absolute amount,
 *
 * <pre>allowed rise = max(relative × |baseline|, absolute)</pre>
 *
 * <p>so that a large figure may move by a proportion, and a tiny one (a high-water mark of 3, a p99
 * of 0.2 ms) does not fail on noise. The absolute amount is in the figure's unit: messages,
 * milliseconds, or a ratio (0.02 = two percentage points of shed). For a capacity knee, which is
 * worse when lower, the same allowance is the fall allowed, in messages per second.
 *
 * <p>Immutable and thread-safe.
 *
 * @param relative the share of the baseline allowed; finite and &gt;= 0 (0.1 = 10 %)
 * @param absolute the amount allowed whatever the baseline; finite and &gt;= 0
 */
@API(status = EXPERIMENTAL, since = "0.1")
public record Tolerance(double relative, double absolute) {

  /** Validates the components. */
  public Tolerance {
    Preconditions.notNegative(relative, "relative tolerance");
    Preconditions.notNegative(absolute, "absolute tolerance");
  }

  /** The default tolerance of a figure, used where a baseline file gives none. */
  public static Tolerance defaultFor(Figure figure) {
    Preconditions.notNull(figure, "figure");
    return switch (figure) {
      case HIGH_WATER_MARK -> new Tolerance(0.10, 10);
      case DRAIN_TIME -> new Tolerance(0.25, 250);
      case P99 -> new Tolerance(0.25, 5);
      case SHED_RATIO -> new Tolerance(0.10, 0.02);
    };
  }

  /**
   * The default tolerance of a capacity knee's fall: 10 % of the baseline's knee, at least 1
   * message/s (to which the {@link BaselineGate} adds the new search's interval).
   */
  public static Tolerance defaultForCapacity() {
    return new Tolerance(0.10, 1);
  }

  /** The rise allowed above {@code baseline}: {@code max(relative × |baseline|, absolute)}. */
  public double allowance(double baseline) {
    return Math.max(relative * Math.abs(baseline), absolute);
  }

  /** {@code "max(10% × 202, 10)"}, in {@code figure}'s unit. */
  String describe(Figure figure, double baseline) {
    String share = Numbers.plain(relative * 100) + "%";
    String amount =
        figure == Figure.SHED_RATIO
            ? Numbers.plain(absolute * 100) + " pts"
            : Numbers.plain(absolute) + (figure.unit().equals("ms") ? " ms" : "");
    String base =
        figure == Figure.SHED_RATIO
            ? String.format(Locale.ROOT, "%s", Numbers.percent(baseline))
            : Numbers.plain(baseline);
    return "max(" + share + " × " + base + ", " + amount + ")";
  }
}
