package dev.spillway.toolkit.load;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import dev.spillway.toolkit.record.EventSink;
import dev.spillway.toolkit.util.Preconditions;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.apiguardian.api.API;

/**
 * The immutable builder of a {@link LoadDriver}; start it with {@link LoadDriver#drive}. Options
 * have defaults; the target comes last and completes the driver:
 *
 * <pre>{@code
 * LoadDriver driver = LoadDriver.drive(profile)
 *     .named("orders")
 *     .keys(KeyDistribution.zipf(100, 1.1), 42)
 *     .gracePeriod(Duration.ofSeconds(2))
 *     .events(recorder)
 *     .sendTo(message -> mailbox.offer(message) ? Outcome.ACCEPTED : Outcome.REJECTED);
 * }</pre>
 *
 * <p>Every argument is validated when it is given, so no thread ever starts on bad input.
 * Thread-safe (immutable).
 */
@API(status = EXPERIMENTAL, since = "0.1")
public final class LoadDriverBuilder {

  /** The default grace period: 5 s after the planned duration. */
  public static final Duration DEFAULT_GRACE = Duration.ofSeconds(5);

  /** The default lateness threshold for back-pressure: 10 ms. */
  public static final Duration DEFAULT_LATE_THRESHOLD = Duration.ofMillis(10);

  /** The longest grace period: 1 day. */
  public static final Duration MAX_GRACE = Duration.ofDays(1);

  /** The longest lateness threshold: 1 hour. */
  public static final Duration MAX_LATE_THRESHOLD = Duration.ofHours(1);

  /** The longest spin: 10 ms. */
  public static final Duration MAX_SPIN = Duration.ofMillis(10);

  /** The largest sender pool. */
  public static final int MAX_SENDER_THREADS = 1024;

  private final LoadProfile profile;
  private final String name;
  private final KeyDistribution keys;
  private final long seed;
  private final Duration grace;
  private final Duration lateThreshold;
  private final Duration spin;
  private final EventSink events;

  LoadDriverBuilder(LoadProfile profile) {
    this(
        Preconditions.notNull(profile, "load profile"),
        "load",
        KeyDistribution.singleKey(),
        0,
        DEFAULT_GRACE,
        DEFAULT_LATE_THRESHOLD,
        Duration.ZERO,
        EventSink.NONE);
  }

  private LoadDriverBuilder(
      LoadProfile profile,
      String name,
      KeyDistribution keys,
      long seed,
      Duration grace,
      Duration lateThreshold,
      Duration spin,
      EventSink events) {
    this.profile = profile;
    this.name = name;
    this.keys = keys;
    this.seed = seed;
    this.grace = grace;
    this.lateThreshold = lateThreshold;
    this.spin = spin;
    this.events = events;
  }

  /**
   * The driver's name, used in thread names, events and reports. Default {@code "load"}.
   *
   * @param driverName not blank
   */
  public LoadDriverBuilder named(String driverName) {
    Preconditions.notBlank(driverName, "driver name");
    return new LoadDriverBuilder(
        profile, driverName, keys, seed, grace, lateThreshold, spin, events);
  }

  /**
   * How message keys are drawn, and from which seed: the same seed gives the same keys. Default:
   * {@link KeyDistribution#singleKey()}, seed 0.
   *
   * @param distribution not null
   * @param keySeed any value
   */
  public LoadDriverBuilder keys(KeyDistribution distribution, long keySeed) {
    Preconditions.notNull(distribution, "key distribution");
    return new LoadDriverBuilder(
        profile, name, distribution, keySeed, grace, lateThreshold, spin, events);
  }

  /**
   * How long after the planned duration the driver may still send late messages and wait for sends
   * to finish. When it has passed, the driver stops sending, interrupts its senders and reports the
   * rest as not sent or unfinished ({@link Ending#DEADLINE}). Default 5 s.
   *
   * @param gracePeriod in [0, 1 day]
   */
  public LoadDriverBuilder gracePeriod(Duration gracePeriod) {
    Preconditions.inRange(gracePeriod, Duration.ZERO, MAX_GRACE, "grace period");
    return new LoadDriverBuilder(
        profile, name, keys, seed, gracePeriod, lateThreshold, spin, events);
  }

  /** Like {@link #gracePeriod(Duration)}, with the period as an amount of {@code unit}. */
  public LoadDriverBuilder gracePeriod(long gracePeriod, TimeUnit unit) {
    return gracePeriod(Format.toDuration(gracePeriod, unit, "grace period"));
  }

