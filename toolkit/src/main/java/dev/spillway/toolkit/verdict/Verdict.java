package dev.spillway.toolkit.verdict;

/**
 * How a component came through a flood, from the worst to the best. {@link Verdicts} decides which
 * one applies, by rules stated there.
 */
public enum Verdict {
  /**
   * The books do not balance: messages vanished without an outcome (a silent loss), or were counted
   * twice.
   */
  LOST,
  /** The consumer stopped completing messages while some were still queued. */
  DIED,
  /** The queue grew beyond its bound, or was still growing when the load ended. */
  OVERFLOWED,
  /** The component turned messages away (rejected or dropped) and kept its queue bounded. */
  SHED,
  /** Nothing lost, nothing shed, the queue bounded and the consumer alive. */
  SURVIVED;

  /** Whether this verdict means the component coped: {@link #SHED} or {@link #SURVIVED}. */
  public boolean isHealthy() {
    return this == SHED || this == SURVIVED;
  }
}
