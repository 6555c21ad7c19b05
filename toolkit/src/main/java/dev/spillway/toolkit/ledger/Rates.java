package dev.spillway.toolkit.ledger;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import dev.spillway.toolkit.util.Preconditions;
import java.time.Duration;
import org.apiguardian.api.API;

/**
 * Arrival rate λ and service rate μ, in messages per second.
 *
 * <p>Measured by a {@link MessageLedger}, λ is the rate of {@code sent} and μ the rate of
 * completions (processed + failed) over {@link #window()}. The completion rate equals the
 * consumer's capacity only while it has a backlog; when λ &lt; μ it simply follows λ.
 *
 * @param arrivalPerSecond λ; finite and &gt;= 0
 * @param servicePerSecond μ; finite and &gt;= 0
 * @param window the span the figures were measured over; {@link Duration#ZERO} for nominal figures
 *     (a planned load, a known handler time)
 */
@API(status = EXPERIMENTAL, since = "0.1")
public record Rates(double arrivalPerSecond, double servicePerSecond, Duration window) {

  /** Validates the components. */
  public Rates {
    Preconditions.notNegative(arrivalPerSecond, "arrival rate");
    Preconditions.notNegative(servicePerSecond, "service rate");
    Preconditions.notNegative(window, "rate window");
  }

  /**
   * Nominal figures, not measured: a planned arrival rate and a known service rate (a 5 ms handler
   * serves 200/s).
   */
  public static Rates nominal(double arrivalPerSecond, double servicePerSecond) {
    return new Rates(arrivalPerSecond, servicePerSecond, Duration.ZERO);
  }

  /** Whether these figures were measured over a window (not nominal). */
  public boolean isMeasured() {
    return !window.isZero();
  }

  /** λ − μ: how fast a queue between them grows (negative: how fast it can drain). */
  public double excessPerSecond() {
    return arrivalPerSecond - servicePerSecond;
  }
}
