package dev.spillway.report;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import dev.spillway.toolkit.util.Preconditions;
import java.util.Locale;
import java.util.OptionalDouble;
import org.apiguardian.api.API;

/**
 * A bound a run was held to, and what was observed: the bound held when the figure was observed and
 * is at most the limit. A figure that was not observed (a queue that never drained, a run without
 * latencies) never holds a bound.
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
