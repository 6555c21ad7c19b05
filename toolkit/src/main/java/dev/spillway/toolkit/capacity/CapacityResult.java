package dev.spillway.toolkit.capacity;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import dev.spillway.toolkit.util.Preconditions;
import java.time.Duration;
import java.util.List;
import java.util.OptionalDouble;
import org.apiguardian.api.API;

/**
 * What a capacity search found: its trials in the order they ran, the knee — the highest offered
 * rate the component sustained — with the interval the true capacity lies in, and μ measured at
 * saturation.
 *
 * @param trials the trials, in the order they ran; not empty
 * @param knee the highest offered rate a trial sustained, per second; empty when no trial did (the
 *     capacity is below the lowest rate tried)
 * @param kneeLow the low end of the interval the capacity lies in, per second: the knee, or 0 when
 *     no trial sustained its rate; &gt;= 0
 * @param kneeHigh the high end: the lowest offered rate above the knee that a trial did not
 *     sustain, or the highest rate tried when every trial sustained its rate (then the capacity is
 *     at least that: {@code saturated} is false); &gt;= kneeLow
 * @param saturatedServiceRate μ measured in the trials that did not sustain their rate (the highest
 *     of them), per second; empty when every trial sustained its rate
 * @param budget the longest the search was allowed to take, stated before it started; &gt; 0
 * @param elapsed how long it took; &gt;= 0
 */
@API(status = EXPERIMENTAL, since = "0.1")
public record CapacityResult(
    List<CapacityTrial> trials,
    OptionalDouble knee,
    double kneeLow,
    double kneeHigh,
    OptionalDouble saturatedServiceRate,
    Duration budget,
    Duration elapsed) {

  /** Validates the components and copies the trials. */
  public CapacityResult {
    trials = List.copyOf(Preconditions.notEmpty(trials, "capacity trials"));
    Preconditions.notNull(knee, "knee");
    Preconditions.notNegative(kneeLow, "knee low end");
    Preconditions.check(
        kneeHigh >= kneeLow, "knee high end", ">= its low end " + kneeLow, kneeHigh);
    Preconditions.notNull(saturatedServiceRate, "saturated service rate");
    Preconditions.positive(budget, "capacity search budget");
    Preconditions.notNegative(elapsed, "capacity search time");
  }

  /** Whether some trial did not sustain its rate, so that the knee is bounded from above. */
  public boolean saturated() {
    return trials.stream().anyMatch(t -> !t.sustained());
  }
}
