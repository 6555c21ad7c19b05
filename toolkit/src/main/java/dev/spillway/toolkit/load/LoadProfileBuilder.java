package dev.spillway.toolkit.load;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import dev.spillway.toolkit.util.Durations;
import dev.spillway.toolkit.util.Preconditions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.apiguardian.api.API;

/**
 * The staged, immutable builder of a {@link LoadProfile}; start it with {@link
 * LoadProfile#builder()}. Each call returns a new builder (or a stage that leads back to one), so a
 * partly built profile can be shared and extended safely. Every argument is validated when it is
 * given, with a message naming the argument, its value and the rule.
 *
 * <p>Phases:
 *
 * <ul>
 *   <li>{@code constant(150).perSecond().during(d)} — 150 messages per second for {@code d};
 *   <li>{@code ramp(100).to(600).perSecond().during(d)} — rate changing linearly from 100/s to
 *       600/s over {@code d}; either end (not both) may be 0;
 *   <li>{@code spikeFrom(50).to(250).perSecond().at(t).holdingFor(h).during(d)} — base 50/s for
 *       {@code t}, peak 250/s for {@code h}, then base again until {@code d} has passed: three
 *       constant phases named "… base", "… peak" and "… recovery" ({@code t} may be zero and {@code
 *       t + h} may equal {@code d}, which leaves out the first or last part);
 *   <li>{@code burst(500)} — 500 messages all due at one instant;
 *   <li>{@code pause(d)} — no messages for {@code d}.
 * </ul>
 *
 * <p>Phases get automatic names such as {@code "constant 150/s for 2s"}; {@code named("warm-up")}
 * before a phase names that phase instead (for a spike, its three parts are {@code "warm-up base"},
 * {@code "warm-up peak"} and {@code "warm-up recovery"}).
 *
 * <p>Limits: rates are finite, durations at most 365 days, at most 2^50 messages per phase.
 */
@API(status = EXPERIMENTAL, since = "0.1")
public final class LoadProfileBuilder {

  static final LoadProfileBuilder EMPTY = new LoadProfileBuilder(List.of(), null);

  private final List<LoadPhase> phases;
  private final String pendingName;

  private LoadProfileBuilder(List<LoadPhase> phases, String pendingName) {
    this.phases = phases;
    this.pendingName = pendingName;
  }

  /**
   * Names the next phase (the three parts of a spike take it as a prefix).
   *
   * @param name not blank
   */
  public LoadProfileBuilder named(String name) {
    Preconditions.notBlank(name, "phase name");
    Preconditions.check(
        pendingName == null, "phase name", "given once per phase", "'" + pendingName + "'");
    return new LoadProfileBuilder(phases, name);
  }

  /**
   * A phase at a constant rate: {@code constant(150).perSecond().during(Duration.ofSeconds(2))}.
   *
   * @param rate messages per unit given next; finite and &gt; 0
   */
  public RateStage<DurationStage> constant(double rate) {
    Preconditions.positive(rate, "constant rate");
    return () -> duration -> add(LoadPhase.constant(pendingName, rate, duration));
  }

  /**
   * A phase whose rate changes linearly: {@code ramp(100).to(600).perSecond().during(d)}.
   *
   * @param fromRate the rate at the start; finite and &gt;= 0
   */
  public RampStage ramp(double fromRate) {
    Preconditions.notNegative(fromRate, "ramp start rate");
    return toRate -> {
      Preconditions.notNegative(toRate, "ramp end rate");
      Preconditions.check(
          fromRate > 0 || toRate > 0, "ramp rates", "not both 0", fromRate + " and " + toRate);
      return () -> duration -> add(LoadPhase.ramp(pendingName, fromRate, toRate, duration));
    };
  }

  /**
   * A spike over a base rate: {@code spikeFrom(50).to(250).perSecond().at(ofSeconds(2))
   * .holdingFor(ofSeconds(4)).during(ofSeconds(10))} plays 50/s for 2 s, 250/s for 4 s and 50/s for
   * the remaining 4 s.
   *
   * @param baseRate the rate before and after the peak; finite and &gt; 0
   */
  public SpikeStage spikeFrom(double baseRate) {
    Preconditions.positive(baseRate, "spike base rate");
    return peakRate -> {
      Preconditions.positive(peakRate, "spike peak rate");
      Preconditions.check(
          peakRate > baseRate, "spike peak rate", "> the base rate " + baseRate, peakRate);
      return () ->
          at -> {
            Preconditions.notNegative(at, "spike start");
            return hold -> {
              Preconditions.positive(hold, "spike hold");
              return total -> spike(baseRate, peakRate, at, hold, total);
            };
          };
    };
  }

  private LoadProfileBuilder spike(
      double baseRate, double peakRate, Duration at, Duration hold, Duration total) {
    Preconditions.positive(total, "spike duration");
    Preconditions.check(
        total.compareTo(at.plus(hold)) >= 0,
        "spike duration",
        ">= start (" + at + ") + hold (" + hold + ")",
        total);
    String prefix = pendingName != null ? pendingName : "spike";
    List<LoadPhase> parts = new ArrayList<>(3);
    if (!at.isZero()) {
      parts.add(
          LoadPhase.constant(null, baseRate, at).renamed(partName(prefix, "base", baseRate, at)));
    }
    parts.add(
        LoadPhase.constant(null, peakRate, hold).renamed(partName(prefix, "peak", peakRate, hold)));
    Duration rest = total.minus(at).minus(hold);
    if (!rest.isZero()) {
      parts.add(
          LoadPhase.constant(null, baseRate, rest)
              .renamed(partName(prefix, "recovery", baseRate, rest)));
    }
    return with(parts, null);
  }

