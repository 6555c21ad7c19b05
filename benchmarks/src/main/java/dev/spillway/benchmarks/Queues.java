package dev.spillway.benchmarks;

import dev.spillway.toolkit.record.InstrumentedQueue;
import java.util.Queue;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.LinkedBlockingQueue;

/**
 * The queues the P1 benchmarks compare, by name. Each instrumented queue is paired with the bare
 * queue it is compared against: {@code Instrumented-unbounded} with {@code LinkedBlockingQueue},
 * {@code Instrumented-bounded} with {@code ArrayBlockingQueue} and {@code
 * LinkedBlockingQueue-1024}, {@code CLQ-counted} (a benchmark-local prototype of single-sided
 * counters, not toolkit API) with {@code ConcurrentLinkedQueue}.
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
      case "CLQ-counted" -> new CountedQueue<>(new ConcurrentLinkedQueue<>());
      default -> throw new IllegalArgumentException("queue must be a known name, but was " + name);
    };
  }
}
