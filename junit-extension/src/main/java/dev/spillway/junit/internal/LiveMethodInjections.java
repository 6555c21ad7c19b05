package dev.spillway.junit.internal;

import static org.apiguardian.api.API.Status.INTERNAL;

import dev.spillway.junit.ChaosStep;
import dev.spillway.toolkit.inject.Injector;
import dev.spillway.toolkit.inject.method.MethodInjection;
import dev.spillway.toolkit.inject.method.MethodInjector;
import dev.spillway.toolkit.inject.method.PreparedMethodInjection;
import dev.spillway.toolkit.record.EventSink;
import java.util.ArrayList;
import java.util.List;
import org.apiguardian.api.API;

/**
 * The method injections of a run: those that last the whole run ({@link
 * dev.spillway.junit.SlowMethod} without a phase, {@code harness.injectMethod(...)}) are woven and
 * switched on when the load starts; those tied to a phase are woven switched off when the load
 * starts and switched on and off by the phase's {@link ChaosStep} — at once, since the weaving is
 * done. All are restored when the run ends, and in any case when the test ends (this is one of its
 * resources). Thread-safe.
 */
@API(status = INTERNAL, since = "0.1")
public final class LiveMethodInjections implements AutoCloseable {

  private final List<MethodInjector> injectors = new ArrayList<>(); // guarded by this
  private final List<MethodInjection> installed = new ArrayList<>(); // guarded by this
  private final List<MethodInjector> phasedInjectors = new ArrayList<>(); // guarded by this
  private final List<PreparedMethodInjection> prepared =
      new ArrayList<>(); // guarded by this, as phasedInjectors
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

  /**
   * Adds {@code injector} for a phase: woven switched off when the load starts; the returned step
   * switches it on (and its handle off again).
   *
   * @throws IllegalStateException when they have started
   */
  public synchronized ChaosStep phased(MethodInjector injector) {
    if (started) {
      throw new IllegalStateException("method injections are added before the run starts");
    }
    int index = phasedInjectors.size();
    phasedInjectors.add(injector);
    return () -> switchOn(index);
  }

  private synchronized MethodInjection switchOn(int index) {
    if (index >= prepared.size()) {
      throw new IllegalStateException(
          "method injection " + phasedInjectors.get(index) + " is switched on before the load");
    }
    return prepared.get(index).switchOn();
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
        installed.add(reportingInto(m, trace).install());
      }
      for (MethodInjector m : phasedInjectors) {
        prepared.add(reportingInto(m, trace).prepare());
      }
    } catch (RuntimeException | Error e) {
      close();
      throw e;
    }
  }

  /** {@code m}, reporting into {@code trace} when its injector has no event sink of its own. */
  private static MethodInjector reportingInto(MethodInjector m, EventSink trace) {
    Injector injector = m.injector();
    return injector.eventSink() == EventSink.NONE ? m.using(injector.withEventSink(trace)) : m;
  }

  /** Restores every woven class, in reverse order. Idempotent. */
  @Override
  public synchronized void close() {
    RuntimeException failed = null;
    for (int i = prepared.size() - 1; i >= 0; i--) {
      try {
        prepared.get(i).close();
      } catch (RuntimeException e) {
        failed = e;
      }
    }
    prepared.clear();
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
