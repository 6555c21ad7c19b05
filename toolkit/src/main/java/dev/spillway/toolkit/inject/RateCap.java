package dev.spillway.toolkit.inject;

/**
 * Next-allowed-time pacing: each call reserves the next free slot, {@code 1/rate} after the
 * previous slot and never before now. Slots are absolute times: a call that starts late by less
 * than an interval (a park's overshoot) does not push the later slots back, so the overshoot does
 * not accumulate. A call that comes later than its slot (an idle consumer, a long hold-up) starts a
 * new schedule from now: missed slots are not saved up, the cap is a maximum and never bursts. All
 * methods thread-safe.
 */
final class RateCap {

  private final double intervalNanos;
  private final long origin;
  private double nextSlot; // nanoseconds after origin; a double keeps 1e9/rate exact enough

  RateCap(double callsPerSecond, long originNanos) {
    this.intervalNanos = 1e9 / callsPerSecond;
    this.origin = originNanos;
  }

  /** Reserves a slot for a call arriving at {@code nowNanos}; returns the slot's start. */
  synchronized long reserve(long nowNanos) {
    double slot = Math.max(nowNanos - origin, nextSlot);
    nextSlot = slot + intervalNanos;
    return origin + (long) Math.ceil(slot);
  }
}
