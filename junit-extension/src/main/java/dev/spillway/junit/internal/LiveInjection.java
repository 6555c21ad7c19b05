package dev.spillway.junit.internal;

import static org.apiguardian.api.API.Status.INTERNAL;

import dev.spillway.toolkit.inject.Injection;
import dev.spillway.toolkit.inject.Injector;
import org.apiguardian.api.API;

/**
 * The injection of a harness, started when the load starts (so that stall and plan offsets count
 * from the start of the load) and closed when the run ends: components wrapped before the run go
 * straight through until then, and again after. Thread-safe.
 */
@API(status = INTERNAL, since = "0.1")
public final class LiveInjection implements AutoCloseable {

  private volatile Injection current;
  private volatile boolean closed;

  /**
   * Starts {@code injector}; from now on wrapped calls are injected.
   *
   * @throws IllegalStateException when an injection was already started
   */
  public synchronized Injection start(Injector injector) {
    if (current != null) {
      throw new IllegalStateException("the injection of a harness starts once");
    }
    Injection started = injector.start();
    current = started;
    if (closed) {
      started.close();
    }
    return started;
  }

  /**
   * Applies the injection to one call, if it runs.
   *
   * @throws dev.spillway.toolkit.inject.InjectedFault when a fault is injected
   * @throws InterruptedException when interrupted in an injected wait (the flag is set again)
   */
  public void beforeCall() throws InterruptedException {
    Injection live = current;
    if (live != null) {
      live.beforeCall();
    }
  }

  /** Whether an injection was started and is still open. */
  public boolean isActive() {
    Injection live = current;
    return live != null && !live.isClosed();
  }

  /** Closes the injection: waiting calls wake up and later calls go straight through. */
  @Override
  public synchronized void close() {
    closed = true;
    Injection live = current;
    if (live != null) {
      live.close();
    }
  }
}
