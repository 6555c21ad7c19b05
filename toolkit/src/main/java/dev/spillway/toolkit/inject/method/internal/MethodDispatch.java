package dev.spillway.toolkit.inject.method.internal;

import static org.apiguardian.api.API.Status.INTERNAL;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import org.apiguardian.api.API;

/**
 * Where woven code goes: the advice in a target method calls {@link #enter(int)} with the slot of
 * its injection, which finds the injection's {@link Gate} here. A slot is <em>armed</em> while its
 * method is woven with the injection switched off (prepared ahead of a phase): calls go straight
 * through. A slot is never reused, so a call from code still woven after its slot was closed finds
 * neither: it goes straight through and is counted as a {@linkplain #strayCalls() stray call} —
 * none should ever happen once the class is restored, which is what the tests check. All methods
 * thread-safe.
 */
@API(status = INTERNAL, since = "0.1")
public final class MethodDispatch {

  private static final ConcurrentHashMap<Integer, Gate> GATES = new ConcurrentHashMap<>();
  private static final AtomicInteger NEXT_SLOT = new AtomicInteger();
  private static final Set<Integer> ARMED = ConcurrentHashMap.newKeySet();
  private static final LongAdder STRAY = new LongAdder();

  private MethodDispatch() {}

  /**
   * Called by woven code on entry to a target method: applies the slot's injection, if it is on.
   *
   * @throws Throwable what the injection throws: a fault, or an interrupt of its wait
   */
  public static void enter(int slot) throws Throwable {
    Gate gate = GATES.get(slot);
    if (gate == null) {
      if (!ARMED.contains(slot)) {
        STRAY.increment();
      }
      return;
    }
    gate.enter();
  }

  /** A new slot, never handed out before. */
  static int newSlot() {
    return NEXT_SLOT.getAndIncrement();
  }

  /** Switches {@code gate} on in {@code slot}. */
  static void open(int slot, Gate gate) {
    ARMED.add(slot);
    GATES.put(slot, gate);
  }

  /**
   * Switches the slot's gate off but keeps it armed: woven calls go straight through, not stray.
   */
  static void arm(int slot) {
    ARMED.add(slot);
    GATES.remove(slot);
  }

  /** Closes the slot: woven calls go straight through from now on, counted stray. */
  static void close(int slot) {
    GATES.remove(slot);
    ARMED.remove(slot);
  }

  /**
   * How many calls came from woven code whose injection was already switched off (since the JVM
   * started): a class left woven after its injection closed makes this grow.
   */
  public static long strayCalls() {
    return STRAY.sum();
  }
}
