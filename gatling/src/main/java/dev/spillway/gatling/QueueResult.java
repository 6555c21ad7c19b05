package dev.spillway.gatling;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import dev.spillway.report.BoundCheck;
import dev.spillway.toolkit.verdict.Assessment;
import java.util.List;
import java.util.Optional;
import org.apiguardian.api.API;

/**
 * How one watched queue came through a simulation: the toolkit's assessment, the bounds it was held
 * to (as the report shows them) and Spillway's other checks. Immutable.
 *
 * @param queue the watched queue
 * @param assessment the verdict and every figure behind it
 * @param exactHighWaterMark the target's own high-water mark, when it was read
 * @param clients what the users were answered, when they sent through {@link Spillway#send}
 * @param bounds the bounds, each judged once ({@link BoundCheck#held()})
 * @param checks the other checks
 */
@API(status = EXPERIMENTAL, since = "0.1")
public record QueueResult(
    WatchedQueue queue,
    Assessment assessment,
    Optional<Long> exactHighWaterMark,
    Optional<ClientOutcomes> clients,
    List<BoundCheck> bounds,
    List<Check> checks) {

  /** Validates the components and copies the lists. */
  public QueueResult {
    Checks.notNull(queue, "watched queue");
    Checks.notNull(assessment, "assessment");
    Checks.notNull(exactHighWaterMark, "exact high-water mark");
    Checks.notNull(clients, "client outcomes");
    bounds = List.copyOf(Checks.notNull(bounds, "bounds"));
    checks = List.copyOf(Checks.notNull(checks, "checks"));
  }

  /** Whether every bound held and every check passed (the verdict's check among them). */
  public boolean passed() {
    return bounds.stream().allMatch(BoundCheck::held) && checks.stream().allMatch(Check::passed);
  }

  /** The high-water mark: the target's exact one when read, else the sampled one. */
  public long highWaterMark() {
    return exactHighWaterMark.orElse(assessment.depth().highWaterMark());
  }

  /** What failed, one phrase each; empty when it passed. */
  public List<String> failures() {
    List<String> out = new java.util.ArrayList<>();
    for (BoundCheck b : bounds) {
      if (!b.held()) {
        out.add(queue.name() + ": " + b.describe());
      }
    }
    for (Check c : checks) {
      if (!c.passed()) {
        out.add(queue.name() + ": " + c.name() + ": " + c.detail());
      }
    }
    return out;
  }
}
