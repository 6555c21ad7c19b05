package dev.spillway.toolkit.inject;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import java.util.concurrent.ExecutorService;
import org.apiguardian.api.API;

/**
 * An {@link ExecutorService} whose tasks go through an {@link Injection} when they run, on the
 * executor's thread; made by {@link SlowConsumer#decorateExecutorService(ExecutorService,
 * Injection)}. A submitted task that gets an {@link InjectedFault}, or whose injected wait is
 * interrupted (for example by {@code Future.cancel(true)}), completes its future exceptionally
 * without running; a task given to {@link #execute(Runnable)} throws on the worker thread, as a
 * failing {@code Runnable} would. Lifecycle methods ({@code shutdown}, {@code awaitTermination}…)
 * act on the decorated executor; closing the injection does not shut it down.
 *
 * <p>Thread-safety: as thread-safe as the decorated executor.
 */
@API(status = EXPERIMENTAL, since = "0.1")
public interface InjectedExecutorService extends InjectedExecutor, ExecutorService {}
