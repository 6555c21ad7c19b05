package dev.spillway.toolkit.inject;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import dev.spillway.toolkit.record.EventSink;
import dev.spillway.toolkit.util.Preconditions;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalDouble;
import org.apiguardian.api.API;

/**
 * The configuration of a consumer-side injection: a {@link DelayPlan} (or one {@link Delay}),
 * {@link Stall}s, a service-rate cap and a fault probability, applied before each handled call.
 * {@link #start()} turns it into a live {@link Injection}, which {@link SlowConsumer}'s decorators
 * apply.
 *
 * <pre>{@code
 * Injector injector = Injector.named("orders")
 *     .withDelay(Delay.fixed(5, MILLISECONDS))  // μ = 200/s for one consumer
 *     .withStall(Stall.every(Duration.ofSeconds(1), Duration.ofMillis(100)))
 *     .withRateCap(150)                          // and never more than 150 calls/s
 *     .withFaultProbability(0.01)
 *     .withSeed(42)
 *     .withEventSink(recorder);
 * }</pre>
 *
 * <p>Before each call, in this order: wait out any stall window the call starts in; wait the delay
 * drawn from the plan's current model; wait for the rate cap's next slot; then, with the fault
 * probability, throw an {@link InjectedFault} instead of making the call.
 *
 * <p>An injector does nothing until started. It is immutable and thread-safe: every {@code with…}
 * method returns a new injector and validates its argument at once.
 */
@API(status = EXPERIMENTAL, since = "0.1")
public final class Injector {

  /** The seed used unless {@link #withSeed(long)} sets one, so that runs are reproducible. */
  public static final long DEFAULT_SEED = 0x5EED_5EEDL;

  private final String name;
  private final DelayPlan plan;
  private final List<Stall> stalls;
  private final double rateCap; // calls per second; 0 = none
  private final double faultProbability;
  private final long seed;
  private final EventSink eventSink;
  private final TimeSource timeSource;

  private Injector(
      String name,
      DelayPlan plan,
      List<Stall> stalls,
      double rateCap,
      double faultProbability,
      long seed,
      EventSink eventSink,
      TimeSource timeSource) {
    this.name = name;
    this.plan = plan;
    this.stalls = List.copyOf(stalls);
    this.rateCap = rateCap;
    this.faultProbability = faultProbability;
    this.seed = seed;
    this.eventSink = eventSink;
    this.timeSource = timeSource;
  }

  /**
   * An injector that does nothing yet (no delay, stall, cap or fault), named {@code name}.
   *
   * @param name names the injection in events, faults and thread names; not blank
   */
  public static Injector named(String name) {
    Preconditions.notBlank(name, "injector name");
    return new Injector(
        name,
        DelayPlan.starting(Delay.none()),
        List.of(),
        0,
        0,
        DEFAULT_SEED,
        EventSink.NONE,
        TimeSource.SYSTEM);
  }

  /** This injector with a single delay model for the whole injection (replaces any plan). */
  public Injector withDelay(Delay delay) {
    Preconditions.notNull(delay, "delay");
    return withPlan(DelayPlan.starting(delay));
  }

  /** This injector with a delay model that changes over time (replaces any delay or plan). */
  public Injector withPlan(DelayPlan plan) {
    Preconditions.notNull(plan, "delay plan");
    return new Injector(name, plan, stalls, rateCap, faultProbability, seed, eventSink, timeSource);
  }

  /** This injector with {@code stall} added to its stalls (windows may overlap). */
  public Injector withStall(Stall stall) {
    Preconditions.notNull(stall, "stall");
    List<Stall> more = new ArrayList<>(stalls);
    more.add(stall);
    return new Injector(name, plan, more, rateCap, faultProbability, seed, eventSink, timeSource);
  }

  /**
   * This injector with a service-rate cap: at most {@code callsPerSecond} calls start per second,
   * evenly paced: each call takes the next free slot, {@code 1/callsPerSecond} after the previous
   * one. Slots are absolute times, so a park's overshoot does not accumulate; slots missed while
   * idle or held up are not saved up, so the cap never bursts above its rate. The cap is shared by
   * every thread using the injection.
   *
   * @param callsPerSecond finite and &gt; 0
   */
  public Injector withRateCap(double callsPerSecond) {
    Preconditions.positive(callsPerSecond, "rate cap (calls per second)");
    return new Injector(
        name, plan, stalls, callsPerSecond, faultProbability, seed, eventSink, timeSource);
  }

  /**
   * This injector with fault injection: each call throws an {@link InjectedFault} instead of
   * running, with probability {@code probability}.
   *
   * @param probability in [0, 1]; 0 turns faults off
   */
  public Injector withFaultProbability(double probability) {
    Preconditions.probability(probability, "fault probability");
    return new Injector(name, plan, stalls, rateCap, probability, seed, eventSink, timeSource);
  }

  /**
   * This injector with the seed of its random sources: injections started with the same seed draw
   * the same delays and faults, call by call (for a single consumer thread; with several threads
   * the draws are shared in the order the calls arrive).
   */
  public Injector withSeed(long seed) {
    return new Injector(name, plan, stalls, rateCap, faultProbability, seed, eventSink, timeSource);
  }

  /**
   * This injector reporting {@link dev.spillway.toolkit.record.TraceEvent.Kind#INJECTION} events to
   * {@code sink}: start, each plan step and stall window beginning and ending, and close. {@link
   * EventSink#NONE} (the default) turns events off, and then none is built.
   */
  public Injector withEventSink(EventSink sink) {
    Preconditions.notNull(sink, "event sink");
    return new Injector(name, plan, stalls, rateCap, faultProbability, seed, sink, timeSource);
  }

  /** For tests: this injector reading time from, and parking with, {@code timeSource}. */
  Injector withTimeSource(TimeSource timeSource) {
    Preconditions.notNull(timeSource, "time source");
    return new Injector(name, plan, stalls, rateCap, faultProbability, seed, eventSink, timeSource);
  }

  /**
   * Starts an injection of this configuration; its clock (for the plan and the stalls) starts now.
   * Close the returned handle to restore the original behaviour.
   */
  public Injection start() {
    return new Injection(this);
  }

  /** The name. */
  public String name() {
    return name;
  }

  /** The delay plan (a single-step plan when set by {@link #withDelay(Delay)}). */
  public DelayPlan plan() {
    return plan;
  }

  /** The stalls, in the order added. */
  public List<Stall> stalls() {
    return stalls;
  }

  /** The rate cap in calls per second, or empty when uncapped. */
  public OptionalDouble rateCap() {
    return rateCap > 0 ? OptionalDouble.of(rateCap) : OptionalDouble.empty();
  }

  /** The fault probability, in [0, 1]. */
  public double faultProbability() {
    return faultProbability;
  }

  /** The seed of the random sources. */
  public long seed() {
    return seed;
  }

  /** The event sink; {@link EventSink#NONE} when events are off. */
  public EventSink eventSink() {
    return eventSink;
  }

  TimeSource timeSource() {
    return timeSource;
  }

  /** Lists every setting. */
  @Override
  public String toString() {
    return "Injector[name="
        + name
        + ", plan="
        + plan
        + ", stalls="
        + stalls
        + ", rateCap="
        + (rateCap > 0 ? rateCap + "/s" : "none")
        + ", faultProbability="
        + faultProbability
        + ", seed="
        + seed
        + ", eventSink="
        + (eventSink == EventSink.NONE ? "none" : eventSink)
        + "]";
  }
}
