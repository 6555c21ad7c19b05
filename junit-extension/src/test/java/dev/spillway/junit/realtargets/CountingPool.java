package dev.spillway.junit.realtargets;

import dev.spillway.toolkit.load.Message;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.RejectedExecutionHandler;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Consumer;

/**
 * A plain {@link ThreadPoolExecutor} that also counts, for the test and apart from Spillway, what
 * happened to the tasks given to it: the calls of {@code execute} (the outermost ones: a policy
 * that executes again, as DiscardOldestPolicy does, is not a new task), the {@link
 * RejectedExecutionException}s they threw, and — through {@link #counting(Consumer)} — every run of
 * the work, on a worker of this pool or on another thread (the caller), with the workers' service
 * times. It behaves exactly as a {@code ThreadPoolExecutor} with the same settings and handler.
 */
final class CountingPool extends ThreadPoolExecutor {

  private static final ThreadLocal<Integer> DEPTH = ThreadLocal.withInitial(() -> 0);

  private final Set<Thread> workers;
  private final LongAdder executes = new LongAdder();
  private final LongAdder rejections = new LongAdder();
  private final LongAdder runs = new LongAdder();
  private final LongAdder callerRuns = new LongAdder();
  private final LongAdder thrown = new LongAdder();
  private final LongAdder workerRuns = new LongAdder();
  private final LongAdder workerNanos = new LongAdder();
  private final AtomicLong minWorkerNanos = new AtomicLong(Long.MAX_VALUE);
  private final AtomicLong lastWorkerEnd = new AtomicLong();
  private final AtomicLong longestWorkerPause = new AtomicLong();

  private CountingPool(
      String name,
      int threads,
      BlockingQueue<Runnable> queue,
      RejectedExecutionHandler handler,
      Set<Thread> workers) {
    super(threads, threads, 0, TimeUnit.SECONDS, queue, factory(name, workers), handler);
    this.workers = workers;
  }

  /** {@code threads} workers named {@code <name>-worker-<n>}, {@code queue} and {@code handler}. */
  static CountingPool of(
      String name, int threads, BlockingQueue<Runnable> queue, RejectedExecutionHandler handler) {
    return new CountingPool(name, threads, queue, handler, ConcurrentHashMap.newKeySet());
  }

  private static java.util.concurrent.ThreadFactory factory(String name, Set<Thread> workers) {
    AtomicInteger n = new AtomicInteger();
    return r -> {
      Thread t = new Thread(r, name + "-worker-" + n.incrementAndGet());
      workers.add(t);
      return t;
    };
  }

  @Override
  public void execute(Runnable command) {
    int depth = DEPTH.get();
    if (depth == 0) {
      executes.increment();
    }
    DEPTH.set(depth + 1);
    try {
      super.execute(command);
    } catch (RejectedExecutionException e) {
      if (depth == 0) {
        rejections.increment();
      }
      throw e;
    } finally {
      DEPTH.set(depth);
    }
  }

  /**
   * {@code work}, counted: every run, where it ran, how long it took on a worker, what it threw.
   */
  Consumer<Message> counting(Consumer<Message> work) {
    return message -> {
      boolean onWorker = workers.contains(Thread.currentThread());
      long start = System.nanoTime();
      try {
        work.accept(message);
      } catch (RuntimeException e) {
        thrown.increment();
        throw e;
      } finally {
        long took = System.nanoTime() - start;
        if (onWorker) {
          workerRuns.increment();
          workerNanos.add(took);
          minWorkerNanos.accumulateAndGet(took, Math::min);
          long end = start + took;
          long previous = lastWorkerEnd.getAndSet(end);
          if (previous != 0 && runs.sum() + 1 < executes.sum()) { // more work was waiting
            longestWorkerPause.accumulateAndGet(end - previous, Math::max);
          }
        } else {
          callerRuns.increment();
        }
        runs.increment();
      }
    };
  }

  /** What the pool counted so far. */
  Truth truth() {
    long worked = workerRuns.sum();
    return new Truth(
        executes.sum(),
        rejections.sum(),
        runs.sum(),
        callerRuns.sum(),
        thrown.sum(),
        worked == 0 ? 0 : workerNanos.sum() / (double) worked / 1e9,
        worked == 0 ? 0 : minWorkerNanos.get() / 1e9,
        longestWorkerPause.get() / 1e9,
        0);
  }

  /** Shuts the pool down now and waits for its workers. */
  void stop() throws InterruptedException {
    shutdownNow();
    if (!awaitTermination(10, TimeUnit.SECONDS)) {
      throw new IllegalStateException("pool " + this + " did not stop within 10 s");
    }
  }
}
