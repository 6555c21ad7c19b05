package dev.spillway.junit.realtargets;

import dev.spillway.toolkit.load.Sender;
import dev.spillway.toolkit.target.AccountedTarget;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/**
 * A target whose sends the test counts itself, apart from the target's own books: each call of the
 * sender is one message handed to the component, and how long the longest call took. Everything
 * else is the target's.
 */
final class HandedCount extends ForwardingTarget {

  private final Sender sender;
  private final LongAdder handed = new LongAdder();
  private final AtomicLong longestSend = new AtomicLong();

  HandedCount(AccountedTarget target) {
    super(target);
    Sender inner = target.sender();
    this.sender =
        message -> {
          handed.increment();
          long start = System.nanoTime();
          try {
            return inner.send(message);
          } finally {
            longestSend.accumulateAndGet(System.nanoTime() - start, Math::max);
          }
        };
  }

  /** The longest time one send took so far, in nanoseconds. */
  long longestSendNanos() {
    return longestSend.get();
  }

  /** Messages handed to the component so far. */
  long handed() {
    return handed.sum();
  }

  @Override
  public Sender sender() {
    return sender;
  }
}
