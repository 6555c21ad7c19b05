package dev.spillway.toolkit.sentinel;

import dev.spillway.toolkit.probe.QueueProbe;
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

  /** Stops the thread and waits for it to end (unless called from it). */
  void stop() {
    stopped = true;
    if (Thread.currentThread() == thread) {
      return;
    }
    thread.interrupt();
    try {
      thread.join();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
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
      long depth = probe.depth();
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
