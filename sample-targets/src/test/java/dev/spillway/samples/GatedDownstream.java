package dev.spillway.samples;

import static dev.spillway.samples.Soon.soon;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A downstream whose events wait at a gate until the test lets them through, so that "the consumer
 * holds one event and the rest are queued" is a state the test sets up, not a race it hopes to win.
 * It records every event it completed, with the consumer thread that handled it. The wait at the
 * gate ends with {@link InterruptedException} when the consumer is interrupted (restart, close).
 *
 * <p>Thread-safe.
 */
final class GatedDownstream implements Downstream {

  /** An event completed, and the name of the consumer thread that handled it. */
  record Handled(Event event, String thread) {}

  private final Semaphore permits = new Semaphore(0);
  private final AtomicBoolean open = new AtomicBoolean();
  private final AtomicInteger entered = new AtomicInteger();
  private final AtomicInteger interrupted = new AtomicInteger();
  private final List<Handled> handled = Collections.synchronizedList(new ArrayList<>());

  /** A gate that is closed: every event waits until {@link #release} or {@link #open}. */
  static GatedDownstream closed() {
    return new GatedDownstream();
  }

  /** A gate that is open from the start: a recording downstream. */
  static GatedDownstream opened() {
    GatedDownstream gate = new GatedDownstream();
    gate.open();
    return gate;
  }

  @Override
  public void handle(Event event) throws InterruptedException {
    entered.incrementAndGet();
    if (!open.get()) {
      try {
        permits.acquire();
      } catch (InterruptedException e) {
        interrupted.incrementAndGet();
        throw e;
      }
    }
    handled.add(new Handled(event, Thread.currentThread().getName()));
  }

  /** Lets {@code n} more events through. */
  void release(int n) {
    permits.release(n);
  }

  /** Lets every event through, now and from now on. */
  void open() {
    if (open.compareAndSet(false, true)) {
      permits.release(Integer.MAX_VALUE / 2); // wakes those already waiting
    }
  }

  /** How many events reached the gate (completed, waiting or interrupted). */
  int entered() {
    return entered.get();
  }

  /** How many events were interrupted while waiting at the gate. */
  int interrupted() {
    return interrupted.get();
  }

  /** The events completed so far, in completion order (a copy). */
  List<Handled> handled() {
    synchronized (handled) {
      return List.copyOf(handled);
    }
  }

  /** Waits until at least {@code n} events reached the gate. */
  void awaitEntered(int n) {
    soon().alias(n + " events at the gate").until(() -> entered.get() >= n);
  }

  /** Waits until at least {@code n} events were completed. */
  void awaitHandled(int n) {
    soon().alias(n + " events handled").until(() -> handled.size() >= n);
  }
}
