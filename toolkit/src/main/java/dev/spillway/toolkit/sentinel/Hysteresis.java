package dev.spillway.toolkit.sentinel;

import dev.spillway.toolkit.record.DepthListener;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Consumer;
import java.util.function.LongSupplier;

/**
 * The lock-free state machine of a sentinel. The state is one long: an even value {@code >= 0} is
 * armed, an odd value is tripped (the depth reached enable and has not yet fallen to disable), and
 * each transition adds one, so {@code state + 1} numbers the transition. A one-shot sentinel goes
 * to {@link #SPENT} when it falls back; {@link #CLOSED} stops every transition.
 *
 * <p>Hot path: below the enable threshold an enqueue costs one compare; at or above it, a volatile
 * read. A transition is one CAS, so among producers crossing together exactly one wins. After each
 * transition the winner re-reads the depth: if it has already moved past the other threshold (a
 * dequeue that raced the breach and saw the state still armed), it makes that transition too, so
 * the state never sticks at tripped with an empty queue.
 *
 * <p>Thread-safety: all methods are thread-safe.
 */
final class Hysteresis implements DepthListener {

  static final long SPENT = -2;
  static final long CLOSED = Long.MIN_VALUE;

  private static final VarHandle STATE;

  static {
    try {
      STATE = MethodHandles.lookup().findVarHandle(Hysteresis.class, "state", long.class);
    } catch (ReflectiveOperationException e) {
      throw new ExceptionInInitializerError(e);
    }
  }

  private final long enable;
  private final long disable;
  private final boolean oneShot;
  private final LongSupplier current;
  private final Consumer<Transition> transitions;
  private final AtomicInteger inFlight = new AtomicInteger();
  private final ThreadLocal<int[]> ownInFlight = ThreadLocal.withInitial(() -> new int[1]);
  private final Set<Thread> inside = ConcurrentHashMap.newKeySet(); // threads in a transition

  private volatile long state;

  /**
   * @param current reads the depth now, to re-check after a transition; null when the caller is the
   *     only observer (a polling thread) and no re-check is needed
   * @param transitions told of every transition, on the thread that made it, in order per thread
   */
  Hysteresis(
      long enable,
      long disable,
      boolean oneShot,
      LongSupplier current,
      Consumer<Transition> transitions) {
    this.enable = enable;
    this.disable = disable;
    this.oneShot = oneShot;
    this.current = current;
    this.transitions = transitions;
  }

  @Override
  public void afterEnqueue(long depth) {
    if (depth >= enable) {
      long s = state;
      if (s >= 0 && (s & 1) == 0) {
        advance(s, depth);
      }
    }
  }

  @Override
  public void afterDequeue(long depth, int count) {
    if (depth <= disable) {
      long s = state;
      if (s > 0 && (s & 1) == 1) {
        advance(s, depth);
      }
    }
  }

  /** A depth read by a poller: acts as an enqueue or a dequeue seeing it. */
  void observe(long depth) {
    if (depth >= enable) {
      afterEnqueue(depth);
    } else if (depth <= disable) {
      afterDequeue(depth, 0);
    }
  }

  boolean isArmed() {
    long s = state;
    return s >= 0 && (s & 1) == 0;
  }

  boolean isTripped() {
    long s = state;
    return s > 0 && (s & 1) == 1;
  }

  /** "armed", "tripped", "spent" (one-shot, done) or "closed". */
  String describe() {
    long s = state;
    if (s == CLOSED) {
      return "closed";
    }
    if (s == SPENT) {
      return "spent";
    }
    return (s & 1) == 0 ? "armed" : "tripped";
  }

  /**
   * Stops every transition, then waits until the transitions that other threads already began have
   * been delivered (their inline actions finished or their jobs handed off), or until {@code
   * deadline} (a {@link System#nanoTime()} instant) passes, or until the calling thread is
   * interrupted (the flag is kept), whichever comes first.
   *
   * @return the threads, other than the caller, still delivering a transition when the wait ended;
   *     empty when every one was delivered
   */
  List<Thread> close(long deadline) {
    STATE.setVolatile(this, CLOSED);
    int own = ownInFlight.get()[0];
    Thread me = Thread.currentThread();
    while (inFlight.get() > own && deadline - System.nanoTime() > 0 && !me.isInterrupted()) {
      LockSupport.parkNanos(this, TimeUnit.MICROSECONDS.toNanos(50));
    }
    if (inFlight.get() <= own) {
      return List.of();
    }
    List<Thread> late = new ArrayList<>(inside);
    late.remove(me);
    return late;
  }

  private void advance(long from, long depth) {
    inFlight.incrementAndGet();
    int[] own = ownInFlight.get();
    if (own[0]++ == 0) {
      inside.add(Thread.currentThread());
    }
    try {
      List<Transition> made = new ArrayList<>(2);
      long s = from;
      long d = depth;
      while (true) {
        boolean breach = (s & 1) == 0;
        long next = !breach && oneShot ? SPENT : s + 1;
        if (!STATE.compareAndSet(this, s, next)) {
          break;
        }
        made.add(new Transition(s + 1, breach, d, System.nanoTime(), !breach && next >= 0));
        if (current == null || next < 0) {
          break;
        }
        d = current.getAsLong();
        if (breach ? d > disable : d < enable) {
          break;
        }
        s = next;
      }
      for (Transition t : made) {
        transitions.accept(t);
      }
    } finally {
      if (--own[0] == 0) {
        inside.remove(Thread.currentThread());
      }
      inFlight.decrementAndGet();
    }
  }

  @Override
  public String toString() {
    return "Hysteresis[enable=" + enable + ", disable=" + disable + ", state=" + state + "]";
  }
}
