package dev.spillway.toolkit.target;

import dev.spillway.toolkit.load.Message;

/**
 * One message as a task of an {@link ExecutorTarget}: when it runs, it counts itself out of the
 * waiting tasks, into flight, out of flight, and then processed or failed — on the caller's thread
 * when it runs inside the send that submitted it (a caller-runs policy). Handed to the executor
 * once; {@link #run()} is called by at most one thread.
 */
final class CountedTask implements Runnable {

  private final ExecutorTarget target;
  private final Message message;
  private final Thread caller;

  /** Set by the caller while it is inside {@code execute}; read only on the caller's thread. */
  private boolean submitting;

  /** Whether the task has started; read by the caller after a caller-runs policy returned. */
  private volatile boolean ran;

  CountedTask(ExecutorTarget target, Message message, Thread caller) {
    this.target = target;
    this.message = message;
    this.caller = caller;
  }

  ExecutorTarget target() {
    return target;
  }

  /** Called by the caller around {@code execute}. */
  void submitting(boolean now) {
    submitting = now;
  }

  /** Whether the task has started (on any thread). */
  boolean ran() {
    return ran;
  }

  @Override
  public void run() {
    // a worker thread is never the caller; the caller runs it inside execute only (caller-runs)
    boolean byCaller = Thread.currentThread() == caller && submitting;
    ran = true;
    target.started(); // out of the waiting tasks before into flight
    target.enterFlight();
    try {
      target.work().accept(message);
    } catch (RuntimeException | Error e) {
      target.leaveFlight(); // out of flight before the outcome
      target.failed(e, byCaller);
      if (e instanceof Error error) {
        throw error;
      }
      return;
    }
    target.leaveFlight();
    target.processed(byCaller);
  }

  /** The task was discarded before it started: counted dropped for {@code reason}. */
  void dropped(String reason) {
    target.droppedBeforeStart(reason);
  }

  @Override
  public String toString() {
    return "message #" + message.sequence() + " of '" + target.name() + "'";
  }
}
