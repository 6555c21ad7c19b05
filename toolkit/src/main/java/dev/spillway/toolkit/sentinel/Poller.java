package dev.spillway.toolkit.sentinel;

import dev.spillway.toolkit.probe.QueueProbe;
import dev.spillway.toolkit.util.Threads;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * Reads a probe at a fixed rate on a daemon thread named {@code spillway-sentinel-<name>} and feeds
 * each depth to the {@link Hysteresis} (which runs inline actions on this thread). The first read
 * is immediate; a read that overruns its interval skips the ticks it missed. A probe that throws
 * (or returns a negative depth) is counted as a failure, logged once per run of failures, and read
 * again at the next tick. Interrupting the thread stops it.
 *
 * <p>Thread-safety: {@link #start()} and {@link #stop()} may be called from any thread.
 */
final class Poller {

  private static final Logger LOG = System.getLogger(Sentinel.class.getName());

  private final String name;
  private final QueueProbe probe;
  private final long intervalNanos;
  private final Hysteresis hysteresis;
  private final AtomicLong failures = new AtomicLong();
  private final Thread thread;
  private volatile boolean stopped;
  private volatile boolean reading;

  Poller(String name, QueueProbe probe, long intervalNanos, Hysteresis hysteresis) {
    this.name = name;
    this.probe = probe;
    this.intervalNanos = intervalNanos;
    this.hysteresis = hysteresis;
    this.thread = new Thread(this::loop, "spillway-sentinel-" + name);
    thread.setDaemon(true);
  }

  void start() {
    thread.start();
  }

  long failures() {
    return failures.get();
  }

  /** The polling thread. */
  Thread thread() {
    return thread;
  }

  /** What the polling thread is busy with beyond the hysteresis: reading the probe, or null. */
  String activity() {
    return reading ? "probe '" + probe.name() + "'" : null;
  }

  /**
   * Stops the thread: interrupts it (ending a park or an interruptible probe read) and waits for it
   * to end until {@code deadline} (a {@link System#nanoTime()} instant); returns at once when
   * called from it.
   *
   * @return whether it has ended
   */
  boolean stop(long deadline) {
    stopped = true;
    if (Thread.currentThread() == thread) {
      return true;
    }
    thread.interrupt();
    return Threads.joinUntil(thread, deadline);
  }

  private void loop() {
    boolean failing = false;
    long next = System.nanoTime();
    while (!stopped) {
      failing = pollOnce(failing);
      long now = System.nanoTime();
      do {
        next += intervalNanos;
      } while (next - now <= 0);
      if (!parkUntil(next)) {
        return;
      }
    }
  }

  private boolean pollOnce(boolean failing) {
    try {
      long depth;
      reading = true;
      try {
        depth = probe.depth();
      } finally {
        reading = false;
      }
      if (depth < 0) {
        throw new IllegalStateException("probe returned a negative depth " + depth);
      }
      hysteresis.observe(depth);
      return false;
    } catch (RuntimeException e) {
      long n = failures.incrementAndGet();
      if (!failing && !stopped) {
        LOG.log(
            Level.WARNING,
            "Sentinel '" + name + "': probe '" + probe.name() + "' unreadable (failure " + n + ")",
            e);
      }
      return true;
    }
  }

  /** Parks until {@code deadline}; false when the thread was stopped or interrupted meanwhile. */
  private boolean parkUntil(long deadline) {
    long left;
    while ((left = deadline - System.nanoTime()) > 0) {
      LockSupport.parkNanos(this, left);
      if (stopped) {
        return false;
      }
      if (Thread.currentThread().isInterrupted()) {
        return false; // leave the flag set: the thread ends here
      }
    }
    return !stopped;
  }

  @Override
  public String toString() {
    return "Poller[" + thread.getName() + ", probe=" + probe.name() + "]";
  }
}
