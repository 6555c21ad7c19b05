package dev.spillway.toolkit.inject;

import java.util.concurrent.locks.LockSupport;

/**
 * Where an injection reads the time and how it parks. The real one is {@link #SYSTEM}; tests put a
 * fake one in (through {@code Injector.withTimeSource}) so that plans, stalls and the rate cap can
 * be checked without real time.
 */
interface TimeSource {

  /** {@link System#nanoTime()} and {@link LockSupport#parkNanos(long)}. */
  TimeSource SYSTEM =
      new TimeSource() {
        @Override
        public long nanoTime() {
          return System.nanoTime();
        }

        @Override
        public void park(long nanos) {
          LockSupport.parkNanos(nanos);
        }

        @Override
        public String toString() {
          return "TimeSource.SYSTEM";
        }
      };

  /** The current time in nanoseconds, from an arbitrary origin (as {@link System#nanoTime()}). */
  long nanoTime();

  /**
   * Parks the calling thread for at most {@code nanos} (&gt; 0). May return earlier: when unparked,
   * interrupted, or spuriously; callers loop on a deadline.
   */
  void park(long nanos);
}
