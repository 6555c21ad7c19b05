package dev.spillway.toolkit.inject;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import dev.spillway.toolkit.record.EventSink;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.LockSupport;
import org.apiguardian.api.API;

/**
 * A started {@link Injector}: the live, closeable handle that makes calls slow, stalled, paced or
 * failing. {@link SlowConsumer}'s decorators call {@link #beforeCall()} before each call of the
 * component they wrap; a consumer loop may call it itself. The plan's and the stalls' offsets are
 * measured from {@link Injector#start()}.
 *
 * <p><b>Closing</b> restores the original behaviour at once: later calls go straight through, and
 * calls waiting in an injected delay, stall or rate-cap slot wake up promptly (they are unparked,
 * not left to sleep out their wait) and go on to the real call without a fault. One injection may
 * drive any number of decorated components; closing it restores them all.
 *
 * <p><b>Interrupts</b>: an injected wait ends when its thread is interrupted; the interrupt flag is
 * set again and {@link #beforeCall()} throws {@link InterruptedException} (the decorators throw it
 * where the call's signature allows, otherwise an {@link InjectionInterruptedException}); the call
 * is not made.
 *
 * <p><b>Precision</b>: every wait is a deadline loop ({@code parkNanos} until the deadline), so it
 * never ends early; a park overshoots its deadline by the timer slack (about 50–100 µs on this kind
 * of machine) plus any scheduling delay of a loaded machine. A thread's overshoot on one delay is
 * taken off its next delays (up to 100 ms of it; a longer hold-up, such as a suspended JVM, is not
 * paid back), so the time a thread spends in injected delays over many calls is the sum of the
 * model's draws plus the last wait's overshoot: a fixed 5 ms delay gives a single consumer 200
 * calls/s, not the ~195/s of a plain {@code parkNanos(5 ms)} loop, and a consumer held up by the
 * machine catches up like a load generator that sends the messages that are due. A single delay may
 * therefore come out shorter than its draw, by the previous one's overshoot. The injection's own
 * work (a few µs per call, more while its code is still interpreted) counts as part of the delay.
 * Stall ends and rate-cap slots are absolute times, so a park's overshoot does not accumulate there
 * either (the rate cap does not catch up on a hold-up longer than its interval: it is a maximum).
 *
 * <p><b>Events</b>: with an {@linkplain Injector#withEventSink event sink}, the injection reports
 * {@link dev.spillway.toolkit.record.TraceEvent.Kind#INJECTION} events: its start (naming the first
 * plan step), each later plan step, each stall window's start and end, and its close. It has no
 * thread of its own: each event carries the exact nanoTime of the change it reports, and is
 * delivered by the first call that passes that time, or by {@link #close()} at the latest, in time
 * order. Without a sink no event is built.
 *
 * <p>Thread-safety: all methods are thread-safe; any number of threads may make calls. Delays and
 * faults are drawn from two random sources seeded by {@link Injector#withSeed(long)}, shared by the
 * threads in call order.
 */
@API(status = EXPERIMENTAL, since = "0.1")
public final class Injection implements AutoCloseable {

  /** The most lateness of one thread's delay that is taken off its next delays, in nanoseconds. */
  static final long MAX_CARRIED_NANOS = 100_000_000;

  private final Injector injector;
  private final String name;
  private final TimeSource time;
  private final long startNanos;
  private final DelayPlan plan;
  private final List<Stall> stalls;
  private final RateCap rateCap;
  private final double faultProbability;
  private final SplittableRandom delayRandom;
  private final SplittableRandom faultRandom;
  private final InjectionTimeline timeline;
  private final ThreadLocal<long[]> carried = ThreadLocal.withInitial(() -> new long[1]);
  private final Set<Thread> waiters = ConcurrentHashMap.newKeySet();
  private final AtomicBoolean closing = new AtomicBoolean();
  private final LongAdder calls = new LongAdder();
  private final LongAdder faults = new LongAdder();
  private volatile boolean closed;

  Injection(Injector injector) {
    this.injector = injector;
    this.name = injector.name();
    this.time = injector.timeSource();
    this.plan = injector.plan();
    this.stalls = injector.stalls();
    this.faultProbability = injector.faultProbability();
    SplittableRandom root = new SplittableRandom(injector.seed());
    this.delayRandom = root.split();
    this.faultRandom = root.split();
    this.startNanos = time.nanoTime();
    this.rateCap =
        injector.rateCap().isPresent()
            ? new RateCap(injector.rateCap().getAsDouble(), startNanos)
            : null;
    this.timeline =
        injector.eventSink() == EventSink.NONE ? null : new InjectionTimeline(injector, startNanos);
  }

  /** The injection's name (its injector's). */
  public String name() {
    return name;
  }

  /** The configuration this injection runs. */
  public Injector injector() {
    return injector;
  }

  /** Whether {@link #close()} was called. */
  public boolean isClosed() {
    return closed;
  }

  /** How many calls came through {@link #beforeCall()} while the injection was open. */
  public long calls() {
    return calls.sum();
  }

