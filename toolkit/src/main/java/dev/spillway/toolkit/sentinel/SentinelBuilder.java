package dev.spillway.toolkit.sentinel;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import dev.spillway.toolkit.probe.QueueProbe;
import dev.spillway.toolkit.record.EventSink;
import dev.spillway.toolkit.util.Preconditions;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.apiguardian.api.API;

/**
 * The last, optional steps of a sentinel's definition, ending in {@link #start()}. Defaults:
 * re-arming, named after the watched queue or probe, mitigation {@link Mitigation#log()}, no event
 * sinks, diagnostics ranking only the watched probe (top 5) without a consumer stack, actions on
 * the sentinel's own thread, the last 1000 breaches kept, a close timeout of 5 seconds.
 *
 * <p>Every method validates its argument at once and returns a new builder: immutable and
 * thread-safe. Nothing is attached or started before {@link #start()}.
 */
@API(status = EXPERIMENTAL, since = "0.1")
public final class SentinelBuilder {

  /** The most probes a breach's ranking can list. */
  public static final int MAX_TOP_N = 1000;

  /** The most breaches a sentinel can keep. */
  public static final int MAX_RETAINED_BREACHES = 1_000_000;

  /** How long {@link Sentinel#close()} waits by default: 5 seconds. */
  public static final Duration DEFAULT_CLOSE_TIMEOUT = Settings.DEFAULT_CLOSE_TIMEOUT;

  /** The shortest close timeout: 1 millisecond. */
  public static final Duration MIN_CLOSE_TIMEOUT = Duration.ofMillis(1);

  /** The longest close timeout: 1 hour. */
  public static final Duration MAX_CLOSE_TIMEOUT = Duration.ofHours(1);

  private final Settings settings;

  SentinelBuilder(Settings settings) {
    this.settings = settings;
  }

  /** Names the sentinel (events' source, thread name); by default the watched queue's name. */
  public SentinelBuilder named(String name) {
    Preconditions.notBlank(name, "sentinel name");
    Settings next = settings.copy();
    next.name = name;
    return new SentinelBuilder(next);
  }

  /**
   * Fires at most once, ever: after the first excursion the sentinel never re-arms (shedding, if
   * any, still ends when the depth falls back to the disable threshold).
   */
  public SentinelBuilder oneShot() {
    Settings next = settings.copy();
    next.oneShot = true;
    return new SentinelBuilder(next);
  }

  /** Re-arms each time the depth falls to the disable threshold (the default). */
  public SentinelBuilder rearming() {
    Settings next = settings.copy();
    next.oneShot = false;
    return new SentinelBuilder(next);
  }

  /** What to do on each breach (replaces the default {@link Mitigation#log()}). */
  public SentinelBuilder mitigate(Mitigation mitigation) {
    Preconditions.notNull(mitigation, "mitigation");
    Settings next = settings.copy();
    next.mitigation = mitigation;
    return new SentinelBuilder(next);
  }

  /**
   * Reports {@code BREACH}, {@code REARM} and {@code MITIGATION} events to {@code sinks} (replacing
   * any given before), in the order the transitions happened.
   *
   * @param sinks at least one; no nulls
   */
  public SentinelBuilder events(EventSink... sinks) {
    Preconditions.noNullElements(sinks, "event sinks");
    Preconditions.check(sinks.length > 0, "event sinks", "at least one sink", "none");
    Settings next = settings.copy();
    next.sinks = List.of(sinks);
    return new SentinelBuilder(next);
  }

  /**
   * Ranks the watched probe among {@code probes} in each breach's diagnostics (recon's {@code
   * proc_count}); the watched probe is always included, once.
   *
   * @param probes no nulls; may be empty
   */
  public SentinelBuilder rankAmong(Collection<? extends QueueProbe> probes) {
    Preconditions.notNull(probes, "probes to rank among");
    Preconditions.noNullElements(probes.toArray(new QueueProbe[0]), "probes to rank among");
    Settings next = settings.copy();
    next.rankAmong = List.copyOf(probes);
    return new SentinelBuilder(next);
  }

  /** Lists the top {@code n} probes by depth in the diagnostics, {@code n} in [1, 1000]. */
  public SentinelBuilder topN(int n) {
    Preconditions.inRange(n, 1, MAX_TOP_N, "top N");
    Settings next = settings.copy();
    next.topN = n;
    return new SentinelBuilder(next);
  }

