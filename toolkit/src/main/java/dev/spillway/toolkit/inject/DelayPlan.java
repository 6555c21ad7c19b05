package dev.spillway.toolkit.inject;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import dev.spillway.toolkit.util.Preconditions;
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;
import org.apiguardian.api.API;

/**
 * A delay model that changes over time: a first {@link Delay} from the injection's start, then
 * other models from given offsets, all measured from the start of the {@link Injection}.
 *
 * <pre>{@code
 * DelayPlan plan = DelayPlan.starting(Delay.none())               // healthy at first
 *     .then(Duration.ofSeconds(2), Delay.fixed(5, MILLISECONDS))  // μ drops to 200/s at +2 s
 *     .then(Duration.ofSeconds(6), Delay.none());                 // and recovers at +6 s
 * }</pre>
 *
 * <p>A call uses the model of the step it starts in (after any stall it waits out). Immutable and
 * thread-safe; {@link #then(Duration, Delay)} returns a new plan.
 */
@API(status = EXPERIMENTAL, since = "0.1")
public final class DelayPlan {

  private final long[] offsetsNanos;
  private final Delay[] delays;

  private DelayPlan(long[] offsetsNanos, Delay[] delays) {
    this.offsetsNanos = offsetsNanos;
    this.delays = delays;
  }

  /** A plan that uses {@code first} from the start (and forever, unless steps follow). */
  public static DelayPlan starting(Delay first) {
    Preconditions.notNull(first, "first delay");
    return new DelayPlan(new long[] {0}, new Delay[] {first});
  }

  /**
   * This plan followed by {@code next} from {@code at} after the injection's start.
   *
   * @param at the step's start, measured from the injection's start; later than the previous step
   * @param next the model from then on
   */
  public DelayPlan then(Duration at, Delay next) {
    Preconditions.notNull(at, "plan step offset");
    Preconditions.notNull(next, "plan step delay");
    long last = offsetsNanos[offsetsNanos.length - 1];
    Preconditions.check(
        at.compareTo(Duration.ofNanos(last)) > 0,
        "plan step offset",
        "later than the previous step (" + Duration.ofNanos(last) + ")",
        at);
    long[] offsets = Arrays.copyOf(offsetsNanos, offsetsNanos.length + 1);
    offsets[offsetsNanos.length] = DelayMath.saturatedNanos(at);
    Delay[] models = Arrays.copyOf(delays, delays.length + 1);
    models[delays.length] = next;
    return new DelayPlan(offsets, models);
  }

  /** This plan followed by {@code next} from {@code at} {@code unit}s after the start. */
  public DelayPlan then(long at, TimeUnit unit, Delay next) {
    return then(DelayMath.duration(at, unit, "plan step offset"), next);
  }

  /** The number of steps, at least 1. */
  public int steps() {
    return delays.length;
  }

  /** The model in force {@code sinceStart} (&gt;= 0) after the injection's start. */
  public Delay delayAt(Duration sinceStart) {
    Preconditions.notNegative(sinceStart, "time since start");
    return delays[stepAt(DelayMath.saturatedNanos(sinceStart))];
  }

  /** The index of the step in force {@code elapsedNanos} after the start. */
  int stepAt(long elapsedNanos) {
    int i = offsetsNanos.length - 1;
    while (i > 0 && offsetsNanos[i] > elapsedNanos) {
      i--;
    }
    return i;
  }

  Delay delay(int step) {
    return delays[step];
  }

  long offsetNanos(int step) {
    return offsetsNanos[step];
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof DelayPlan p
        && Arrays.equals(offsetsNanos, p.offsetsNanos)
        && Arrays.equals(delays, p.delays);
  }

  @Override
  public int hashCode() {
    return 31 * Arrays.hashCode(offsetsNanos) + Arrays.hashCode(delays);
  }

  /**
   * Lists every step: {@code DelayPlan[+PT0S: NoDelayModel[], +PT2S:
   * FixedDelayModel[delay=PT0.005S]]}.
   */
  @Override
  public String toString() {
    StringBuilder s = new StringBuilder("DelayPlan[");
    for (int i = 0; i < delays.length; i++) {
      s.append(i == 0 ? "+" : ", +").append(Duration.ofNanos(offsetsNanos[i])).append(": ");
      s.append(delays[i]);
    }
    return s.append(']').toString();
  }
}
