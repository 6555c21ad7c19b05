package dev.spillway.junit.internal;

import static org.apiguardian.api.API.Status.INTERNAL;

import dev.spillway.toolkit.util.Durations;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apiguardian.api.API;

/**
 * The last resource of a test, closed after all the others: it waits, boundedly, for every thread
 * of the test (named {@code spillway-…-<test>} or {@code spillway-…-<test>-…}) to end, and fails
 * the test, naming them and where they are stuck, when some are still alive. Thread-safe.
 */
@API(status = INTERNAL, since = "0.1")
public final class OwnThreads implements AutoCloseable {

  /** How long {@link #close()} waits, all threads together. */
  public static final Duration WAIT = Duration.ofSeconds(2);

  private final String token;

  /** The threads of the test named {@code token}. */
  public OwnThreads(String token) {
    this.token = token;
  }

  /** Whether {@code threadName} is the name of one of this test's threads. */
  public boolean owns(String threadName) {
    return threadName.startsWith("spillway-")
        && (threadName.endsWith("-" + token) || threadName.contains("-" + token + "-"));
  }

  /** The live threads of this test. */
  public List<Thread> alive() {
    List<Thread> found = new ArrayList<>();
    for (Thread t : Thread.getAllStackTraces().keySet()) {
      if (t.isAlive() && owns(t.getName()) && t != Thread.currentThread()) {
        found.add(t);
      }
    }
    return found;
  }

  /**
   * Waits for this test's threads to end.
   *
   * @throws IllegalStateException naming the threads still alive after {@link #WAIT}
   */
  @Override
  public void close() {
    long deadline = System.nanoTime() + WAIT.toNanos();
    boolean interrupted = false;
    for (Thread t : alive()) {
      long left = deadline - System.nanoTime();
      if (left <= 0) {
        break;
      }
      try {
        t.join(Math.max(1, left / 1_000_000));
      } catch (InterruptedException e) {
        interrupted = true;
        break;
      }
    }
    if (interrupted) {
      Thread.currentThread().interrupt();
    }
    List<Thread> stuck = alive();
    if (!stuck.isEmpty()) {
      StringBuilder text =
          new StringBuilder("threads of overload test '")
              .append(token)
              .append("' still alive ")
              .append(Durations.format(WAIT))
              .append(" after it ended (stuck in code that ignores interrupts?):");
      for (Thread t : stuck) {
        StackTraceElement[] stack = t.getStackTrace();
        text.append("\n  ").append(t.getName()).append(" (").append(t.getState()).append(")");
        if (stack.length > 0) {
          text.append(" at ").append(stack[0]);
        }
      }
      throw new IllegalStateException(text.toString());
    }
  }
}