  /** Puts {@code consumer}'s stack in each breach's diagnostics. */
  public SentinelBuilder consumerThread(Thread consumer) {
    Preconditions.notNull(consumer, "consumer thread");
    return consumerThreadFrom(() -> consumer);
  }

  /**
   * Puts the stack of the thread {@code consumer} supplies at each breach (the current consumer,
   * after restarts) in the diagnostics; a null thread means none.
   */
  public SentinelBuilder consumerThreadFrom(Supplier<Thread> consumer) {
    Preconditions.notNull(consumer, "consumer thread supplier");
    Settings next = settings.copy();
    next.consumer = consumer;
    return new SentinelBuilder(next);
  }

  /**
   * Runs the diagnostics and mitigations on the thread that detected the breach (the producer whose
   * enqueue crossed, or the consumer whose dequeue re-armed): the lowest detection latency, but
   * that thread pays for them (a stack sample, a log write, a restart) and must be able to block
   * while they run. A polling sentinel always runs them on its polling thread.
   */
  public SentinelBuilder actionsInline() {
    Settings next = settings.copy();
    next.inline = true;
    return new SentinelBuilder(next);
  }

  /**
   * Runs the diagnostics and mitigations on the sentinel's own daemon thread, one breach at a time
   * (the default): producers never pay for them, at the cost of a hand-off (microseconds).
   * Detection and shedding still happen on the producer's thread at the crossing enqueue.
   */
  public SentinelBuilder actionsOnSentinelThread() {
    Settings next = settings.copy();
    next.inline = false;
    return new SentinelBuilder(next);
  }

  /** Keeps the most recent {@code max} breaches, {@code max} in [1, 1,000,000] (default 1000). */
  public SentinelBuilder retainBreaches(int max) {
    Preconditions.inRange(max, 1, MAX_RETAINED_BREACHES, "retained breaches");
    Settings next = settings.copy();
    next.retain = max;
    return new SentinelBuilder(next);
  }

  /**
   * Bounds {@link Sentinel#close()}: how long it waits, all together, for the breaches already
   * detected to be handled (diagnostics, mitigations and event sinks, on the sentinel's thread or
   * inline on the threads that detected them) and for its thread to end. When a mitigation, a probe
   * or a sink has not returned by then, {@code close()} stops waiting, logs one {@code WARNING}
   * line per blocked thread naming the sentinel, the step and the thread (interrupting the
   * sentinel's own thread, which is a daemon and is left running if it ignores the interrupt; never
   * a thread of the caller's), and returns; what that step does afterwards is neither recorded nor
   * reported, and no further step starts.
   *
   * @param timeout in [{@link #MIN_CLOSE_TIMEOUT}, {@link #MAX_CLOSE_TIMEOUT}]; default {@link
   *     #DEFAULT_CLOSE_TIMEOUT} (5 s)
   */
  public SentinelBuilder closeTimeout(Duration timeout) {
    Preconditions.inRange(timeout, MIN_CLOSE_TIMEOUT, MAX_CLOSE_TIMEOUT, "close timeout");
    Settings next = settings.copy();
    next.closeTimeout = timeout;
    return new SentinelBuilder(next);
  }

  /**
   * Bounds {@link Sentinel#close()} by {@code timeout} {@code unit}s; see {@link
   * #closeTimeout(Duration)}.
   */
  public SentinelBuilder closeTimeout(long timeout, TimeUnit unit) {
    Preconditions.notNull(unit, "close timeout unit");
    Preconditions.positive(timeout, "close timeout");
    return closeTimeout(Duration.ofNanos(unit.toNanos(timeout)));
  }

  /**
   * Starts the sentinel: starts its thread (if any), then attaches it to the queue or starts
   * polling. An event-driven sentinel checks the queue's current depth at once, so a queue already
   * at the enable threshold is reported without waiting for the next enqueue.
   */
  public Sentinel start() {
    return Sentinel.start(settings.copy());
  }

  @Override
  public String toString() {
    return "SentinelBuilder[source="
        + settings.probe.name()
        + ", enable="
        + settings.enable
        + ", disable="
        + settings.disable
        + ", mitigation="
        + settings.mitigation
        + ", closeTimeout="
        + settings.closeTimeout
        + "]";
  }
}
