package dev.spillway.toolkit.capacity;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import dev.spillway.toolkit.ledger.LedgerSnapshot;
import dev.spillway.toolkit.ledger.Rates;
import dev.spillway.toolkit.record.DepthSeries;
import dev.spillway.toolkit.util.Preconditions;
import java.time.Duration;
import java.util.Optional;
import org.apiguardian.api.API;

/**
 * What a running trial has measured so far, as a {@link TrialStop} sees it.
 *
 * @param plan the trial's plan
 * @param elapsed time since the trial's load started; &gt;= 0
 * @param depth the component's queued messages now (over all its queues); &gt;= 0
 * @param books the component's books now
 * @param depths the depths sampled so far (over all its queues), times as offsets from the trace's
 *     start
 * @param loadStart when the load started, as an offset from the same trace's start; &gt;= 0
 * @param judgedRates λ and μ by the ledger over the judged window so far, once it has opened and
 *     the ledger has them
 */
@API(status = EXPERIMENTAL, since = "0.1")
public record TrialProgress(
    TrialPlan plan,
    Duration elapsed,
    long depth,
    LedgerSnapshot books,
    DepthSeries depths,
    Duration loadStart,
    Optional<Rates> judgedRates) {

  /** Validates the components. */
  public TrialProgress {
    Preconditions.notNull(plan, "trial plan");
    Preconditions.notNegative(elapsed, "elapsed");
    Preconditions.notNegative(depth, "depth");
    Preconditions.notNull(books, "books");
    Preconditions.notNull(depths, "depths");
    Preconditions.notNegative(loadStart, "load start");
    Preconditions.notNull(judgedRates, "judged rates");
  }

  /** Now, as an offset from the trace's start: {@code loadStart + elapsed}. */
  public Duration now() {
    return loadStart.plus(elapsed);
  }

  /** When the judged window opened (or opens), as an offset from the trace's start. */
  public Duration judgedStart() {
    return loadStart.plus(plan.warmUp());
  }
}