  /** How many {@link InjectedFault}s were thrown. */
  public long faults() {
    return faults.sum();
  }

  /**
   * Applies the injection to one call, on the calling thread, before the call is made: waits out a
   * stall window the call starts in, waits the delay drawn from the plan's current model, waits for
   * the rate cap's next slot, then throws an {@link InjectedFault} with the fault probability.
   * Returns at once when the injection is closed, and as soon as it closes during a wait.
   *
   * @throws InjectedFault when a fault is injected: do not make the call
   * @throws InterruptedException when the thread is interrupted in a wait; its interrupt flag is
   *     set again; do not make the call
   */
  public void beforeCall() throws InterruptedException {
    if (closed) {
      return;
    }
    long arrived = time.nanoTime(); // first: all our work from here on counts as part of a delay
    calls.increment();
    report(arrived - startNanos);
    for (long end = stallEndAt(arrived - startNanos);
        end >= 0;
        end = stallEndAt(arrived - startNanos)) {
      if (!waitUntil(startNanos + end)) {
        return;
      }
      arrived = time.nanoTime();
      report(arrived - startNanos);
    }
    Delay model = plan.delay(plan.stepAt(arrived - startNanos));
    long[] late = null;
    long deadline = 0;
    boolean delayed = false;
    if (model != NoDelayModel.INSTANCE) {
      late = carried.get();
      // from the arrival, so that our own work before the wait counts as part of the delay
      long target = draw(model) - late[0];
      late[0] = Math.max(0, -target);
      if (target > 0) {
        deadline = arrived + target;
        delayed = true;
        if (!waitUntil(deadline)) {
          return;
        }
        late[0] = lateness(deadline);
      }
    }
    if (rateCap != null) {
      long slot = rateCap.reserve(time.nanoTime());
      if (slot - time.nanoTime() > 0) {
        delayed = false; // the lateness after a rate-cap wait is not the delay's
        if (!waitUntil(slot)) {
          return;
        }
      }
    }
    if (timeline != null) {
      timeline.advanceTo(elapsed());
    }
    if (delayed) {
      late[0] = lateness(deadline); // measured as late as possible: a hold-up on the way counts
    }
    if (faultProbability > 0 && drawFault() && !closed) {
      faults.increment();
      throw new InjectedFault(name, faultProbability);
    }
  }

  private long lateness(long deadline) {
    return Math.min(MAX_CARRIED_NANOS, Math.max(0, time.nanoTime() - deadline));
  }

  /** {@link #beforeCall()} for calls that cannot throw InterruptedException. */
  void beforeCallUnchecked() {
    try {
      beforeCall();
    } catch (InterruptedException e) {
      throw new InjectionInterruptedException(e); // the flag is already set again
    }
  }

  /**
   * Closes the injection: later calls go straight through, and threads waiting in an injected wait
   * are woken to make their call now. Reports the close to the event sink. Idempotent.
   */
  @Override
  public void close() {
    if (!closing.compareAndSet(false, true)) {
      return;
    }
    closed = true;
    for (Thread waiter : waiters) {
      LockSupport.unpark(waiter);
    }
    if (timeline != null) {
      timeline.close(elapsed(), calls.sum(), faults.sum());
    }
  }

  /** For tests: how many threads wait in an injected wait right now. */
  int waitingThreads() {
    return waiters.size();
  }

  private long elapsed() {
    return time.nanoTime() - startNanos;
  }

  private void report(long elapsed) {
    if (timeline != null) {
      timeline.advanceTo(elapsed);
    }
  }

  private long stallEndAt(long elapsed) {
    long end = -1;
    for (Stall s : stalls) {
      end = Math.max(end, s.windowEndAt(elapsed));
    }
    return end;
  }

  private long draw(Delay model) {
    synchronized (delayRandom) {
      return model.nextNanos(delayRandom);
    }
  }

  private boolean drawFault() {
    synchronized (faultRandom) {
      return faultRandom.nextDouble() < faultProbability;
    }
  }

  /**
   * Parks until {@code deadline}; true when it passed, false when the injection closed first.
   *
   * @throws InterruptedException when interrupted; the flag is set again
   */
  private boolean waitUntil(long deadline) throws InterruptedException {
    if (deadline - time.nanoTime() <= 0) {
      return true;
    }
    Thread me = Thread.currentThread();
    waiters.add(me); // before checking closed: close() unparks every registered waiter
    try {
      while (true) {
        if (closed) {
          return false;
        }
        if (Thread.interrupted()) {
          me.interrupt();
          throw new InterruptedException(
              "interrupted in an injected wait of injection '" + name + "'; the call was not made");
        }
        long left = deadline - time.nanoTime();
        if (left <= 0) {
          return true;
        }
        time.park(left);
      }
    } finally {
      waiters.remove(me);
    }
  }

  /** Names the injection and its state. */
  @Override
  public String toString() {
    return "Injection[name=" + name + ", closed=" + closed + ", injector=" + injector + "]";
  }
}
