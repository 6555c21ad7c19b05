package dev.spillway.toolkit.capacity;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import dev.spillway.toolkit.util.Preconditions;
import dev.spillway.toolkit.verdict.Verdict;
import java.time.Duration;
import java.util.Optional;
import org.apiguardian.api.API;

/**
 * One trial of a capacity search: a rate offered to the component for a while, what was measured,
 * and whether the component sustained it.
 *
 * @param offeredRate the arrival rate the trial asked for, per second; &gt; 0
 * @param arrivalRate λ, the arrival rate measured by the ledger over the trial's judged window, per
 *     second; &gt;= 0
 * @param serviceRate μ, the service rate measured by the ledger over the same window, per second;
 *     &gt;= 0
 * @param growthPerSecond the judged queue's growth slope over the trial's late window, messages per
 *     second (negative when it shrank)
 * @param growthStandardError the standard error of that slope; &gt;= 0
 * @param p99 the 99th percentile of the trial's latency, when measured
 * @param verdict the trial's verdict under Spillway's rules
 * @param sustained whether the component sustained the rate: a healthy verdict with no growth
 *     significantly above zero, the latency bound held, nothing lost and no push-back
 * @param duration how long the trial ran; shorter than planned when it stopped at a clear breach;
 *     &gt;= 0
 * @param reason why the rate was or was not sustained, in numbers (one line); not blank
 */
@API(status = EXPERIMENTAL, since = "0.1")
public record CapacityTrial(
    double offeredRate,
    double arrivalRate,
    double serviceRate,
    double growthPerSecond,
    double growthStandardError,
    Optional<Duration> p99,
    Verdict verdict,
    boolean sustained,
    Duration duration,
    String reason) {

  /** Validates the components. */
  public CapacityTrial {
    Preconditions.positive(offeredRate, "offered rate");
    Preconditions.notNegative(arrivalRate, "arrival rate");
    Preconditions.notNegative(serviceRate, "service rate");
    Preconditions.check(
        Double.isFinite(growthPerSecond), "growth per second", "finite", growthPerSecond);
    Preconditions.notNegative(growthStandardError, "growth standard error");
    Preconditions.notNull(p99, "p99");
    p99.ifPresent(d -> Preconditions.notNegative(d, "p99"));
    Preconditions.notNull(verdict, "verdict");
    Preconditions.notNegative(duration, "trial duration");
    Preconditions.notBlank(reason, "reason");
  }
}
