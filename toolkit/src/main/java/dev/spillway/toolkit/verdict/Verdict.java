package dev.spillway.toolkit.verdict;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import org.apiguardian.api.API;

/**
 * How a component came through a flood, from the worst to the best. {@link Verdicts} decides which
 * one applies, by rules stated there.
 */
@API(status = EXPERIMENTAL, since = "0.1")
public enum Verdict {
  /**
   * Messages vanished without an outcome (a silent loss, proven beyond what can still be inside a
   * consumer), or were counted twice.
   */
  LOST,
  /** The consumer stopped completing messages while some were still queued or in flight. */
  DIED,
  /**
   * The target answered with errors instead of serving: the share of failed messages passed its
   * threshold (default 1 %).
   */
  FAILED,
  /**
   * The queue grew beyond its bound, was still growing when the load ended, or still held a backlog
   * when the time allowed for it had passed.
   */
  OVERFLOWED,
  /** The component turned messages away (rejected or dropped) and kept its queue bounded. */
  SHED,
  /**
   * The component slowed its callers instead of queueing (a blocking offer, the caller running the
   * task itself, a synchronous fallback, a pull that waits for demand): its queue stayed bounded
   * and nothing was lost, but the planned load was not delivered as offered.
   */
  PUSHED_BACK,
  /**
   * The load was delivered as planned, nothing lost, nothing shed, failures below their threshold,
   * the queue bounded and the consumer alive.
   */
  SURVIVED;

  /**
   * Whether this verdict means the component coped: {@link #SHED}, {@link #PUSHED_BACK} or {@link
   * #SURVIVED}.
   */
  public boolean isHealthy() {
    return this == SHED || this == PUSHED_BACK || this == SURVIVED;
  }
}
