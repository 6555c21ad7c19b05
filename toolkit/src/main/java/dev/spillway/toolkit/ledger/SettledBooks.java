package dev.spillway.toolkit.ledger;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import dev.spillway.toolkit.util.Durations;
import dev.spillway.toolkit.util.Preconditions;
import java.time.Duration;
import java.util.Locale;
import org.apiguardian.api.API;

/**
 * The books after a load, and how they were settled.
 *
 * @param books the reading judged: the last one when the target came {@linkplain Settlement#AT_REST
 *     to rest}, otherwise the one with the fewest unaccounted messages (a reading between two
 *     messages of a draining consumer shows what is really missing)
 * @param settlement how the wait ended
 * @param waited how long the books were waited for
 * @param allowed the time the backlog was allowed (from the backlog and μ; see {@link
 *     SettleRules#allowedFor})
 * @param reads how many readings were taken
 * @param inFlight what was known of the messages inside the consumers
 */
@API(status = EXPERIMENTAL, since = "0.1")
public record SettledBooks(
    LedgerSnapshot books,
    Settlement settlement,
    Duration waited,
    Duration allowed,
    long reads,
    InFlight inFlight) {

  /** Validates the components. */
  public SettledBooks {
    Preconditions.notNull(books, "books");
    Preconditions.notNull(settlement, "settlement");
    Preconditions.notNegative(waited, "waited");
    Preconditions.notNegative(allowed, "allowed");
    Preconditions.positive(reads, "reads");
    Preconditions.notNull(inFlight, "in-flight knowledge");
  }

  /**
   * Books read once, at rest, with nothing known of in-flight messages: for books taken by hand.
   */
  public static SettledBooks atRest(LedgerSnapshot books) {
    return new SettledBooks(
        books, Settlement.AT_REST, Duration.ZERO, Duration.ZERO, 1, InFlight.unknown());
  }

  /**
   * Unaccounted messages proven lost: beyond what can be inside a consumer, given how the books
   * settled. At rest, every unaccounted message (in flight is 0 then, or counted); otherwise those
   * beyond the {@linkplain InFlight#allowance() in-flight allowance} (none proven when nothing is
   * known of the consumers). 0 when nothing is unaccounted.
   */
  public long provenLost() {
    long unaccounted = books.unaccounted();
    if (unaccounted <= 0) {
      return 0;
    }
    if (settlement == Settlement.AT_REST) {
      return unaccounted;
    }
    if (settlement == Settlement.NOT_WAITED) {
      return 0; // one reading, taken while messages may move: no proof either way
    }
    var allowance = inFlight.allowance();
    return allowance.isPresent() ? Math.max(0, unaccounted - allowance.getAsLong()) : 0;
  }

  /**
   * Unaccounted messages that may still be inside a consumer: those not {@linkplain #provenLost()
   * proven lost}.
   */
  public long possiblyInFlight() {
    return Math.max(0, books.unaccounted()) - provenLost();
  }

  /**
   * One phrase, e.g. {@code "at rest after 120 ms (24 readings)"} or {@code "still draining after
   * 10.0 s (2,001 readings): 3,100 queued, 1 in flight"}.
   */
  public String describe() {
    String head =
        switch (settlement) {
          case AT_REST -> "at rest after " + Durations.format(waited);
          case STILL_DRAINING -> "still draining after " + Durations.format(waited);
          case STALLED ->
              "stalled: nothing completed for " + Durations.format(books.sinceLastCompletion());
          case NOT_WAITED -> "read without waiting";
        };
    String tail = String.format(Locale.ROOT, " (%,d reading%s)", reads, reads == 1 ? "" : "s");
    if (settlement == Settlement.AT_REST || settlement == Settlement.NOT_WAITED) {
      return head + tail;
    }
    long inside = books.inFlight() + possiblyInFlight();
    return head
        + tail
        + String.format(Locale.ROOT, ": %,d queued, %,d in flight", books.queued(), inside);
  }
}
