package dev.spillway.toolkit.sentinel;

import dev.spillway.toolkit.util.Threads;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.util.concurrent.LinkedBlockingQueue;

/**
 * Runs jobs one at a time, in the order handed off, on a daemon thread named {@code
 * spillway-sentinel-<name>}. Handing off costs an unbounded-queue offer; the thread waits in {@code
 * take()} and wakes in microseconds.
 *
 * <p>Thread-safety: {@link #execute(Runnable)} may be called from any thread.
 */
final class HandoffDispatcher implements Dispatcher {

  private static final Logger LOG = System.getLogger(Sentinel.class.getName());
  private static final Runnable STOP = () -> {};

  private final LinkedBlockingQueue<Runnable> jobs = new LinkedBlockingQueue<>();
  private final Thread thread;
  private volatile boolean abandoned; // close gave up: run nothing more

  HandoffDispatcher(String name) {
    this.thread = new Thread(this::loop, "spillway-sentinel-" + name);
    thread.setDaemon(true);
  }

  void start() {
    thread.start();
  }

  @Override
  public void execute(Runnable job) {
    jobs.add(job);
  }

  private void loop() {
    try {
      while (!abandoned) {
        Runnable job = jobs.take();
        if (job == STOP || abandoned) {
          return;
        }
        try {
          job.run();
        } catch (RuntimeException e) {
          LOG.log(Level.ERROR, "Sentinel thread " + thread.getName() + ": a job failed", e);
        }
      }
    } catch (InterruptedException e) {
      // Interrupted from outside: stop, leaving the flag set on this dying thread.
      Thread.currentThread().interrupt();
    }
  }

  @Override
  public boolean close(long deadline) {
    jobs.add(STOP);
    if (Thread.currentThread() == thread) {
      return true; // called from a job: the loop ends after it
    }
    return Threads.joinUntil(thread, deadline);
  }

  @Override
  public void abandon() {
    abandoned = true;
    jobs.clear();
    thread.interrupt();
  }

  @Override
  public Thread thread() {
    return thread;
  }

  @Override
  public String toString() {
    return "handoff(" + thread.getName() + ")";
  }
}
