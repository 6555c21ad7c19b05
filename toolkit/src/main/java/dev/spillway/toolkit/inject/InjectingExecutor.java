package dev.spillway.toolkit.inject;

import dev.spillway.toolkit.probe.QueueProbe;
import java.util.concurrent.Executor;

/** {@link InjectedExecutor} for a plain executor. Thread-safe as the delegate. */
final class InjectingExecutor implements InjectedExecutor {

  private final Executor delegate;
  private final Injection injection;
  private final TaskQueue queue;

  InjectingExecutor(Executor delegate, Injection injection) {
    this.delegate = delegate;
    this.injection = injection;
    this.queue = new TaskQueue(delegate, injection);
  }

  @Override
  public void execute(Runnable command) {
    Runnable task = queue.wrap(command);
    try {
      delegate.execute(task);
    } catch (RuntimeException | Error e) {
      queue.leave(task);
      throw e;
    }
  }

  @Override
  public QueueProbe queueProbe() {
    return queue.probe();
  }

  @Override
  public Injection injection() {
    return injection;
  }

  @Override
  public String toString() {
    return "InjectedExecutor[" + delegate + ", injection=" + injection.name() + "]";
  }
}
