package dev.spillway.toolkit.inject.method.internal;

import static org.apiguardian.api.API.Status.INTERNAL;

import dev.spillway.toolkit.inject.InjectedFault;
import dev.spillway.toolkit.inject.Injection;
import dev.spillway.toolkit.inject.InjectionInterruptedException;
import java.util.function.Supplier;
import org.apiguardian.api.API;

/**
 * What woven code runs on entry to the method: the live {@link Injection}, and what an injected
 * fault throws there. Thread-safe: any number of threads call {@link #enter()}.
 */
@API(status = INTERNAL, since = "0.1")
public final class Gate {

  private final Injection injection;
  private final Supplier<? extends Throwable> fault; // null: the injection's own InjectedFault
  private final boolean declaresInterrupted;

  /**
   * @param injection applied before each call
   * @param fault what an injected fault throws instead of an {@link InjectedFault}; null to throw
   *     the {@link InjectedFault}
   * @param declaresInterrupted whether the method declares {@link InterruptedException}: an
   *     interrupted wait throws it then, otherwise an {@link InjectionInterruptedException}
   */
  public Gate(
      Injection injection, Supplier<? extends Throwable> fault, boolean declaresInterrupted) {
    this.injection = injection;
    this.fault = fault;
    this.declaresInterrupted = declaresInterrupted;
  }

  /** Applies the injection to one call, before the method's body runs. */
  void enter() throws Throwable {
    try {
      injection.beforeCall();
    } catch (InjectedFault f) {
      if (fault == null) {
        throw f;
      }
      throw fault.get();
    } catch (InterruptedException e) {
      if (declaresInterrupted) {
        throw e;
      }
      throw new InjectionInterruptedException(e); // the flag is already set again
    }
  }

  /** The injection. */
  public Injection injection() {
    return injection;
  }
}
