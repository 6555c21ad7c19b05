package dev.spillway.toolkit.verdict;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import dev.spillway.toolkit.util.Preconditions;
import java.time.Duration;
import org.apiguardian.api.API;

/**
 * A verdict a {@link SequentialVerdict} found certain before the end of the plan.
 *
 * @param verdict the verdict the full run would reach
 * @param at when it was called, from the trace's start
 * @param look which look called it (1 for the first)
 * @param plannedLooks how many looks were planned
 * @param confidence the confidence it was called at
 * @param reason why, in numbers
 */
@API(status = EXPERIMENTAL, since = "0.1")
public record EarlyCall(
    Verdict verdict, Duration at, int look, int plannedLooks, double confidence, String reason) {

  /** Validates the components. */
  public EarlyCall {
    Preconditions.notNull(verdict, "verdict");
    Preconditions.notNegative(at, "call time");
    Preconditions.positive(look, "look");
    Preconditions.check(plannedLooks >= look, "planned looks", ">= " + look, plannedLooks);
    Preconditions.notBlank(reason, "reason");
  }
}
