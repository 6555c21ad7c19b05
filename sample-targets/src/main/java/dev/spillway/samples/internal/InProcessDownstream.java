package dev.spillway.samples.internal;

import static org.apiguardian.api.API.Status.INTERNAL;

import dev.spillway.samples.Downstream;
import dev.spillway.samples.Event;
import dev.spillway.toolkit.inject.Delay;
import dev.spillway.toolkit.inject.Injection;
import dev.spillway.toolkit.inject.Injector;
import java.time.Duration;
import org.apiguardian.api.API;

/** Handles an event in process by spending a fixed service time on it. Thread-safe. */
@API(status = INTERNAL, since = "0.1")
public final class InProcessDownstream implements Downstream {

  private final Duration serviceTime;
  private final Injection work;

  /** A handler that takes {@code serviceTime} (&gt;= 0) per event. */
  public InProcessDownstream(Duration serviceTime) {
    this.serviceTime = serviceTime;
    Delay delay = serviceTime.isZero() ? Delay.none() : Delay.fixed(serviceTime);
    this.work = Injector.named("service-time").withDelay(delay).start();
  }

  @Override
  public void handle(Event event) throws InterruptedException {
    work.beforeCall();
  }

  @Override
  public String toString() {
    return "in-process downstream, " + serviceTime.toNanos() / 1_000_000.0 + " ms per event";
  }
}
