package dev.spillway.junit;

import dev.spillway.junit.internal.Deadline;
import dev.spillway.toolkit.util.Durations;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.extension.InvocationInterceptor.Invocation;
import org.opentest4j.AssertionFailedError;

/**
 * Runs an overload test's body (and the declared load, if the body did not run it) on a thread of
 * its own, and ends the test at its {@link Deadline} even when the body or the target blocks
 * forever: it then stops the load, interrupts the body and fails the test with the stack where the
 * body was blocked.
 */
final class BodySupervisor {

  /** How long the body gets to end after it was interrupted. */
  static final Duration STOP_TIMEOUT = Duration.ofSeconds(1);

  private static final int STACK_FRAMES = 12;

  private BodySupervisor() {}

  static void run(
      Invocation<Void> invocation, String name, OverloadHarness harness, Deadline deadline)
      throws Throwable {
    AtomicReference<Throwable> failure = new AtomicReference<>();
    CountDownLatch done = new CountDownLatch(1);
    Thread body =
        new Thread(
            () -> {
              try {
                invocation.proceed();
                if (harness != null) {
                  harness.afterBody();
                }
              } catch (Throwable t) {
                failure.set(t);
              } finally {
                done.countDown();
              }
            },
            "spillway-test-" + name);
    body.setDaemon(true);
    body.start();
    try {
      while (true) {
        long left = deadline.atNanos() - System.nanoTime();
        if (left <= 0) {
          break;
        }
        if (done.await(left, TimeUnit.NANOSECONDS)) {
          Throwable thrown = failure.get();
          if (thrown != null) {
            throw thrown;
          }
          return;
        }
      }
    } catch (InterruptedException e) {
      // JUnit (or another extension) interrupts the test: stop everything and pass it on
      stop(body, harness, "the test thread was interrupted");
      Thread.currentThread().interrupt();
      throw e;
    }
    StackTraceElement[] stack = body.getStackTrace();
    boolean ended = stop(body, harness, "the watchdog fired");
    throw new AssertionFailedError(watchdogMessage(name, deadline, stack, ended));
  }

  /** Stops the load, interrupts the body and waits for it; returns whether it ended. */
  private static boolean stop(Thread body, OverloadHarness harness, String why) {
    if (harness != null) {
      harness.abort(why);
    }
    body.interrupt();
    try {
      body.join(STOP_TIMEOUT.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    return !body.isAlive();
  }

  private static String watchdogMessage(
      String name, Deadline deadline, StackTraceElement[] stack, boolean ended) {
    StringBuilder text =
        new StringBuilder("Spillway watchdog: overload test '")
            .append(name)
            .append("' did not end by its deadline, ")
            .append(Durations.format(deadline.sinceStart()))
            .append(" after it started (")
            .append(deadline.basis())
            .append("); the load was stopped and the test body interrupted");
    if (!ended) {
      text.append(", but it did not end within ")
          .append(Durations.format(STOP_TIMEOUT))
          .append(" (it ignores interrupts)");
    }
    text.append(". The body was blocked at:");
    for (int i = 0; i < Math.min(stack.length, STACK_FRAMES); i++) {
      text.append("\n\tat ").append(stack[i]);
    }
    if (stack.length > STACK_FRAMES) {
      text.append("\n\t... ").append(stack.length - STACK_FRAMES).append(" more");
    }
    return text.toString();
  }
}
