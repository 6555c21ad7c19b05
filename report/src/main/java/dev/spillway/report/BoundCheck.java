package dev.spillway.report;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import dev.spillway.toolkit.util.Preconditions;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalDouble;
import org.apiguardian.api.API;

/**
 * A bound a run was held to, and what was observed: the bound held when the figure was observed and
 * is at most the limit. A figure that was not observed (a queue that never drained, a run without
 * latencies) never holds a bound. This is the one place a bound is judged: the JUnit extension
 * fails a test on the checks that did not hold and hands the same checks to the report, so a page
 * cannot show a bound other than the test decided.
 *
 * <p>Immutable and thread-safe.
 *
 * @param kind what is bounded; its {@link BoundKind#unit() unit} is the unit of the figures
 * @param subject what the bound applies to: the probe name for {@link BoundKind#QUEUE} and {@link
 *     BoundKind#DRAIN}, the percentile ({@code "p99"}, {@code "p99.9"}, {@code "max"}...) for
 *     {@link BoundKind#LATENCY}; not blank
 * @param limit the largest figure allowed; finite and &gt;= 0
 * @param observed the figure observed: finite and &gt;= 0, or empty when it was not observed
 */
@API(status = EXPERIMENTAL, since = "0.1")
public record BoundCheck(BoundKind kind, String subject, double limit, OptionalDouble observed) {

  /** Validates the components. */
  public BoundCheck {
    Preconditions.notNull(kind, "bound kind");
    Preconditions.notBlank(subject, "bound subject");
    Preconditions.notNegative(limit, "bound limit");
    Preconditions.notNull(observed, "observed figure");
    if (observed.isPresent()) {
      Preconditions.notNegative(observed.getAsDouble(), "observed figure");
    }
  }

  /**
   * A bound of {@code max} messages on the queue {@code probe}, whose high-water mark was {@code
   * highWaterMark} (the exact one where the queue reports each change, else the highest sample).
   */
  public static BoundCheck queue(String probe, long max, long highWaterMark) {
    return new BoundCheck(BoundKind.QUEUE, probe, max, OptionalDouble.of(highWaterMark));
  }

  /**
   * A bound on how long the queue {@code probe} took to drain after the load: at most {@code
   * within}; {@code drainedAfter} is empty when it did not drain while it was watched.
   */
  public static BoundCheck drain(String probe, Duration within, Optional<Duration> drainedAfter) {
    Preconditions.notNull(within, "drain bound");
    Preconditions.notNull(drainedAfter, "drain time");
    return new BoundCheck(
        BoundKind.DRAIN,
        probe,
        Numbers.millis(within),
        drainedAfter.map(d -> OptionalDouble.of(Numbers.millis(d))).orElse(OptionalDouble.empty()));
  }

  /**
   * A bound of {@code max} on a latency percentile, labelled {@code label} ({@code "p99"}, {@code
   * "max"}...), whose value was {@code observed}.
   */
  public static BoundCheck latency(String label, Duration max, Duration observed) {
    Preconditions.notNull(max, "latency bound");
    Preconditions.notNull(observed, "observed latency");
    return new BoundCheck(
        BoundKind.LATENCY, label, Numbers.millis(max), OptionalDouble.of(Numbers.millis(observed)));
  }

  /** Whether the bound held: the figure was observed and is at most the limit. */
  public boolean held() {
    return observed.isPresent() && observed.getAsDouble() <= limit;
  }

  /** One readable line: {@code "queue 'orders' <= 100 messages: observed 120, BROKEN"}. */
  public String describe() {
    String head =
        kind.name().toLowerCase(Locale.ROOT)
            + " '"
            + subject
            + "' <= "
            + Numbers.plain(limit)
            + " "
            + kind.unit()
            + ": ";
    String seen =
        observed.isPresent() ? "observed " + Numbers.plain(observed.getAsDouble()) : "not observed";
    return head + seen + (held() ? ", held" : ", BROKEN");
  }
}
