package dev.spillway.toolkit.verdict;

import dev.spillway.toolkit.internal.Preconditions;
import dev.spillway.toolkit.ledger.LedgerSnapshot;
import dev.spillway.toolkit.ledger.Rates;
import dev.spillway.toolkit.record.DepthStats;
import dev.spillway.toolkit.record.Growth;
import java.time.Duration;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * A verdict, its explanation in numbers, and every figure it was computed from.
 *
 * @param verdict the verdict
 * @param explanation one paragraph with the numbers behind the verdict
 * @param probe the probe whose queue was judged
 * @param depth the depth figures over the whole trace
 * @param growth the growth over the late window (the end of the load)
 * @param finalGrowth the growth over the late window's second half (is it still growing?)
 * @param ledger the books
 * @param rates λ and μ, if they were given
 * @param loadStart when the load started, from the trace's start
 * @param loadEnd when it ended
 * @param drainTime how long after the load the depth took to reach the drain level; empty if it
 *     never did within the trace
 * @param timeToLimit at the measured growth, how long from the end of the load until the depth
 *     reaches the forecast limit; empty unless the depth grew significantly
 * @param rules the rules applied
 */
public record Assessment(
    Verdict verdict,
    String explanation,
    String probe,
    DepthStats depth,
    Growth growth,
    Growth finalGrowth,
    LedgerSnapshot ledger,
    Optional<Rates> rates,
    Duration loadStart,
    Duration loadEnd,
    Optional<Duration> drainTime,
    Optional<Duration> timeToLimit,
    VerdictRules rules) {

  /** Validates the components. */
  public Assessment {
    Preconditions.notNull(verdict, "verdict");
    Preconditions.notBlank(explanation, "explanation");
    Preconditions.notBlank(probe, "probe name");
    Preconditions.notNull(depth, "depth");
    Preconditions.notNull(growth, "growth");
    Preconditions.notNull(finalGrowth, "final growth");
    Preconditions.notNull(ledger, "ledger snapshot");
    Preconditions.notNull(rates, "rates");
    Preconditions.notNull(loadStart, "load start");
    Preconditions.notNull(loadEnd, "load end");
    Preconditions.notNull(drainTime, "drain time");
    Preconditions.notNull(timeToLimit, "time to limit");
    Preconditions.notNull(rules, "rules");
  }

  /** λ − μ, the growth the rates predict, if rates were given. */
  public OptionalDouble predictedGrowthPerSecond() {
    return rates.isPresent()
        ? OptionalDouble.of(rates.get().excessPerSecond())
        : OptionalDouble.empty();
  }

  /** {@code "<VERDICT>: <explanation>"}. */
  public String summary() {
    return verdict + ": " + explanation;
  }
}
