package dev.spillway.toolkit.inject;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import dev.spillway.toolkit.probe.QueueProbe;
import java.util.concurrent.Executor;
import java.util.concurrent.ThreadPoolExecutor;
import org.apiguardian.api.API;

/**
 * An {@link Executor} whose tasks go through an {@link Injection} when they run, on the executor's
 * thread; made by {@link SlowConsumer#decorateExecutor(Executor, Injection)}. The tasks' wait for a
 * thread is the queue that a flood fills, and {@link #queueProbe()} reads it.
 *
 * <p>Thread-safety: as thread-safe as the decorated executor.
 */
@API(status = EXPERIMENTAL, since = "0.1")
public interface InjectedExecutor extends Executor {

  /**
   * A probe of the tasks waiting for a thread, named after the injection. When the decorated
   * executor is a {@link ThreadPoolExecutor} (also a {@code ScheduledThreadPoolExecutor}), it reads
   * the size of the executor's own work queue: every waiting task, also those submitted without
   * this decorator. For any other executor it counts the tasks submitted through this decorator
   * that have not started yet (a task leaves the count when it starts, is rejected, is cancelled
   * before it starts, or is dropped by {@code shutdownNow}).
   */
  QueueProbe queueProbe();

  /** The injection applied to the tasks. */
  Injection injection();
}
