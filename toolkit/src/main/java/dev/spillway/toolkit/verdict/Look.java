package dev.spillway.toolkit.verdict;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import dev.spillway.toolkit.ledger.LedgerSnapshot;
import dev.spillway.toolkit.ledger.Rates;
import dev.spillway.toolkit.util.Preconditions;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.apiguardian.api.API;

/**
 * What a run shows at one look of a {@link SequentialVerdict}. Times are offsets from the trace's
 * start.
 *
 * @param now the time of the look
 * @param peakStart when the peak (the phases the verdict judges) started
 * @param queues every watched queue
 * @param books the books now (not settled: the run is still going)
 * @param rates λ and μ measured over [{@code peakStart}, {@code now}], if the ledger has them
 * @param plannedMessages how many messages the whole plan sends
 * @param higherRateAhead whether the rest of the plan offers a higher rate than the peak (a burst)
 * @param unsentDue how many of the plan's messages fell due before {@code now} and were not sent:
 *     the driver is behind its plan, held by the target (push-back, judged at the end) or by the
 *     machine; &gt;= 0
 */
@API(status = EXPERIMENTAL, since = "0.1")
public record Look(
    Duration now,
    Duration peakStart,
    List<QueueLook> queues,
    LedgerSnapshot books,
    Optional<Rates> rates,
    long plannedMessages,
    boolean higherRateAhead,
    long unsentDue) {

  /** Validates the components and copies the list. */
  public Look {
    Preconditions.notNegative(now, "look time");
    Preconditions.notNegative(peakStart, "peak start");
    queues = List.copyOf(Preconditions.notEmpty(queues, "queues"));
    Preconditions.notNull(books, "books");
    Preconditions.notNull(rates, "rates");
    Preconditions.notNegative(plannedMessages, "planned messages");
    Preconditions.notNegative(unsentDue, "unsent due messages");
  }
}
