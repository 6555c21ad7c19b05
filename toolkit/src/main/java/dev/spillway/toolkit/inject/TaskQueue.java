package dev.spillway.toolkit.inject;

import dev.spillway.toolkit.probe.QueueProbe;
import java.util.Collection;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Wraps an executor's tasks in an injection and knows how many of them wait for a thread: from a
 * {@link ThreadPoolExecutor}'s own queue, otherwise by tracking the wrapped tasks not yet started.
 * All methods thread-safe.
 */
final class TaskQueue {

  private final Injection injection;
  private final Set<Object> pending; // null when the executor's own queue is read
  private final QueueProbe probe;

  TaskQueue(Executor executor, Injection injection) {
    this.injection = injection;
    if (executor instanceof ThreadPoolExecutor pool) {
      this.pending = null;
      this.probe = QueueProbe.of(injection.name(), () -> pool.getQueue().size());
    } else {
      Set<Object> tracked = ConcurrentHashMap.newKeySet();
      this.pending = tracked;
      this.probe = QueueProbe.of(injection.name(), tracked::size);
    }
  }

  QueueProbe probe() {
    return probe;
  }

  /** {@code task} behind the injection, counted as waiting until it starts. */
  Runnable wrap(Runnable task) {
    Objects.requireNonNull(task, "task"); // the Executor contract: NullPointerException
    Runnable wrapped =
        new Runnable() {
          @Override
          public void run() {
            leave(this);
            injection.beforeCallUnchecked();
            task.run();
          }

          @Override
          public String toString() {
            return "injected(" + task + ")";
          }
        };
    enter(wrapped);
    return wrapped;
  }

  /** {@code task} behind the injection, counted as waiting until it starts. */
  <V> Callable<V> wrap(Callable<V> task) {
    Objects.requireNonNull(task, "task");
    Callable<V> wrapped =
        new Callable<>() {
          @Override
          public V call() throws Exception {
            leave(this);
            injection.beforeCall();
            return task.call();
          }

          @Override
          public String toString() {
            return "injected(" + task + ")";
          }
        };
    enter(wrapped);
    return wrapped;
  }

  /** Takes {@code task} off the count: it will not run (rejected, cancelled or dropped). */
  void leave(Object task) {
    if (pending != null) {
      pending.remove(task);
    }
  }

  /** A future that takes its task off the count when cancelled before it starts. */
  <V> Future<V> track(Future<V> future, Object task) {
    return pending == null ? future : new TrackedFuture<>(future, task);
  }

  /** Takes every tracked task off the count: they will not run (rejected, cancelled or dropped). */
  void leaveAll(Collection<?> tasks) {
    for (Object task : tasks) {
      leave(task);
    }
  }

  /** Takes every tracked task off the count (after {@code shutdownNow}). */
  void clear() {
    if (pending != null) {
      pending.clear();
    }
  }

  private void enter(Object task) {
    if (pending != null) {
      pending.add(task);
    }
  }

  /** Delegates; a successful cancel takes the task off the count (it never starts). */
  private final class TrackedFuture<V> implements Future<V> {
    private final Future<V> future;
    private final Object task;

    TrackedFuture(Future<V> future, Object task) {
      this.future = future;
      this.task = task;
    }

    @Override
    public boolean cancel(boolean mayInterruptIfRunning) {
      boolean cancelled = future.cancel(mayInterruptIfRunning);
      if (cancelled) {
        leave(task);
      }
      return cancelled;
    }

    @Override
    public boolean isCancelled() {
      return future.isCancelled();
    }

    @Override
    public boolean isDone() {
      return future.isDone();
    }

    @Override
    public V get() throws InterruptedException, ExecutionException {
      return future.get();
    }

    @Override
    public V get(long timeout, TimeUnit unit)
        throws InterruptedException, ExecutionException, TimeoutException {
      return future.get(timeout, unit);
    }

    @Override
    public String toString() {
      return future.toString();
    }
  }
}
