package dev.spillway.toolkit.sentinel;

import java.util.function.Consumer;

/** Hands the breach to a user's callback. */
final class CallbackAction implements Action {

  private final Consumer<? super Breach> callback;

  CallbackAction(Consumer<? super Breach> callback) {
    this.callback = callback;
  }

  @Override
  public String name() {
    return "callback";
  }

  @Override
  public MitigationResult apply(Breach breach, String sentinel) {
    try {
      callback.accept(breach);
      return MitigationResult.success(name(), "callback completed");
    } catch (RuntimeException e) {
      return MitigationResult.failure(name(), "callback failed: " + e);
    }
  }

  @Override
  public String toString() {
    return "callback(" + callback + ")";
  }
}
