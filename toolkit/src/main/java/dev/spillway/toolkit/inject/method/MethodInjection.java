package dev.spillway.toolkit.inject.method;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import dev.spillway.toolkit.inject.Injection;
import dev.spillway.toolkit.inject.method.internal.TargetResolver;
import dev.spillway.toolkit.inject.method.internal.Weaver;
import java.lang.reflect.Method;
import java.util.Set;
import org.apiguardian.api.API;

/**
 * A method woven by {@link MethodInjector#install()}: the live, closeable handle. While it is open,
 * every call of the method runs {@link #injection()} first.
 *
 * <p><b>Closing</b> closes the injection (calls waiting in an injected wait wake up and run their
 * body), then removes the transformer and retransforms the class, which gives it back its original
 * code: no trace of the injection stays in the class, and calls cost what they did before. Calls
 * that entered the woven code before the close finish in it, without injection. Closing also makes
 * the method free for another injection.
 *
 * <p>An injection {@linkplain PreparedMethodInjection#switchOn() switched on} in a method woven
 * ahead of time is the exception: closing it only switches it off; the method stays woven until the
 * {@link PreparedMethodInjection} closes.
 *
 * <p>Thread-safety: all methods are thread-safe.
 */
@API(status = EXPERIMENTAL, since = "0.1")
public final class MethodInjection implements AutoCloseable {

  private final Method method;
  private final Injection injection;
  private final Runnable release;

  /** An injection of {@code method}; {@code release} switches it off (and restores the class). */
  MethodInjection(Method method, Injection injection, Runnable release) {
    this.method = method;
    this.injection = injection;
    this.release = release;
  }

  /** The woven method. */
  public Method method() {
    return method;
  }

  /** The injection its calls run: its name, its calls and faults counted so far. */
  public Injection injection() {
    return injection;
  }

  /** Whether {@link #close()} was called. */
  public boolean isClosed() {
    return injection.isClosed();
  }

  /**
   * Switches the injection off and restores the class's original code (only switches it off when
   * the method was {@linkplain PreparedMethodInjection prepared}). Idempotent.
   *
   * @throws IllegalStateException when the class could not be retransformed back
   */
  @Override
  public void close() {
    injection.close();
    release.run();
  }

  /**
   * The methods woven now, by open injections in this JVM: empty once every injection is closed, so
   * a test can check that it left no class woven.
   */
  public static Set<Method> wovenMethods() {
    return Weaver.wovenMethods();
  }

  /** Names the method and the injection. */
  @Override
  public String toString() {
    return "MethodInjection["
        + method.getDeclaringClass().getName()
        + "."
        + TargetResolver.signature(method)
        + ", injection '"
        + injection.name()
        + "'"
        + (isClosed() ? ", closed" : "")
        + "]";
  }
}
