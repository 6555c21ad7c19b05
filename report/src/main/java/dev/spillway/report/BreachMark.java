package dev.spillway.report;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import dev.spillway.toolkit.util.Preconditions;
import java.time.Duration;
import org.apiguardian.api.API;

/**
 * A sentinel breach on a run's timeline: a watched queue reached its enable threshold.
 *
 * <p>Immutable and thread-safe.
 *
 * @param at when, from the start of the recording (negative if before it)
 * @param queue the watched queue's or probe's name; not blank
 * @param depth the depth seen when it fired; &gt;= 0
 * @param detail a one-line description (thresholds, excursion); never null
 */
@API(status = EXPERIMENTAL, since = "0.1")
public record BreachMark(Duration at, String queue, long depth, String detail) {

  /** Validates the components. */
  public BreachMark {
    Preconditions.notNull(at, "breach time");
    Preconditions.notBlank(queue, "breach queue");
    Preconditions.notNegative(depth, "breach depth");
    Preconditions.notNull(detail, "breach detail");
  }
}
