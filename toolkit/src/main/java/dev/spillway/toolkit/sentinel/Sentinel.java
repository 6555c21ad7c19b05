package dev.spillway.toolkit.sentinel;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import dev.spillway.toolkit.probe.QueueProbe;
import dev.spillway.toolkit.record.ObservableQueue;
import dev.spillway.toolkit.util.Durations;
import dev.spillway.toolkit.util.Preconditions;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.LongAdder;
import org.apiguardian.api.API;

/**
 * A queue-length watchdog with hysteresis, after Erlang/OTP 27's {@code erlang:system_monitor}
 * option {@code {long_message_queue, {Disable, Enable}}}: it fires <b>once</b> when the depth
 * reaches the enable threshold, and fires again only after the depth has fallen to the disable
 * threshold or below (re-arming, the default) — or never again ({@link SentinelBuilder#oneShot()}).
 *
 * <p><b>Two ways to watch.</b> {@link #watching(ObservableQueue)} is event-driven: the sentinel is
 * a listener of the queue (an {@link dev.spillway.toolkit.record.InstrumentedQueue} or an {@link
 * dev.spillway.toolkit.record.InstrumentedMpscQueue}) and checks each enqueue on the producer's
 * thread — one compare while below the enable threshold, no lock, no allocation, no polling thread;
 * a CAS on its state makes exactly one of several producers crossing together fire. {@link
 * #polling(QueueProbe)} reads any probe at an interval on a daemon thread, so a crossing is seen up
 * to one interval late.
 *
 * <p><b>On a breach</b> the sentinel collects {@link Diagnostics} (top queues by depth, the
 * consumer's stack), runs its {@link Mitigation} (log, shed, restart, callback), records a {@link
 * Breach} ({@link #breaches()}) and reports {@code BREACH}, {@code MITIGATION} and {@code REARM}
 * events to its sinks in the order the transitions happened (a breach's mitigations before the
 * re-arm that follows it; a {@code BREACH} or {@code REARM} event is stamped with the moment of its
 * transition, a {@code MITIGATION} event with the moment the mitigation acted, which can be later
 * than a re-arm that follows it when a mitigation is slow). By default that work runs on the
 * sentinel's daemon thread ({@code spillway-sentinel-<name>}); {@link
 * SentinelBuilder#actionsInline()} runs it on the detecting thread instead. Either way the
 * detection itself, and the start and end of shedding, happen on the detecting thread at once.
 *
 * <p><b>Shedding.</b> With {@link Mitigation#shed()}, {@link #admits()} refuses messages from the
 * enable threshold until the depth falls back to the disable threshold; a component calls it before
 * each enqueue and rejects a refused message explicitly ({@link #shedCount()} counts them).
 *
 * <pre>{@code
 * Sentinel sentinel = Sentinel.watching(queue).enableAt(500).disableAt(250)
 *     .mitigate(Mitigation.shed().and(Mitigation.log())).events(recorder).start();
 * }</pre>
 *
 * <p>Thread-safety: all methods are thread-safe. {@link #close()} detaches the sentinel or stops
 * its polling, waits for the handling of breaches already detected, and stops its thread, within
 * its close timeout ({@link SentinelBuilder#closeTimeout(Duration)}, 5 s by default); after it
 * returns no mitigation starts and no event is reported (unless it was called from one of the
 * sentinel's own mitigations on its thread, which cannot wait for itself). A mitigation, probe or
 * sink still blocked at the timeout is named in a {@code WARNING} line and left behind.
 *
 * <p>Limits: the hand-off queue to the sentinel's thread is unbounded, but it holds at most two
 * jobs per excursion, and each excursion needs the queue to move by enable &minus; disable messages
 * each way. With several consumers, an excursion that begins and ends entirely between one
 * consumer's dequeue and its check may go unreported (the check re-reads the depth once).
 */
@API(status = EXPERIMENTAL, since = "0.1")
public final class Sentinel implements AutoCloseable {

  private static final Logger LOG = System.getLogger(Sentinel.class.getName());

  private final Settings settings;
  private final boolean sheds;
  private final LongAdder shed = new LongAdder();
  private final Publisher publisher;
  private final Responder responder;
  private final Dispatcher dispatcher;
  private final Hysteresis hysteresis;
  private final Poller poller; // null when event-driven
  private final AtomicBoolean closed = new AtomicBoolean();
  private volatile long shedAtBreach;
  private volatile AutoCloseable detach; // set once the listener is attached

