package dev.spillway.benchmarks;

import dev.spillway.toolkit.record.InstrumentedMpscQueue;
import dev.spillway.toolkit.record.InstrumentedQueue;
import dev.spillway.toolkit.sentinel.Mitigation;
import dev.spillway.toolkit.sentinel.Sentinel;
import java.util.Queue;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.LinkedBlockingQueue;
import org.jctools.queues.MpscArrayQueue;

/**
 * The queues the P1 benchmarks compare, by name. Each instrumented queue is paired with the bare
 * queue it is compared against: {@code Instrumented-unbounded} ({@link InstrumentedQueue}) with
 * {@code LinkedBlockingQueue}; {@code Instrumented-bounded} with {@code ArrayBlockingQueue} and
 * {@code LinkedBlockingQueue-1024}; {@code Mpsc-instrumented} ({@link InstrumentedMpscQueue},
 * lock-free) with JCTools' {@code MpscArrayQueue} (the bare lock-free reference) and with {@code
 * Mpsc-bare} (the same algorithm with the instrumentation compiled out, {@link BareMpscQueue}), so
 * that the instrumentation's cost is told apart from the algorithm's. {@code Mpsc-watched} is
 * {@code Mpsc-instrumented} watched by an event-driven sentinel (actions inline, enable threshold
 * at the capacity: it never fires in the one-thread benchmark). {@code ConcurrentLinkedQueue}
 * (unbounded, lock-free) is kept for ad-hoc runs ({@code -p queue=...}).
 */
final class Queues {

  static final int CAPACITY = 1024;

  private Queues() {}

  static Queue<Integer> create(String name) {
    return switch (name) {
      case "LinkedBlockingQueue" -> new LinkedBlockingQueue<>();
      case "LinkedBlockingQueue-1024" -> new LinkedBlockingQueue<>(CAPACITY);
      case "ArrayBlockingQueue" -> new ArrayBlockingQueue<>(CAPACITY);
      case "ConcurrentLinkedQueue" -> new ConcurrentLinkedQueue<>();
      case "Instrumented-unbounded" -> InstrumentedQueue.unbounded("bench");
      case "Instrumented-bounded" -> InstrumentedQueue.bounded("bench", CAPACITY);
      case "MpscArrayQueue" -> new MpscArrayQueue<>(CAPACITY);
      case "Mpsc-instrumented" -> InstrumentedMpscQueue.bounded("bench", CAPACITY);
      case "Mpsc-bare" -> new BareMpscQueue<>(CAPACITY);
      case "Mpsc-watched" -> watched(InstrumentedMpscQueue.bounded("bench", CAPACITY));
      default -> throw new IllegalArgumentException("queue must be a known name, but was " + name);
    };
  }

  /** Whether {@code offer} refuses when full (else producers must brake by looking at the size). */
  static boolean isBounded(String name) {
    return !name.equals("LinkedBlockingQueue")
        && !name.equals("ConcurrentLinkedQueue")
        && !name.equals("Instrumented-unbounded");
  }

  /**
   * {@code queue} with an event-driven sentinel attached for the life of the benchmark's JVM (no
   * thread: its actions run inline; nothing to close).
   */
  private static <E> InstrumentedMpscQueue<E> watched(InstrumentedMpscQueue<E> queue) {
    Sentinel.watching(queue)
        .enableAt(CAPACITY)
        .disableAt(CAPACITY / 2)
        .mitigate(Mitigation.none())
        .actionsInline()
        .start();
    return queue;
  }
}
