package dev.spillway.toolkit.ledger;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import dev.spillway.toolkit.probe.QueueProbe;
import dev.spillway.toolkit.util.Preconditions;
import java.time.Duration;
import java.util.concurrent.locks.LockSupport;
import org.apiguardian.api.API;

/**
 * Waits, after a load, until the books can be judged: until the target is at rest, or the time
 * allowed for its backlog has passed, or its consumer has stalled.
 *
 * <p>The books are read every {@link SettleRules#pollEvery()} (outcomes, in flight, queued, sent:
 * see {@link MessageLedger#snapshot(QueueProbe, java.util.function.LongSupplier)}). The wait ends
 *
 * <ol>
 *   <li><b>at rest</b> when nothing is queued or counted in flight and every message is accounted
 *       for — or, with messages still unaccounted, when no outcome has changed for a quiet period
 *       (100 ms when in-flight messages are counted; otherwise 10 / μ per consumer, within [100 ms,
 *       stall window]), so that a handler still running is not taken for a loss. A balance seen
 *       while messages are still queued does not end the wait: a consumer between two messages
 *       balances the books for an instant;
 *   <li><b>stalled</b> when messages are queued or counted in flight and none has been completed
 *       for the stall window, and still none when the limit is reached: a consumer that resumes in
 *       the meantime was only held off its work (a busy machine can starve a thread for a second
 *       and more) and has not stopped — a stall detected early therefore costs the wait up to the
 *       limit;
 *   <li><b>still draining</b> when the time allowed for the backlog has passed ({@link
 *       SettleRules#allowedFor}: twice what μ needs for the backlog found when the wait began,
 *       within [floor, limit]) — unless the backlog is draining more slowly than μ predicted (a
 *       consumer slowed after the load, a busy machine): then the time allowed is derived again,
 *       the same way, from what remains and the rate it has drained at since the wait began, and
 *       the wait goes on, never past the limit. A backlog that the consumers could not serve within
 *       the limit at their own pace is still draining; one they are merely slower with is not.
 * </ol>
 *
 * <p>When the target did not come to rest, the books returned are the reading with the fewest
 * unaccounted messages: a consumer between two messages shows what is really missing, a reading
 * taken while it holds one shows one more. Their time since the last completion is the last
 * reading's: how long the consumer had been idle when the wait ended.
 *
 * <p>Thread-safety: stateless; call from the thread that waits (it parks; an interrupt ends the
 * wait with {@link InterruptedException}).
 */
@API(status = EXPERIMENTAL, since = "0.1")
public final class Settling {

  private static final Duration MIN_QUIET = Duration.ofMillis(100);

  private Settling() {}

