package dev.spillway.toolkit.ledger;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.LongAdder;

/**
 * Counts of sent and completed messages in a ring of fixed time buckets. Counting is lock-free (one
 * {@link LongAdder} per bucket and kind); moving to a new bucket takes a lock once per bucket to
 * clear the slots being reused. Thread-safe.
 */
final class RateRing {

  private final long origin;
  private final long bucketNanos;
  private final int size;
  private final LongAdder[] sent;
  private final LongAdder[] completed;
  private volatile long current; // index of the newest bucket in use

  RateRing(long origin, long bucketNanos, int size) {
    this.origin = origin;
    this.bucketNanos = bucketNanos;
    this.size = size;
    this.sent = new LongAdder[size];
    this.completed = new LongAdder[size];
    for (int i = 0; i < size; i++) {
      sent[i] = new LongAdder();
      completed[i] = new LongAdder();
    }
  }

  void sent(long now) {
    sent[slot(now)].increment();
  }

  void completed(long now) {
    completed[slot(now)].increment();
  }

  long bucketNanos() {
    return bucketNanos;
  }

  int size() {
    return size;
  }

  /** The start of the oldest bucket still held, as of {@code now}. */
  long oldestStart(long now) {
    long idx = index(now);
    return origin + Math.max(0, idx - size + 1) * bucketNanos;
  }

  /**
   * Messages sent and completed in [from, to] (from &gt;= oldestStart, to &lt;= now), counting a
   * bucket that straddles a bound in proportion to its overlap, as if its messages were spread
   * evenly over it (the newest bucket spans only up to {@code now}).
   */
  double[] countsBetween(long from, long to, long now) {
    slot(now); // clears buckets that elapsed without traffic
    double s = 0;
    double c = 0;
    for (long b = index(from); b <= index(to); b++) {
      long start = origin + b * bucketNanos;
      long end = Math.min(start + bucketNanos, now);
      if (end <= start) {
        continue;
      }
      long overlap = Math.min(end, to) - Math.max(start, from);
      if (overlap <= 0) {
        continue;
      }
      double fraction = (double) overlap / (end - start);
      int i = (int) (b % size);
      s += sent[i].sum() * fraction;
      c += completed[i].sum() * fraction;
    }
    return new double[] {s, c};
  }

  /** The complete buckets still held, oldest first. */
  List<RateBucket> completeBuckets(long now) {
    slot(now);
    long newest = index(now) - 1;
    long oldest = Math.max(0, index(now) - size + 1);
    List<RateBucket> out = new ArrayList<>();
    Duration length = Duration.ofNanos(bucketNanos);
    for (long b = oldest; b <= newest; b++) {
      int i = (int) (b % size);
      out.add(new RateBucket(origin + b * bucketNanos, length, sent[i].sum(), completed[i].sum()));
    }
    return out;
  }

  private long index(long now) {
    return Math.max(0, (now - origin) / bucketNanos);
  }

  private int slot(long now) {
    long idx = index(now);
    if (idx > current) {
      advance(idx);
    }
    return (int) (idx % size);
  }

  private synchronized void advance(long idx) {
    long from = current;
    if (idx <= from) {
      return;
    }
    long clear = Math.min(idx - from, size);
    for (long k = 0; k < clear; k++) {
      int i = (int) ((idx - k) % size);
      sent[i].reset();
      completed[i].reset();
    }
    current = idx;
  }
}
