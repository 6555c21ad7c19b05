package dev.spillway.toolkit.inject.method;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import dev.spillway.toolkit.inject.method.internal.Weaver;
import java.lang.reflect.Method;
import org.apiguardian.api.API;

/**
 * A method woven ahead of time with its injection switched off ({@link MethodInjector#prepare()}):
 * calls go straight through, at the cost of one map lookup, until {@link #switchOn()} — which takes
 * effect at once, without the tens of milliseconds a weaving takes. Switch it on and off as often
 * as a run needs (a phase of the load opens, a phase ends); each switch-on starts the injector
 * afresh, so its stalls count from then.
 *
 * <p><b>Closing</b> switches off an injection still on and restores the class's original code, as
 * closing an installed {@link MethodInjection} does.
 *
 * <p>Thread-safety: all methods are thread-safe.
 */
@API(status = EXPERIMENTAL, since = "0.1")
public final class PreparedMethodInjection implements AutoCloseable {

  private final MethodInjector injector;
  private final Method method;
  private final Weaver.Woven woven;
  private MethodInjection on; // guarded by this
  private boolean closed; // guarded by this

  PreparedMethodInjection(MethodInjector injector, Method method, Weaver.Woven woven) {
    this.injector = injector;
    this.method = method;
    this.woven = woven;
  }

  /** The woven method. */
  public Method method() {
    return method;
  }

  /**
   * Starts the injector and switches its injection on: every call runs it from now on, until the
   * returned handle closes (which switches it off and leaves the method woven).
   *
   * @throws IllegalStateException when it is on already or this was closed
   */
  public synchronized MethodInjection switchOn() {
    if (closed) {
      throw new IllegalStateException(this + " was closed: it cannot be switched on");
    }
    if (on != null && !on.isClosed()) {
      throw new IllegalStateException(this + " is on already: close its injection first");
    }
    on = injector.switchOn(method, woven);
    return on;
  }

  /** Whether its injection is on now. */
  public synchronized boolean isOn() {
    return on != null && !on.isClosed();
  }

  /**
   * Switches off an injection still on and restores the class's original code. Idempotent.
   *
   * @throws IllegalStateException when the class could not be retransformed back
   */
  @Override
  public synchronized void close() {
    closed = true;
    if (on != null) {
      on.close();
    }
    woven.restore();
  }

  /** Names the method, and whether the injection is on. */
  @Override
  public synchronized String toString() {
    return "PreparedMethodInjection["
        + method.getDeclaringClass().getName()
        + "."
        + method.getName()
        + (closed ? ", closed" : isOn() ? ", on" : ", off")
        + "]";
  }
}
