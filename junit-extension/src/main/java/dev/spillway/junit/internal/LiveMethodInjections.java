package dev.spillway.junit.internal;

import static org.apiguardian.api.API.Status.INTERNAL;

import dev.spillway.toolkit.inject.Injector;
import dev.spillway.toolkit.inject.method.MethodInjection;
import dev.spillway.toolkit.inject.method.MethodInjector;
import dev.spillway.toolkit.record.EventSink;
import java.util.ArrayList;
import java.util.List;
import org.apiguardian.api.API;

/**
 * The method injections of a run that last the whole run ({@link dev.spillway.junit.SlowMethod}
 * without a phase, {@code harness.injectMethod(...)}): woven when the load starts, restored when
 * the run ends, and in any case when the test ends (this is one of its resources). Thread-safe.
 */
@API(status = INTERNAL, since = "0.1")
public final class LiveMethodInjections implements AutoCloseable {

  private final List<MethodInjector> injectors = new ArrayList<>(); // guarded by this
  private final List<MethodInjection> installed = new ArrayList<>(); // guarded by this
  private boolean started; // guarded by this

  /**
   * Adds {@code injector}, to be installed when the load starts.
   *
   * @throws IllegalStateException when they have started
   */
  public synchronized void add(MethodInjector injector) {
    if (started) {
      throw new IllegalStateException("method injections are added before the run starts");
    }
    injectors.add(injector);
  }

  /** Whether there is any. */
  public synchronized boolean isEmpty() {
    return injectors.isEmpty();
  }

  /** The injectors, in the order added. */
  public synchronized List<MethodInjector> injectors() {
    return List.copyOf(injectors);
  }

  /**
   * Installs every injection, in order; one whose injector has no event sink reports into {@code
   * trace}. When one fails, those installed already are closed again and the failure is thrown.
   */
  public synchronized void start(EventSink trace) {
    started = true;
    try {
      for (MethodInjector m : injectors) {
        Injector injector = m.injector();
        installed.add(
            (injector.eventSink() == EventSink.NONE ? m.using(injector.withEventSink(trace)) : m)
                .install());
      }
    } catch (RuntimeException | Error e) {
      close();
      throw e;
    }
  }

  /** Restores every woven class, in reverse order. Idempotent. */
  @Override
  public synchronized void close() {
    RuntimeException failed = null;
    for (int i = installed.size() - 1; i >= 0; i--) {
      try {
        installed.get(i).close();
      } catch (RuntimeException e) {
        if (failed == null) {
          failed = e;
        } else {
          failed.addSuppressed(e);
        }
      }
    }
    installed.clear();
    if (failed != null) {
      throw failed;
    }
  }
}
