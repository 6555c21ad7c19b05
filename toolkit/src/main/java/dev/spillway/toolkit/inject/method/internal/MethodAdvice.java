package dev.spillway.toolkit.inject.method.internal;

import static org.apiguardian.api.API.Status.INTERNAL;

import net.bytebuddy.asm.Advice;
import org.apiguardian.api.API;

/**
 * The advice woven into a target method: its code is copied into the method's start, with the slot
 * bound as a constant, so the woven method calls {@link MethodDispatch#enter(int)} and then its own
 * body. Exceptions from the dispatch propagate: the body is not run.
 */
@API(status = INTERNAL, since = "0.1")
public final class MethodAdvice {

  private MethodAdvice() {}

  @Advice.OnMethodEnter
  static void enter(@Slot int slot) throws Throwable {
    MethodDispatch.enter(slot);
  }
}