  /**
   * Settles the books of {@code ledger}, with {@code queued} reading every message still queued and
   * {@code inFlight} what is known of the messages inside the consumers.
   *
   * @param serviceRate the consumers' service rate μ during the load, in messages per second; 0
   *     when unknown
   * @throws InterruptedException when interrupted while waiting
   * @throws dev.spillway.toolkit.probe.ProbeException when the queue cannot be read
   */
  public static SettledBooks settle(
      MessageLedger ledger,
      QueueProbe queued,
      InFlight inFlight,
      double serviceRate,
      SettleRules rules)
      throws InterruptedException {
    Preconditions.notNull(ledger, "ledger");
    Preconditions.notNull(queued, "queued probe");
    Preconditions.notNull(inFlight, "in-flight knowledge");
    Preconditions.notNull(rules, "settle rules");
    long start = System.nanoTime();
    LedgerSnapshot last = read(ledger, queued, inFlight);
    if (rules.limit().isZero()) {
      return new SettledBooks(
          last, Settlement.NOT_WAITED, Duration.ZERO, Duration.ZERO, 1, inFlight);
    }
    long backlog = last.backlog() + Math.max(0, last.unaccounted());
    Duration allowed = rules.allowedFor(backlog, serviceRate);
    long deadline = start + allowed.toNanos();
    long limit = start + rules.limit().toNanos();
    long outcomesAtStart = outcomes(last);
    long quiet = quietNanos(inFlight, serviceRate, rules);
    LedgerSnapshot best = last;
    long reads = 1;
    long lastChange = start;
    long signature = signature(last);
    while (true) {
      long now = System.nanoTime();
      boolean resting = last.queued() == 0 && last.inFlight() == 0;
      if (resting && (last.unaccounted() <= 0 || now - lastChange >= quiet)) {
        return settled(last, Settlement.AT_REST, start, now, allowed, reads, inFlight);
      }
      boolean stalled = !resting && last.sinceLastCompletion().compareTo(rules.stallWindow()) >= 0;
      if (stalled && now - limit >= 0) {
        return settled(best, Settlement.STALLED, start, now, allowed, reads, inFlight);
      }
      if (stalled && deadline != limit) {
        // nothing completed for the stall window: stopped, or only held off its work (a busy
        // machine starves a thread for a second now and then); it has until the limit to resume
        deadline = limit;
        allowed = rules.limit();
      }
      if (now - deadline >= 0) {
        long extended = extendedDeadline(last, outcomesAtStart, start, now, limit, rules);
        if (extended - now <= 0) {
          // the counts of the best reading, but how long since the last completion as of now: an
          // earlier reading taken while the consumer paused must not say it has stopped
          LedgerSnapshot books = best.withSinceLastCompletion(last.sinceLastCompletion());
          return settled(books, Settlement.STILL_DRAINING, start, now, allowed, reads, inFlight);
        }
        deadline = extended;
        allowed = Duration.ofNanos(deadline - start);
      }
      LockSupport.parkNanos(Math.min(rules.pollEvery().toNanos(), deadline - now));
      if (Thread.interrupted()) {
        throw new InterruptedException("interrupted while settling the books of " + ledger.name());
      }
      last = read(ledger, queued, inFlight);
      reads++;
      if (last.unaccounted() <= best.unaccounted()) {
        best = last;
      }
      long next = signature(last);
      if (next != signature) {
        signature = next;
        lastChange = System.nanoTime();
      }
    }
  }

  /**
   * The deadline derived again at {@code now} from the backlog that remains and the rate the
   * outcomes came at since the wait began ({@link SettleRules#allowedFor}, counted from now), not
   * past {@code limit}; {@code now} itself when nothing came out meanwhile (a consumer that serves
   * nothing does not earn more time) or the limit has passed.
   */
  private static long extendedDeadline(
      LedgerSnapshot last,
      long outcomesAtStart,
      long start,
      long now,
      long limit,
      SettleRules rules) {
    long drained = outcomes(last) - outcomesAtStart;
    if (drained <= 0 || now - limit >= 0) {
      return now;
    }
    double observedRate = drained / ((now - start) / 1e9);
    long remaining = last.backlog() + Math.max(0, last.unaccounted());
    long more =
        rules
            .withLimit(Duration.ofNanos(limit - now))
            .allowedFor(remaining, observedRate)
            .toNanos();
    return now + more;
  }

  /** Every outcome counted so far. */
  private static long outcomes(LedgerSnapshot s) {
    return s.processed() + s.rejected() + s.dropped() + s.failed();
  }

  private static LedgerSnapshot read(MessageLedger ledger, QueueProbe queued, InFlight inFlight) {
    return ledger.snapshot(queued, inFlight::read);
  }

  /** Changes whenever a message gets an outcome or the queue moves. */
  private static long signature(LedgerSnapshot s) {
    return s.processed() + s.rejected() + s.dropped() + s.failed() + 31 * s.queued();
  }

  private static long quietNanos(InFlight inFlight, double serviceRate, SettleRules rules) {
    long min = MIN_QUIET.toNanos();
    long max = Math.max(min, rules.stallWindow().toNanos());
    if (inFlight.isCounted()) {
      return min;
    }
    if (!(serviceRate > 0) || !Double.isFinite(serviceRate)) {
      return max;
    }
    double perConsumer = 10.0 / serviceRate * inFlight.limit().orElse(1);
    return Math.max(min, Math.min(max, (long) (perConsumer * 1e9)));
  }

  private static SettledBooks settled(
      LedgerSnapshot books,
      Settlement how,
      long start,
      long now,
      Duration allowed,
      long reads,
      InFlight inFlight) {
    return new SettledBooks(books, how, Duration.ofNanos(now - start), allowed, reads, inFlight);
  }
}