  private Sentinel(Settings settings) {
    this.settings = settings;
    this.sheds = settings.mitigation.sheds();
    this.publisher = new Publisher(settings.sinks, settings.retain);
    this.responder =
        new Responder(
            settings.name,
            settings.probe.name(),
            settings.enable,
            settings.disable,
            settings.mitigation,
            new DiagnosticsCollector(rankedProbes(settings), settings.topN, settings.consumer),
            publisher,
            settings.clock);
    boolean inline = settings.inline || settings.polling();
    this.dispatcher = inline ? Dispatcher.inline() : new HandoffDispatcher(settings.name);
    ObservableQueue<?> queue = settings.queue;
    this.hysteresis =
        new Hysteresis(
            settings.enable,
            settings.disable,
            settings.oneShot,
            queue == null ? null : () -> queue.size(),
            this::deliver);
    this.poller =
        settings.polling()
            ? new Poller(settings.name, settings.probe, settings.intervalNanos, hysteresis)
            : null;
  }

  /**
   * Watches {@code queue} event-driven: each enqueue is checked on the producer's thread, with the
   * depth the queue reports to its listeners (exact for an {@link
   * dev.spillway.toolkit.record.InstrumentedQueue}; for an {@link
   * dev.spillway.toolkit.record.InstrumentedMpscQueue} a depth it reached, so a breach is never
   * reported for a depth that was not reached, and an excursion that polls undo while its crossing
   * enqueue is under way may go unreported).
   *
   * @param queue not null
   */
  public static EnableStage watching(ObservableQueue<?> queue) {
    Preconditions.notNull(queue, "queue");
    Settings settings = new Settings();
    settings.queue = queue;
    settings.probe = queue.probe();
    settings.name = queue.name();
    return new EnableStage(settings);
  }

  /**
   * Watches {@code probe} by reading it at an interval on a daemon thread.
   *
   * @param probe not null; read only from the polling thread and when diagnosing a breach
   */
  public static IntervalStage polling(QueueProbe probe) {
    Preconditions.notNull(probe, "probe");
    Settings settings = new Settings();
    settings.probe = probe;
    settings.name = Preconditions.notBlank(probe.name(), "probe name");
    return new IntervalStage(settings);
  }

  static Sentinel start(Settings settings) {
    Sentinel sentinel = new Sentinel(settings);
    if (sentinel.dispatcher instanceof HandoffDispatcher) {
      ((HandoffDispatcher) sentinel.dispatcher).start();
    }
    if (settings.polling()) {
      sentinel.poller.start();
    } else {
      sentinel.detach = settings.queue.addDepthListener(sentinel.hysteresis);
      sentinel.hysteresis.afterEnqueue(settings.queue.size());
    }
    return sentinel;
  }

  private static List<QueueProbe> rankedProbes(Settings settings) {
    Map<QueueProbe, Boolean> seen = new IdentityHashMap<>();
    List<QueueProbe> probes = new ArrayList<>();
    seen.put(settings.probe, true);
    probes.add(settings.probe);
    for (QueueProbe p : settings.rankAmong) {
      if (seen.put(p, true) == null) {
        probes.add(p);
      }
    }
    return probes;
  }

  private void deliver(Transition t) {
    if (t.breach()) {
      if (sheds) {
        shedAtBreach = shed.sum();
      }
      dispatcher.execute(() -> responder.onBreach(t));
    } else {
      long rejected = sheds ? shed.sum() - shedAtBreach : 0;
      dispatcher.execute(() -> responder.onFallBack(t, rejected));
    }
  }

  /** The sentinel's name: the source of its events and the suffix of its thread's name. */
  public String name() {
    return settings.name;
  }

  /** The name of the watched queue or probe. */
  public String source() {
    return settings.probe.name();
  }

  /** The depth at which it fires. */
  public long enableThreshold() {
    return settings.enable;
  }

  /** The depth at or below which it re-arms and stops shedding. */
  public long disableThreshold() {
    return settings.disable;
  }

  /** Whether it fires at most once. */
  public boolean isOneShot() {
    return settings.oneShot;
  }

  /** Whether it is event-driven (else polling). */
  public boolean isEventDriven() {
    return !settings.polling();
  }

  /** The polling interval; {@link Duration#ZERO} when event-driven. */
  public Duration pollingInterval() {
    return Duration.ofNanos(settings.intervalNanos);
  }

  /** Whether it would fire if the depth reached the enable threshold now. */
  public boolean isArmed() {
    return hysteresis.isArmed();
  }

  /**
   * Whether it is shedding: it sheds ({@link Mitigation#shed()}), is open, and the depth has
   * reached the enable threshold and not yet fallen back to the disable threshold.
   */
  public boolean isShedding() {
    return sheds && hysteresis.isTripped();
  }

  /**
   * Asks admission for one message, before it is enqueued: true unless {@link #isShedding()}. A
   * refusal is counted in {@link #shedCount()}; the component must then not enqueue the message and
   * must report it to its sender as rejected (never drop it silently). Costs a volatile read.
   */
  public boolean admits() {
    if (isShedding()) {
      shed.increment();
      return false;
    }
    return true;
  }