  /**
   * The lateness beyond which the driver counts as behind schedule: when lateness p99 exceeds it,
   * or a message is sent more than this after its phase's planned end, the report carries {@link
   * BackPressure}. Default 10 ms. Keep it well above the park granularity (~0.1 ms).
   *
   * @param threshold in (0, 1 hour]
   */
  public LoadDriverBuilder lateThreshold(Duration threshold) {
    Preconditions.positive(threshold, "late threshold");
    Preconditions.check(
        threshold.compareTo(MAX_LATE_THRESHOLD) <= 0,
        "late threshold",
        "at most " + MAX_LATE_THRESHOLD,
        threshold);
    return new LoadDriverBuilder(profile, name, keys, seed, grace, threshold, spin, events);
  }

  /** Like {@link #lateThreshold(Duration)}, with the threshold as an amount of {@code unit}. */
  public LoadDriverBuilder lateThreshold(long threshold, TimeUnit unit) {
    return lateThreshold(Format.toDuration(threshold, unit, "late threshold"));
  }

  /**
   * Busy-spins instead of parking when the next message is due within {@code window}. Parking wakes
   * in ~50–60 µs steps, which is the floor of lateness; spinning the last stretch lowers it but
   * <strong>keeps a whole core busy</strong> for the window before every due time, which on a small
   * machine slows the very target being measured. Default zero: never spin.
   *
   * @param window in [0, 10 ms]
   */
  public LoadDriverBuilder spinWithin(Duration window) {
    Preconditions.inRange(window, Duration.ZERO, MAX_SPIN, "spin window");
    return new LoadDriverBuilder(profile, name, keys, seed, grace, lateThreshold, window, events);
  }

  /** Like {@link #spinWithin(Duration)}, with the window as an amount of {@code unit}. */
  public LoadDriverBuilder spinWithin(long window, TimeUnit unit) {
    return spinWithin(Format.toDuration(window, unit, "spin window"));
  }

  /**
   * Where {@code PHASE} events go: one when each phase starts, in order, from the driver thread. An
   * exception thrown by the sink fails the run. Default {@link EventSink#NONE}.
   *
   * @param sink not null
   */
  public LoadDriverBuilder events(EventSink sink) {
    Preconditions.notNull(sink, "event sink");
    return new LoadDriverBuilder(profile, name, keys, seed, grace, lateThreshold, spin, sink);
  }

  /**
   * A driver that calls {@code sender} on its own thread, one message at a time ({@link
   * SendMode#DIRECT}). For targets that do not block, such as an {@code offer} to a queue; a
   * blocking send delays every message behind it (which shows as lateness).
   *
   * @param sender not null
   */
  public LoadDriver sendTo(Sender sender) {
    Preconditions.notNull(sender, "sender");
    return new LoadDriver(settings(SendMode.DIRECT, 0, sender, null));
  }

  /**
   * A driver that calls {@code sender} on its own thread and measures latency to the completion of
   * the returned stage ({@link SendMode#ASYNC}).
   *
   * @param sender not null
   */
  public LoadDriver sendAsyncTo(AsyncSender sender) {
    Preconditions.notNull(sender, "async sender");
    return new LoadDriver(settings(SendMode.ASYNC, 0, null, sender));
  }

  /**
   * A driver that hands messages at their intended times to a pool of {@code senderThreads} threads
   * calling {@code sender}, which may block ({@link SendMode#POOL}). When every sender is busy, due
   * messages wait for one; the report says how many and how late they were.
   *
   * @param senderThreads in [1, {@value #MAX_SENDER_THREADS}]
   * @param sender not null; called concurrently
   */
  public LoadDriver sendWithPool(int senderThreads, Sender sender) {
    Preconditions.inRange(senderThreads, 1, MAX_SENDER_THREADS, "sender threads");
    Preconditions.notNull(sender, "sender");
    return new LoadDriver(settings(SendMode.POOL, senderThreads, sender, null));
  }

  private DriverSettings settings(
      SendMode mode, int senderThreads, Sender sender, AsyncSender asyncSender) {
    return new DriverSettings(
        name,
        profile,
        keys,
        seed,
        grace,
        lateThreshold,
        spin,
        events,
        mode,
        senderThreads,
        sender,
        asyncSender);
  }

  @Override
  public String toString() {
    return "LoadDriverBuilder[name="
        + name
        + ", keys="
        + keys
        + ", seed="
        + seed
        + ", grace="
        + grace
        + ", lateThreshold="
        + lateThreshold
        + ", spin="
        + spin
        + ", events="
        + events
        + ", profile="
        + profile
        + "]";
  }
}
