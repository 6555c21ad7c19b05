package dev.spillway.samples.capacity;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicLong;

/**
 * How many cores this process gets right now: threads that burn CPU for a while, their CPU time
 * (the thread CPU clock) over the wall time they ran. At most the thread count and the machine's
 * cores; less when other work shares the machine. A snapshot: the share can change a moment later.
 */
final class CoresObtained {

  private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

  private CoresObtained() {}

  /** The cores {@code threads} burning threads obtained over {@code span}: CPU time / wall time. */
  static double measure(int threads, Duration span) throws InterruptedException {
    if (!THREADS.isThreadCpuTimeEnabled()) {
      THREADS.setThreadCpuTimeEnabled(true);
    }
    CountDownLatch start = new CountDownLatch(1);
    CountDownLatch done = new CountDownLatch(threads);
    AtomicLong cpuNanos = new AtomicLong();
    AtomicLong sink = new AtomicLong(); // keeps the JIT from removing the work
    for (int i = 0; i < threads; i++) {
      Thread burner =
          new Thread(
              () -> {
                try {
                  start.await();
                  long from = THREADS.getCurrentThreadCpuTime();
                  long end = System.nanoTime() + span.toNanos();
                  long x = from;
                  while (System.nanoTime() < end) {
                    for (int r = 0; r < 1_000; r++) {
                      x = x * 6364136223846793005L + 1442695040888963407L;
                    }
                  }
                  sink.addAndGet(x);
                  cpuNanos.addAndGet(THREADS.getCurrentThreadCpuTime() - from);
                } catch (InterruptedException e) {
                  Thread.currentThread().interrupt();
                } finally {
                  done.countDown();
                }
              },
              "cores-obtained-" + i);
      burner.setDaemon(true);
      burner.start();
    }
    long began = System.nanoTime();
    start.countDown();
    done.await();
    long wall = System.nanoTime() - began;
    return cpuNanos.get() / (double) wall;
  }
}
