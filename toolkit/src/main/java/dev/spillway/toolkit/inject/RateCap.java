package dev.spillway.toolkit.inject;

/**
 * Next-allowed-time pacing: each call reserves the next free slot, {@code 1/rate} after the
 * previous slot and never before now (so unused slots are not saved up and there is no burst).
 * Slots are absolute times, so a thread that wakes late does not push later slots back. All methods
 * thread-safe.
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
