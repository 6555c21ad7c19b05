package dev.spillway.toolkit.capacity;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import dev.spillway.toolkit.ledger.LedgerSnapshot;
import dev.spillway.toolkit.util.Preconditions;
import java.time.Duration;
import org.apiguardian.api.API;

/**
 * What a running trial has measured so far, as a {@link TrialStop} sees it.
 *
 * @param plan the trial's plan
 * @param elapsed time since the trial's load started; &gt;= 0
 * @param depth the component's queued messages now (over all its queues); &gt;= 0
 * @param books the component's books now
 */
@API(status = EXPERIMENTAL, since = "0.1")
public record TrialProgress(TrialPlan plan, Duration elapsed, long depth, LedgerSnapshot books) {

  /** Validates the components. */
  public TrialProgress {
    Preconditions.notNull(plan, "trial plan");
    Preconditions.notNegative(elapsed, "elapsed");
    Preconditions.notNegative(depth, "depth");
    Preconditions.notNull(books, "books");
  }
}
