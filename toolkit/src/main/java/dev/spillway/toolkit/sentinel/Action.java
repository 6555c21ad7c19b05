package dev.spillway.toolkit.sentinel;

/** One step of a {@link Mitigation}. Implementations must be thread-safe. */
interface Action {

  /** The action's name in results and events. */
  String name();

  /**
   * Acts on {@code breach} (which carries the results of the actions before this one) and says what
   * it did; a failure is returned as a failed result, never thrown (except errors).
   */
  MitigationResult apply(Breach breach, String sentinel);
}
