package dev.spillway.junit.internal;

import java.time.Duration;
import java.util.concurrent.Callable;
import org.awaitility.Awaitility;
import org.awaitility.core.ConditionTimeoutException;

/**
 * The extension's only use of Awaitility (an optional dependency): waiting until a condition holds,
 * polling on the calling thread. Loaded only when a wait is needed, after {@link
 * #isAvailable(ClassLoader)} has been checked. Stateless and thread-safe.
 */
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
   * Waits on this thread until {@code condition} holds, at most {@code atMost}.
   *
   * @return whether it held in time
   * @throws InterruptedException when the thread was interrupted meanwhile (the flag is restored)
   */
  public static boolean until(String alias, Duration atMost, Callable<Boolean> condition)
      throws InterruptedException {
    try {
      Awaitility.await(alias)
          .atMost(atMost)
          .pollDelay(Duration.ZERO)
          .pollInterval(POLL)
          .pollInSameThread()
          .until(condition);
      return true;
    } catch (ConditionTimeoutException timedOut) {
      if (Thread.currentThread().isInterrupted()) {
        throw new InterruptedException("interrupted while waiting for " + alias);
      }
      return false;
    }
  }
}
