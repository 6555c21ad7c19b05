package dev.spillway.samples.internal;

import static org.apiguardian.api.API.Status.INTERNAL;

import dev.spillway.samples.Downstream;
import dev.spillway.samples.Event;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.time.Duration;
import org.apiguardian.api.API;

/**
 * Handles an event by burning a fixed amount of the consumer thread's CPU time: the work of a
 * CPU-bound handler (parsing, hashing, rendering). Measured with the thread's CPU clock, so the
 * event takes longer in wall-clock time exactly when the thread gets less CPU: on a busy machine,
 * under a container's CPU quota, or while other threads of its own process compete for the cores.
 * An interrupt ends the work with an {@link InterruptedException}. Thread-safe.
 */
@API(status = INTERNAL, since = "0.1")
public final class CpuBoundDownstream implements Downstream {

  /** Work between two reads of the CPU clock: ~1 µs, so that the clock is not the work. */
  private static final int ROUNDS_PER_CHECK = 1_000;

  private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

  private final Duration cpuTime;
  private final long cpuNanos;
  private volatile long sink; // keeps the JIT from removing the work

  /**
   * A handler that burns {@code cpuTime} (&gt;= 0) of CPU per event.
   *
   * @throws UnsupportedOperationException when this JVM cannot measure a thread's CPU time
   */
  public CpuBoundDownstream(Duration cpuTime) {
    if (!THREADS.isCurrentThreadCpuTimeSupported()) {
      throw new UnsupportedOperationException(
          "CPU-bound work needs the thread CPU clock, which this JVM does not support");
    }
    if (!THREADS.isThreadCpuTimeEnabled()) {
      THREADS.setThreadCpuTimeEnabled(true);
    }
    this.cpuTime = cpuTime;
    this.cpuNanos = cpuTime.toNanos();
  }

  @Override
  public void handle(Event event) throws InterruptedException {
    if (cpuNanos == 0) {
      return;
    }
    long start = THREADS.getCurrentThreadCpuTime();
    long x = event.id();
    do {
      for (int i = 0; i < ROUNDS_PER_CHECK; i++) {
        x = x * 6364136223846793005L + 1442695040888963407L;
      }
      if (Thread.interrupted()) {
        throw new InterruptedException("interrupted in the middle of CPU-bound work");
      }
    } while (THREADS.getCurrentThreadCpuTime() - start < cpuNanos);
    sink = x;
  }

  @Override
  public String toString() {
    return "CPU-bound in-process downstream, "
        + cpuTime.toNanos() / 1_000_000.0
        + " ms CPU per event";
  }
}
