package dev.spillway.toolkit.inject;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import org.apiguardian.api.API;

/**
 * Thrown by a decorated call that cannot throw {@link InterruptedException} (a {@code Runnable}, a
 * {@code Consumer}, a {@code Function}, an interface method that does not declare it) when its
 * thread is interrupted while it waits in an injected delay, stall or rate-cap slot. The call was
 * not made; the thread's interrupt flag is set again before this is thrown, so the interrupt is not
 * lost. The cause is the {@link InterruptedException}.
 */
@API(status = EXPERIMENTAL, since = "0.1")
public class InjectionInterruptedException extends RuntimeException {

  /** An interrupted injected wait; {@code cause} is the interrupt. */
  public InjectionInterruptedException(InterruptedException cause) {
    super(cause.getMessage(), cause);
  }
}
