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
 * @param capacity what it can hold, if it is bounded
 */
@API(status = EXPERIMENTAL, since = "0.1")
public record QueueLook(DepthSeries series, VerdictRules rules, OptionalLong capacity) {

  /** Validates the components. */
  public QueueLook {
    Preconditions.notNull(series, "series");
    Preconditions.notNull(rules, "rules");
    Preconditions.notNull(capacity, "capacity");
  }
}
