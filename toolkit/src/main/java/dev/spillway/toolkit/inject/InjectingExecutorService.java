package dev.spillway.toolkit.inject;

import dev.spillway.toolkit.probe.QueueProbe;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** {@link InjectedExecutorService}: wraps every task, delegates everything else. */
final class InjectingExecutorService implements InjectedExecutorService {

  private final ExecutorService delegate;
  private final Injection injection;
  private final TaskQueue queue;

  InjectingExecutorService(ExecutorService delegate, Injection injection) {
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
  public <T> Future<T> submit(Callable<T> task) {
    Callable<T> wrapped = queue.wrap(task);
    try {
      return queue.track(delegate.submit(wrapped), wrapped);
    } catch (RuntimeException | Error e) {
      queue.leave(wrapped);
      throw e;
    }
  }

  @Override
  public <T> Future<T> submit(Runnable task, T result) {
    Runnable wrapped = queue.wrap(task);
    try {
      return queue.track(delegate.submit(wrapped, result), wrapped);
    } catch (RuntimeException | Error e) {
      queue.leave(wrapped);
      throw e;
    }
  }

  @Override
  public Future<?> submit(Runnable task) {
    Runnable wrapped = queue.wrap(task);
    try {
      return queue.track(delegate.submit(wrapped), wrapped);
    } catch (RuntimeException | Error e) {
      queue.leave(wrapped);
      throw e;
    }
  }

  // After invokeAll/invokeAny return, every task either ran (and left the count when it started)
  // or was cancelled before starting and never will: take them all off the count.

  @Override
  public <T> List<Future<T>> invokeAll(Collection<? extends Callable<T>> tasks)
      throws InterruptedException {
    List<Callable<T>> wrapped = wrapAll(tasks);
    try {
      return delegate.invokeAll(wrapped);
    } finally {
      queue.leaveAll(wrapped);
    }
  }

  @Override
  public <T> List<Future<T>> invokeAll(
      Collection<? extends Callable<T>> tasks, long timeout, TimeUnit unit)
      throws InterruptedException {
    List<Callable<T>> wrapped = wrapAll(tasks);
    try {
      return delegate.invokeAll(wrapped, timeout, unit);
    } finally {
      queue.leaveAll(wrapped);
    }
  }

  @Override
  public <T> T invokeAny(Collection<? extends Callable<T>> tasks)
      throws InterruptedException, ExecutionException {
    List<Callable<T>> wrapped = wrapAll(tasks);
    try {
      return delegate.invokeAny(wrapped);
    } finally {
      queue.leaveAll(wrapped);
    }
  }

  @Override
  public <T> T invokeAny(Collection<? extends Callable<T>> tasks, long timeout, TimeUnit unit)
      throws InterruptedException, ExecutionException, TimeoutException {
    List<Callable<T>> wrapped = wrapAll(tasks);
    try {
      return delegate.invokeAny(wrapped, timeout, unit);
    } finally {
      queue.leaveAll(wrapped);
    }
  }

  @Override
  public void shutdown() {
    delegate.shutdown();
  }

  /** Shuts the delegate down now; the tasks it drops leave the count. */
  @Override
  public List<Runnable> shutdownNow() {
    List<Runnable> dropped = delegate.shutdownNow();
    queue.clear();
    return dropped;
  }

  @Override
  public boolean isShutdown() {
    return delegate.isShutdown();
  }

  @Override
  public boolean isTerminated() {
    return delegate.isTerminated();
  }

  @Override
  public boolean awaitTermination(long timeout, TimeUnit unit) throws InterruptedException {
    return delegate.awaitTermination(timeout, unit);
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
    return "InjectedExecutorService[" + delegate + ", injection=" + injection.name() + "]";
  }

  private <T> List<Callable<T>> wrapAll(Collection<? extends Callable<T>> tasks) {
    Objects.requireNonNull(tasks, "tasks"); // the ExecutorService contract: NullPointerException
    List<Callable<T>> wrapped = new ArrayList<>(tasks.size());
    for (Callable<T> task : tasks) {
      wrapped.add(queue.wrap(task));
    }
    return wrapped;
  }
}
