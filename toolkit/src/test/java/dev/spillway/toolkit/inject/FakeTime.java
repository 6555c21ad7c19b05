package dev.spillway.toolkit.inject;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A fake time source: parking advances the time at once (by the asked time plus an optional
 * overshoot, like a real timer's slack) and is recorded with the parking thread's name.
 */
final class FakeTime implements TimeSource {

  private final AtomicLong now = new AtomicLong(7_000_000_000L); // any origin works
  private final long overshootNanos;
  private final List<Long> parks = new ArrayList<>();
  private final List<String> parkers = new ArrayList<>();

  FakeTime() {
    this(0);
  }

  /** Every park lasts {@code overshootNanos} longer than asked. */
  FakeTime(long overshootNanos) {
    this.overshootNanos = overshootNanos;
  }

  @Override
  public long nanoTime() {
    return now.get();
  }

  @Override
  public synchronized void park(long nanos) {
    parks.add(nanos);
    parkers.add(Thread.currentThread().getName());
    now.addAndGet(nanos + overshootNanos);
  }

  /** Moves the time forward by {@code d}. */
  void advance(Duration d) {
    now.addAndGet(d.toNanos());
  }

  /** Sets the time to {@code d} after {@code origin}. */
  void set(long origin, Duration d) {
    now.set(origin + d.toNanos());
  }

  /** The total time asked for by parks since the last call, in nanoseconds; resets the record. */
  synchronized long takeParked() {
    long sum = parks.stream().mapToLong(Long::longValue).sum();
    parks.clear();
    parkers.clear();
    return sum;
  }

  /** The names of the threads that parked since the last {@link #takeParked()}. */
  synchronized List<String> parkers() {
    return List.copyOf(parkers);
  }
}
