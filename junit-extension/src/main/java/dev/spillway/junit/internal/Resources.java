package dev.spillway.junit.internal;

import static org.apiguardian.api.API.Status.INTERNAL;

import java.util.concurrent.atomic.AtomicLong;
import org.apiguardian.api.API;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Puts every resource a test starts (driver, recorder, injection, depth listener, consumer thread,
 * user resource) into the test's {@link ExtensionContext.Store} as soon as it exists, so that JUnit
 * closes them all, in reverse order, when the test ends — even when it throws. Each resource must
 * tolerate being closed again after the run closed it. Thread-safe.
 */
@API(status = INTERNAL, since = "0.1")
public final class Resources {

  private final ExtensionContext.Store store;
  private final AtomicLong added = new AtomicLong();

  /** Resources kept in {@code store}. */
  public Resources(ExtensionContext.Store store) {
    this.store = store;
  }

  /** Adds {@code resource}, to be closed when the test ends; returns it. */
  public <T extends AutoCloseable> T add(T resource) {
    store.put("spillway-resource-" + added.incrementAndGet(), resource);
    return resource;
  }
}
