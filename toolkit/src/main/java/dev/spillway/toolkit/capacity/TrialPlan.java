package dev.spillway.toolkit.capacity;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import dev.spillway.toolkit.util.Durations;
import dev.spillway.toolkit.util.Preconditions;
import java.time.Duration;
import java.util.Locale;
import org.apiguardian.api.API;

/**
 * One trial a capacity search asks for: a constant rate, offered for a warm-up that is not judged
 * and then for the judged window.
 *
 * @param offeredRate the arrival rate to offer, per second; &gt; 0
 * @param warmUp how long the rate is offered before the judged window opens (the queue finds its
 *     level); &gt;= 0
 * @param judged how long the judged window lasts; &gt; 0
 */
@API(status = EXPERIMENTAL, since = "0.1")
public record TrialPlan(double offeredRate, Duration warmUp, Duration judged) {

  /** Validates the components. */
  public TrialPlan {
    Preconditions.positive(offeredRate, "offered rate");
    Preconditions.notNegative(warmUp, "warm-up");
    Preconditions.positive(judged, "judged window");
  }

  /** How long the load runs when nothing stops it: warm-up plus judged window. */
  public Duration length() {
    return warmUp.plus(judged);
  }

  @Override
  public String toString() {
    return String.format(
        Locale.ROOT,
        "TrialPlan[offeredRate=%.1f/s, warmUp=%s, judged=%s]",
        offeredRate,
        Durations.format(warmUp),
        Durations.format(judged));
  }
}
