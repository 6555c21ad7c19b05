package dev.spillway.gatling;

import static io.gatling.javaapi.core.CoreDsl.constantUsersPerSec;
import static io.gatling.javaapi.core.CoreDsl.nothingFor;

import dev.spillway.toolkit.util.Preconditions;
import io.gatling.javaapi.core.OpenInjectionStep;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * An open-model load: nothing for {@code lead} (so the metrics poller sees the target before the
 * load), then steps of constant arrival rate, each one request per virtual user, evenly spaced.
 * Offsets are measured from the simulation's start, as the poller's samples are.
 *
 * <p>Immutable and thread-safe.
 *
 * @param lead the quiet time before the first step; &gt;= 0
 * @param steps the steps in order; at least one
 */
record LoadShape(Duration lead, List<Step> steps) {

  /**
   * One step of constant arrival rate.
   *
   * @param perSecond requests per second; &gt; 0
   * @param duration how long the step lasts; &gt; 0
   */
  record Step(double perSecond, Duration duration) {

    /** Validates the components. */
    Step {
      Preconditions.positive(perSecond, "step rate");
      Preconditions.positive(duration, "step duration");
    }
  }

  /**
   * The seed incident's spike: after half a second of quiet, 150/s for 2 s, 250/s for 4 s (step
   * {@value #SPIKE_STEP}), 150/s for 1 s.
   */
  static final LoadShape SEED_SPIKE =
      LoadShape.after(Duration.ofMillis(500), 150, Duration.ofSeconds(2))
          .then(250, Duration.ofSeconds(4))
          .then(150, Duration.ofSeconds(1));

  /** The index of the spike itself in {@link #SEED_SPIKE}. */
  static final int SPIKE_STEP = 1;

  /** Validates the components. */
  LoadShape {
    Preconditions.notNegative(lead, "lead");
    Preconditions.notEmpty(steps, "steps");
    steps = List.copyOf(steps);
  }

  /** A shape of one step after {@code lead}. */
  static LoadShape after(Duration lead, double perSecond, Duration duration) {
    return new LoadShape(lead, List.of(new Step(perSecond, duration)));
  }

  /** This shape with one more step at the end. */
  LoadShape then(double perSecond, Duration duration) {
    List<Step> more = new ArrayList<>(steps);
    more.add(new Step(perSecond, duration));
    return new LoadShape(lead, more);
  }

  /** This shape, {@code delay} later: the lead grows by {@code delay}. */
  LoadShape delayedBy(Duration delay) {
    Preconditions.notNegative(delay, "delay");
    return new LoadShape(lead.plus(delay), steps);
  }

  /** Gatling's injection profile for this shape. */
  OpenInjectionStep[] injection() {
    List<OpenInjectionStep> out = new ArrayList<>();
    if (!lead.isZero()) {
      out.add(nothingFor(lead));
    }
    for (Step s : steps) {
      out.add(constantUsersPerSec(s.perSecond()).during(s.duration()));
    }
    return out.toArray(OpenInjectionStep[]::new);
  }

  /** When step {@code index} starts, from the simulation's start. */
  Duration startOf(int index) {
    Preconditions.inRange(index, 0, steps.size() - 1, "step index");
    Duration t = lead;
    for (int i = 0; i < index; i++) {
      t = t.plus(steps.get(i).duration());
    }
    return t;
  }

  /** When step {@code index} ends, from the simulation's start. */
  Duration endOf(int index) {
    return startOf(index).plus(steps.get(index).duration());
  }

  /** When the last step ends, from the simulation's start. */
  Duration end() {
    return endOf(steps.size() - 1);
  }

  /** The step at {@code index}. */
  Step step(int index) {
    Preconditions.inRange(index, 0, steps.size() - 1, "step index");
    return steps.get(index);
  }

  /** How many requests the shape sends (rate × duration, summed over the steps). */
  long requests() {
    double n = 0;
    for (Step s : steps) {
      n += s.perSecond() * s.duration().toNanos() / 1e9;
    }
    return Math.round(n);
  }
}
