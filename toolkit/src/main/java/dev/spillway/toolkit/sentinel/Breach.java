package dev.spillway.toolkit.sentinel;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import dev.spillway.toolkit.util.Preconditions;
import java.time.Instant;
import java.util.List;
import org.apiguardian.api.API;

/**
 * One excursion of a watched queue to its enable threshold, as a sentinel recorded it: when, how
 * deep, the thresholds, the diagnostics, and what each mitigation did.
 *
 * @param excursion the number of this excursion for its sentinel, counting from 1
 * @param time the wall-clock time of the detection
 * @param nanoTime the same moment as {@link System#nanoTime()}, to place it on a trace's timeline
 * @param source the watched queue's or probe's name; not blank
 * @param depth the depth seen by the enqueue (or poll) that fired: the enable threshold itself, or
 *     a little more when concurrent producers raced past it; &gt;= 0
 * @param enableThreshold the depth at which the sentinel fires; &gt; {@code disableThreshold}
 * @param disableThreshold the depth at or below which it re-arms; &gt;= 0
 * @param diagnostics the top queues by depth and the consumer's stack when the breach was handled
 * @param results what each mitigation did, in the order they ran; never null
 */
@API(status = EXPERIMENTAL, since = "0.1")
public record Breach(
    long excursion,
    Instant time,
    long nanoTime,
    String source,
    long depth,
    long enableThreshold,
    long disableThreshold,
    Diagnostics diagnostics,
    List<MitigationResult> results) {

  /** Validates the components and copies the results. */
  public Breach {
    Preconditions.positive(excursion, "excursion");
    Preconditions.notNull(time, "breach time");
    Preconditions.notBlank(source, "breach source");
    Preconditions.notNegative(depth, "breach depth");
    Preconditions.notNegative(disableThreshold, "disable threshold");
    Preconditions.check(
        enableThreshold > disableThreshold,
        "enable threshold",
        "> disable threshold " + disableThreshold,
        enableThreshold);
    Preconditions.notNull(diagnostics, "diagnostics");
    results = List.copyOf(Preconditions.notNull(results, "mitigation results"));
  }

  /** Messages that restarts dropped while mitigating this breach. */
  public long dropped() {
    return results.stream().mapToLong(r -> r.restartOutcome().dropped()).sum();
  }

  /** Messages that restarts redelivered while mitigating this breach. */
  public long redelivered() {
    return results.stream().mapToLong(r -> r.restartOutcome().redelivered()).sum();
  }

  /** This breach with {@code results} in place of its results. */
  Breach withResults(List<MitigationResult> newResults) {
    return new Breach(
        excursion,
        time,
        nanoTime,
        source,
        depth,
        enableThreshold,
        disableThreshold,
        diagnostics,
        newResults);
  }
}