  /** How many messages {@link #admits()} has refused so far. */
  public long shedCount() {
    return shed.sum();
  }

  /**
   * The breaches recorded so far, oldest first (the most recent ones, up to {@link
   * SentinelBuilder#retainBreaches(int)}). A breach appears once its mitigations have run.
   */
  public List<Breach> breaches() {
    return publisher.breaches();
  }

  /** How many breaches have been recorded, including those no longer retained. */
  public long breachCount() {
    return publisher.breachCount();
  }

  /** How many times it has re-armed (fallen back to the disable threshold after a breach). */
  public long rearmCount() {
    return publisher.rearmCount();
  }

  /** How many probe reads failed (polling only; always 0 when event-driven). */
  public long probeFailures() {
    return poller == null ? 0 : poller.failures();
  }

  /** Whether {@link #close()} has been called. */
  public boolean isClosed() {
    return closed.get();
  }

  /**
   * Stops watching: no transition happens from now on, shedding ends; waits until the breaches
   * already detected have been handled (their mitigations run, their events reported), detaches
   * from the queue or stops the polling thread, and stops the sentinel's thread. Idempotent.
   *
   * <p>Bounded: returns within the close timeout ({@link SentinelBuilder#closeTimeout(Duration)},
   * default 5 s) even when a mitigation, a probe or an event sink blocks. It then logs, for each
   * thread still blocked, one {@code WARNING} line such as {@code sentinel 'orders': mitigation
   * 'restart' did not return within 5s; its thread spillway-sentinel-orders was interrupted and is
   * left running (daemon)}, starts no further step, and neither records nor reports what the
   * blocked step does afterwards. An interrupt of the calling thread ends the wait early (and stays
   * set).
   */
  @Override
  public void close() {
    if (!closed.compareAndSet(false, true)) {
      return;
    }
    long deadline = System.nanoTime() + settings.closeTimeout.toNanos();
    // what each blocked thread is doing, read when it is found blocked: before any interrupt
    Map<Thread, String> stuck = new LinkedHashMap<>();
    for (Thread t : hysteresis.close(deadline)) {
      stuck.put(t, activityOf(t));
    }
    if (!stuck.isEmpty()) {
      giveUp(); // before the poller is interrupted below: its inline step must be the last
    }
    AutoCloseable handle = detach;
    if (handle != null) {
      try {
        handle.close();
      } catch (Exception e) {
        LOG.log(Level.WARNING, "Sentinel '" + settings.name + "' could not detach", e);
      }
    }
    if (poller != null && !poller.stop(deadline)) {
      stuck.putIfAbsent(poller.thread(), activityOf(poller.thread()));
    }
    if (!dispatcher.close(deadline)) {
      stuck.putIfAbsent(dispatcher.thread(), activityOf(dispatcher.thread()));
    }
    if (stuck.isEmpty()) {
      return;
    }
    giveUp();
    dispatcher.abandon();
    stuck.forEach((thread, what) -> LOG.log(Level.WARNING, late(thread, what)));
  }

  /** No step starts, nothing is recorded or reported, from now on. */
  private void giveUp() {
    responder.close();
    publisher.close();
  }

  /** What {@code thread} is doing for this sentinel now, for the line that names it. */
  private String activityOf(Thread thread) {
    String what = responder.activityOf(thread);
    if (what == null && poller != null && thread == poller.thread()) {
      what = poller.activity();
    }
    return what == null ? "the handling of a breach" : what;
  }

  /** The line that names what {@code thread} was doing ({@code what}) when close gave up on it. */
  private String late(Thread thread, String what) {
    String within =
        Thread.currentThread().isInterrupted()
            ? "before close() was interrupted"
            : "within " + Durations.format(settings.closeTimeout);
    boolean own = thread == dispatcher.thread() || (poller != null && thread == poller.thread());
    return "sentinel '"
        + settings.name
        + "': "
        + what
        + " did not return "
        + within
        + (own
            ? "; its thread " + thread.getName() + " was interrupted and is left running (daemon)"
            : "; it runs inline on thread "
                + thread.getName()
                + ", which is left in it (not interrupted: not the sentinel's thread)");
  }

  @Override
  public String toString() {
    return "Sentinel[name="
        + settings.name
        + ", source="
        + source()
        + ", enable="
        + settings.enable
        + ", disable="
        + settings.disable
        + ", "
        + (settings.polling() ? "polling every " + pollingInterval() : "event-driven")
        + ", "
        + (settings.oneShot ? "one-shot" : "re-arming")
        + ", mitigation="
        + settings.mitigation
        + ", actions="
        + dispatcher
        + ", state="
        + hysteresis.describe()
        + (isShedding() ? " (shedding)" : "")
        + ", breaches="
        + breachCount()
        + ", closeTimeout="
        + settings.closeTimeout
        + "]";
  }
}
