package dev.spillway.junit.internal;

import static org.apiguardian.api.API.Status.INTERNAL;

import java.time.Duration;
import java.util.concurrent.Callable;
import org.apiguardian.api.API;
import org.awaitility.Awaitility;
import org.awaitility.core.ConditionTimeoutException;
import org.awaitility.core.TerminalFailureException;

/**
 * The extension's only use of Awaitility (an optional dependency): waiting until a condition holds,
 * within a deadline that a blocking condition cannot stretch, and ending at an interrupt. Loaded
 * only when a wait is needed, after {@link #isAvailable(ClassLoader)} has been checked. Stateless
 * and thread-safe.
 */
@API(status = INTERNAL, since = "0.1")
public final class Awaiting {

  /** How often a condition is polled. */
  public static final Duration POLL = Duration.ofMillis(5);

  private Awaiting() {}

  /** Whether Awaitility can be loaded by {@code loader} (or the context class loader). */
  public static boolean isAvailable(ClassLoader loader) {
    try {
      Class.forName("org.awaitility.Awaitility", false, loader);
      return true;
    } catch (ClassNotFoundException | LinkageError e) {
      return false;
    }
  }

  /**
   * Waits until {@code condition} holds, at most {@code atMost}. The condition is polled every
   * {@link #POLL} on a daemon thread of its own ({@code spillway-await}), so that a condition that
   * blocks (a probe that hangs) cannot hold the wait past {@code atMost} plus the 1 s that
   * Awaitility then gives its poll thread to end (measured: 1.31 s for an {@code atMost} of 300
   * ms); that thread is interrupted, and left behind if it ignores the interrupt. An interrupt of
   * the waiting thread ends the wait at the next poll (Awaitility itself waits uninterruptibly).
   *
   * @return whether it held in time
   * @throws InterruptedException when the thread was interrupted meanwhile (the flag is restored)
   */
  public static boolean until(String alias, Duration atMost, Callable<Boolean> condition)
      throws InterruptedException {
    Thread waiter = Thread.currentThread();
    try {
      Awaitility.await(alias)
          .atMost(atMost)
          .pollDelay(Duration.ZERO)
          .pollInterval(POLL)
          .pollThread(Awaiting::daemon)
          .failFast("the waiting thread was interrupted", waiter::isInterrupted)
          .until(condition);
      return true;
    } catch (ConditionTimeoutException | TerminalFailureException ended) {
      if (waiter.isInterrupted()) {
        throw new InterruptedException("interrupted while waiting for " + alias);
      }
      if (ended instanceof TerminalFailureException) {
        throw ended; // not ours: failFast is only used for the interrupt
      }
      return false;
    }
  }

  private static Thread daemon(Runnable poll) {
    Thread thread = new Thread(poll, "spillway-await");
    thread.setDaemon(true);
    return thread;
  }
}
