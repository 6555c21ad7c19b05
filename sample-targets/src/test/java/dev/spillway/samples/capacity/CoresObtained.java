package dev.spillway.samples.capacity;

import dev.spillway.samples.Downstream;
import dev.spillway.samples.Event;
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

  /** Each burning thread does the CPU-bound designs' own work, a millisecond of CPU at a time. */
  private static final Duration WORK = Duration.ofMillis(1);

  private CoresObtained() {}

  /** The cores {@code threads} burning threads obtained over {@code span}: CPU time / wall time. */
  static double measure(int threads, Duration span) throws InterruptedException {
    Downstream work = Downstream.cpuBound(WORK); // enables the thread CPU clock
    CountDownLatch start = new CountDownLatch(1);
    CountDownLatch done = new CountDownLatch(threads);
    AtomicLong cpuNanos = new AtomicLong();
    Event event = new Event(0, "cores", "", 0);
    for (int i = 0; i < threads; i++) {
      Thread burner =
          new Thread(
              () -> {
                try {
                  start.await();
                  long from = THREADS.getCurrentThreadCpuTime();
                  long end = System.nanoTime() + span.toNanos();
                  while (System.nanoTime() < end) {
                    work.handle(event);
                  }
                  cpuNanos.addAndGet(THREADS.getCurrentThreadCpuTime() - from);
                } catch (InterruptedException e) {
                  Thread.currentThread().interrupt();
                } catch (Exception e) {
                  throw new IllegalStateException("the CPU-bound work failed", e); // it cannot
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
