package dev.spillway.toolkit.inject.method.internal;

import static org.apiguardian.api.API.Status.INTERNAL;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import org.apiguardian.api.API;

/**
 * Where woven code goes: the advice in a target method calls {@link #enter(int)} with the slot of
 * its injection, which finds the injection's {@link Gate} here. A slot is never reused, so a call
 * from code still woven after its injection was switched off finds no gate: it goes straight
 * through and is counted as a {@linkplain #strayCalls() stray call} — none should ever happen once
 * the class is restored, which is what the tests check. All methods thread-safe.
 */
@API(status = INTERNAL, since = "0.1")
public final class MethodDispatch {

  private static final ConcurrentHashMap<Integer, Gate> GATES = new ConcurrentHashMap<>();
  private static final AtomicInteger NEXT_SLOT = new AtomicInteger();
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
      STRAY.increment();
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
    GATES.put(slot, gate);
  }

  /** Switches the slot's gate off: woven calls go straight through from now on. */
  static void close(int slot) {
    GATES.remove(slot);
  }

  /**
   * How many calls came from woven code whose injection was already switched off (since the JVM
   * started): a class left woven after its injection closed makes this grow.
   */
  public static long strayCalls() {
    return STRAY.sum();
  }
}
