package dev.spillway.toolkit.verdict;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import dev.spillway.toolkit.record.DepthSeries;
import dev.spillway.toolkit.util.Preconditions;
import java.util.OptionalLong;
import org.apiguardian.api.API;

/**
 * One watched queue as a {@link SequentialVerdict} sees it at a look.
 *
 * @param series its depths so far
 * @param rules the rules its verdict is judged by (with its bound, if it has one)
 * @param capacity what it can hold, if it is bounded and that is known
 * @param unbounded whether it is known to have no bound; with neither this nor a capacity its bound
 *     is not known, and its overflow is not called early: it may fill up and then shed or hold its
 *     caller before the peak ends
 */
@API(status = EXPERIMENTAL, since = "0.1")
public record QueueLook(
    DepthSeries series, VerdictRules rules, OptionalLong capacity, boolean unbounded) {

  /** Validates the components. */
  public QueueLook {
    Preconditions.notNull(series, "series");
    Preconditions.notNull(rules, "rules");
    Preconditions.notNull(capacity, "capacity");
    Preconditions.check(
        !(unbounded && capacity.isPresent()),
        "queue '" + series.probe() + "' capacity",
        "empty for an unbounded queue",
        capacity);
  }

  /** Whether what the queue can hold is known: a capacity, or no bound at all. */
  public boolean limitKnown() {
    return unbounded || capacity.isPresent();
  }
}
