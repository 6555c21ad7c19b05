package dev.spillway.toolkit.target;

import java.util.concurrent.RejectedExecutionHandler;
import java.util.concurrent.ThreadPoolExecutor;

/**
 * The rejection handler an {@link ExecutorTarget} installs in its executor, around the executor's
 * own: it behaves exactly as the original and accounts for what the JDK's policies do to a task
 * without telling the caller.
 *
 * <ul>
 *   <li>{@code AbortPolicy} and any handler that throws: the send sees the {@code
 *       RejectedExecutionException} and counts the rejection;
 *   <li>{@code CallerRunsPolicy}: the task runs on the caller's thread and counts itself there;
 *       when the executor is shut down the policy discards it silently: dropped;
 *   <li>{@code DiscardPolicy}: the task is dropped, the caller not told;
 *   <li>{@code DiscardOldestPolicy}: the oldest waiting task is taken out of the queue and dropped,
 *       and the new one executed again (as the JDK's policy does); when the executor is shut down
 *       the new one is dropped;
 *   <li>any other handler is called as it is: what it runs on the caller's thread counts there,
 *       what it puts back into the queue counts when it runs, what it throws counts as rejected,
 *       and what it discards silently stays unaccounted — a silent loss.
 * </ul>
 *
 * <p>A JDK policy is recognised by its {@code rejectedExecution} method: a subclass that overrides
 * it is "any other handler". Thread-safe (stateless beyond its configuration).
 */
final class AccountingHandler implements RejectedExecutionHandler {

  /** How the original handler treats a task, as far as the books are concerned. */
  enum Policy {
    ABORT("AbortPolicy"),
    CALLER_RUNS("CallerRunsPolicy"),
    DISCARD("DiscardPolicy"),
    DISCARD_OLDEST("DiscardOldestPolicy"),
    OTHER("a handler of its own");

    private final String shown;

    Policy(String shown) {
      this.shown = shown;
    }

    @Override
    public String toString() {
      return shown;
    }
  }

  static final String DISCARDED =
      "discarded by DiscardPolicy (queue full): the caller was not told";

  static final String DISCARDED_OLDEST =
      "discarded as the oldest waiting task by DiscardOldestPolicy (queue full): the caller was"
          + " not told";

  private final ExecutorTarget target;
  private final RejectedExecutionHandler original;
  private final Policy policy;

  AccountingHandler(ExecutorTarget target, RejectedExecutionHandler original) {
    this.target = target;
    this.original = original;
    this.policy = classify(original);
  }

  RejectedExecutionHandler original() {
    return original;
  }

  Policy policy() {
    return policy;
  }

  ExecutorTarget target() {
    return target;
  }

  @Override
  public void rejectedExecution(Runnable r, ThreadPoolExecutor executor) {
    CountedTask task = target.owned(r);
    switch (policy) {
      case CALLER_RUNS -> {
        original.rejectedExecution(r, executor); // runs r here, unless the executor is shut down
        if (task != null && !task.ran()) {
          task.dropped(shutDown());
        }
      }
      case DISCARD -> {
        original.rejectedExecution(r, executor); // does nothing
        if (task != null) {
          task.dropped(executor.isShutdown() ? shutDown() : DISCARDED);
        }
      }
      case DISCARD_OLDEST -> {
        // the JDK's DiscardOldestPolicy, step by step, to see which task it discards
        if (executor.isShutdown()) {
          if (task != null) {
            task.dropped(shutDown());
          }
          return;
        }
        CountedTask oldest = target.owned(executor.getQueue().poll());
        if (oldest != null) {
          oldest.dropped(DISCARDED_OLDEST); // out of the queue before its outcome
        }
        executor.execute(r);
      }
      case ABORT, OTHER -> original.rejectedExecution(r, executor);
    }
  }

  private String shutDown() {
    return "discarded by " + policy + " because the executor is shut down: the caller was not told";
  }

  /** Which JDK policy {@code handler} is: the one whose {@code rejectedExecution} it runs. */
  static Policy classify(RejectedExecutionHandler handler) {
    Class<?> declaring;
    try {
      declaring =
          handler
              .getClass()
              .getMethod("rejectedExecution", Runnable.class, ThreadPoolExecutor.class)
              .getDeclaringClass();
    } catch (NoSuchMethodException impossible) {
      throw new AssertionError("a RejectedExecutionHandler has rejectedExecution", impossible);
    }
    if (declaring == ThreadPoolExecutor.AbortPolicy.class) {
      return Policy.ABORT;
    }
    if (declaring == ThreadPoolExecutor.CallerRunsPolicy.class) {
      return Policy.CALLER_RUNS;
    }
    if (declaring == ThreadPoolExecutor.DiscardPolicy.class) {
      return Policy.DISCARD;
    }
    if (declaring == ThreadPoolExecutor.DiscardOldestPolicy.class) {
      return Policy.DISCARD_OLDEST;
    }
    return Policy.OTHER;
  }

  @Override
  public String toString() {
    return "accounting for " + policy + " (" + original + ") of '" + target.name() + "'";
  }
}