  private String partName(String prefix, String part, double rate, Duration duration) {
    if (pendingName != null) {
      return prefix + " " + part;
    }
    return prefix + " " + part + " " + Format.rate(rate) + "/s for " + Durations.format(duration);
  }

  /**
   * A burst: {@code messages} all due at the same instant. It takes no time in the plan; the driver
   * sends it as fast as it can, so a large burst shows as lateness in the report.
   *
   * @param messages &gt;= 1
   */
  public LoadProfileBuilder burst(long messages) {
    return add(LoadPhase.burst(pendingName, messages));
  }

  /**
   * A pause: no messages for {@code duration}.
   *
   * @param duration &gt; 0
   */
  public LoadProfileBuilder pause(Duration duration) {
    return add(LoadPhase.pause(pendingName, duration));
  }

  /** Like {@link #pause(Duration)}, with the duration as an amount of {@code unit}. */
  public LoadProfileBuilder pause(long duration, TimeUnit unit) {
    return pause(Format.toDuration(duration, unit, "pause duration"));
  }

  /**
   * Appends every phase of {@code profile}, with their names.
   *
   * @param profile not null
   */
  public LoadProfileBuilder then(LoadProfile profile) {
    Preconditions.notNull(profile, "profile");
    Preconditions.check(
        pendingName == null,
        "phase name '" + pendingName + "'",
        "followed by a phase",
        "followed by then(profile)");
    return with(profile.phases(), null);
  }

  /**
   * The profile.
   *
   * @throws IllegalArgumentException when no phase was added, or {@code named} was the last call
   */
  public LoadProfile build() {
    Preconditions.check(
        pendingName == null,
        "phase name '" + pendingName + "'",
        "followed by a phase",
        "the last call");
    return new LoadProfile(phases);
  }

  private LoadProfileBuilder add(LoadPhase phase) {
    return with(List.of(phase), null);
  }

  private LoadProfileBuilder with(List<LoadPhase> more, String nextName) {
    List<LoadPhase> all = new ArrayList<>(phases.size() + more.size());
    all.addAll(phases);
    all.addAll(more);
    return new LoadProfileBuilder(List.copyOf(all), nextName);
  }

  @Override
  public String toString() {
    return "LoadProfileBuilder[phases=" + phases + ", pendingName=" + pendingName + "]";
  }

  /**
   * Gives the unit of a rate.
   *
   * @param <N> the stage that follows
   */
  @FunctionalInterface
  public interface RateStage<N> {
    /** The rate is in messages per second. */
    N perSecond();
  }

  /** Gives the end rate of a ramp. */
  @FunctionalInterface
  public interface RampStage {
    /**
     * The rate at the end of the ramp.
     *
     * @param toRate finite and &gt;= 0; not 0 when the start rate is 0
     */
    RateStage<DurationStage> to(double toRate);
  }

  /** Gives the peak rate of a spike. */
  @FunctionalInterface
  public interface SpikeStage {
    /**
     * The rate at the peak of the spike.
     *
     * @param peakRate finite and &gt; the base rate
     */
    RateStage<SpikeStartStage> to(double peakRate);
  }

  /** Gives when a spike's peak starts. */
  @FunctionalInterface
  public interface SpikeStartStage {
    /**
     * The peak starts {@code start} after the spike starts (the base rate plays until then).
     *
     * @param start &gt;= 0
     */
    SpikeHoldStage at(Duration start);

    /** Like {@link #at(Duration)}, with the start as an amount of {@code unit}. */
    default SpikeHoldStage at(long start, TimeUnit unit) {
      return at(Format.toDuration(start, unit, "spike start"));
    }
  }

  /** Gives how long a spike's peak lasts. */
  @FunctionalInterface
  public interface SpikeHoldStage {
    /**
     * The peak lasts {@code hold}.
     *
     * @param hold &gt; 0
     */
    DurationStage holdingFor(Duration hold);

    /** Like {@link #holdingFor(Duration)}, with the hold as an amount of {@code unit}. */
    default DurationStage holdingFor(long hold, TimeUnit unit) {
      return holdingFor(Format.toDuration(hold, unit, "spike hold"));
    }
  }

  /** Gives how long a phase lasts, which completes it. */
  @FunctionalInterface
  public interface DurationStage {
    /**
     * The phase lasts {@code duration} (for a spike: the whole spike, base and peak together).
     *
     * @param duration &gt; 0 and at most 365 days
     */
    LoadProfileBuilder during(Duration duration);

    /** Like {@link #during(Duration)}, with the duration as an amount of {@code unit}. */
    default LoadProfileBuilder during(long duration, TimeUnit unit) {
      return during(Format.toDuration(duration, unit, "duration"));
    }
  }
}
