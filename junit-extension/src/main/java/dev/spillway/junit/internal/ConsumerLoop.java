package dev.spillway.junit.internal;

import static org.apiguardian.api.API.Status.INTERNAL;

import dev.spillway.toolkit.inject.InjectionInterruptedException;
import dev.spillway.toolkit.util.Durations;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.function.Consumer;
import org.apiguardian.api.API;

/**
 * A consumer thread the harness owns: it takes messages from a queue and hands each to a handler
 * until it is closed. A handler that throws an exception does not end the loop (the failure is
 * counted by the wrapped handler, as a consumer that logs and goes on); an {@link Error} does, like
 * a consumer thread that dies. Closing interrupts the thread (which wakes it from {@code take()} or
 * from an interruptible handler) and waits up to {@link #STOP_TIMEOUT} for it to end; a thread
 * still alive then (its handler ignores interrupts) is named in one {@code WARNING} line and left
 * running, as the daemon it is. Thread-safe.
 *
 * @param <T> the type of the messages
 */
@API(status = INTERNAL, since = "0.1")
public final class ConsumerLoop<T> implements AutoCloseable {

  /** How long {@link #close()} waits for the thread to end. */
  public static final Duration STOP_TIMEOUT = Duration.ofSeconds(1);

  private static final Logger LOG = System.getLogger(ConsumerLoop.class.getName());

  private final BlockingQueue<T> queue;
  private final Consumer<? super T> handler;
  private final Thread thread;
  private volatile boolean stopping;

  /** A loop on a daemon thread named {@code threadName}; not started yet. */
  public ConsumerLoop(String threadName, BlockingQueue<T> queue, Consumer<? super T> handler) {
    this.queue = queue;
    this.handler = handler;
    this.thread = new Thread(this::loop, threadName);
    this.thread.setDaemon(true);
  }

  /** Starts the thread; returns this loop. */
  public ConsumerLoop<T> start() {
    thread.start();
    return this;
  }

  private void loop() {
    while (!stopping) {
      T message;
      try {
        message = queue.take();
      } catch (InterruptedException e) {
        return; // closed
      }
      try {
        handler.accept(message);
      } catch (InjectionInterruptedException e) {
        return; // interrupted in an injected wait: closed
      } catch (RuntimeException e) {
        // counted as failed by the wrapped handler; a consumer that logs and goes on
        if (Thread.currentThread().isInterrupted()) {
          return;
        }
      }
    }
  }

  /** The loop's thread. */
  public Thread thread() {
    return thread;
  }

  /** Whether the thread is alive. */
  public boolean isAlive() {
    return thread.isAlive();
  }

  /**
   * Stops the loop: interrupts the thread and waits up to {@link #STOP_TIMEOUT} for it to end (less
   * when the closing thread is interrupted; its flag stays set).
   */
  @Override
  public void close() {
    stopping = true;
    thread.interrupt();
    boolean interrupted = false;
    try {
      thread.join(STOP_TIMEOUT.toMillis());
    } catch (InterruptedException e) {
      interrupted = true;
      Thread.currentThread().interrupt();
    }
    if (thread.isAlive()) {
      LOG.log(
          Level.WARNING,
          "consumer loop "
              + thread.getName()
              + " did not end "
              + (interrupted
                  ? "before the wait for it was interrupted"
                  : "within " + Durations.format(STOP_TIMEOUT))
              + " of being interrupted (its handler ignores interrupts); it is left running"
              + " (daemon)");
    }
  }
}
