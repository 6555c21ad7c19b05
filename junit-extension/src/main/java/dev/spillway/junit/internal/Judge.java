package dev.spillway.junit.internal;

import dev.spillway.toolkit.ledger.LedgerSnapshot;
import dev.spillway.toolkit.ledger.MessageLedger;
import dev.spillway.toolkit.ledger.RateBucket;
import dev.spillway.toolkit.ledger.Rates;
import dev.spillway.toolkit.record.QueueTrace;
import dev.spillway.toolkit.verdict.Assessment;
import dev.spillway.toolkit.verdict.Evidence;
import dev.spillway.toolkit.verdict.VerdictRules;
import dev.spillway.toolkit.verdict.Verdicts;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Computes the verdict of each watched queue with the toolkit's {@link Verdicts}: the trace over
 * the load's {@link PeakWindow}, the books, λ and μ measured by the ledger over that window, the
 * queue's {@link dev.spillway.junit.QueueBound} as its bound and the {@link
 * dev.spillway.junit.DrainsWithin} level as its drain level.
 *
 * <p>λ and μ are counted over the ledger's whole rate buckets inside the window: a bucket only
 * partly inside would be pro-rated as if its messages were spread evenly over it, which undercounts
 * the arrivals of the buckets where the load starts and stops. When the window holds no whole
 * bucket, the ledger's pro-rated figures are used. Stateless.
 */
public final class Judge {

  private Judge() {}

  /**
   * The assessment of every watched queue, by name, in the order they were watched, judged over
   * [{@code start}, {@code end}] (offsets in the trace).
   */
  public static Map<String, Assessment> assess(
      OverloadPlan plan,
      List<WatchedQueue> watched,
      QueueTrace trace,
      LedgerSnapshot books,
      MessageLedger ledger,
      Duration start,
      Duration end) {
    if (end.compareTo(start) <= 0) { // the load was stopped before the window opened
      start = Duration.ZERO;
      end = trace.duration();
    }
    Optional<Rates> rates =
        wholeBucketRates(
            ledger, trace.startNanos() + start.toNanos(), trace.startNanos() + end.toNanos());
    Map<String, Assessment> assessments = new LinkedHashMap<>();
    for (WatchedQueue w : watched) {
      VerdictRules rules = VerdictRules.defaults();
      var bound = QueueBoundSpec.tightest(plan.queueBounds(), w.name());
      if (bound.isPresent()) {
        rules = rules.withBound(bound.get().max());
      }
      if (plan.drain().isPresent() && plan.drain().get().appliesTo(w.name())) {
        rules = rules.withDrainLevel(plan.drain().get().level());
      }
      Evidence evidence = Evidence.of(trace, w.name(), books).withLoadWindow(start, end);
      if (rates.isPresent()) {
        evidence = evidence.withRates(rates.get());
      } else {
        try {
          evidence = evidence.withRatesFrom(ledger);
        } catch (IllegalArgumentException notOnTheTraceClock) {
          // a ledger of the component's on another clock, or too short a history: no rates
        }
      }
      assessments.put(w.name(), Verdicts.assess(evidence, rules));
    }
    return assessments;
  }

  /** λ and μ over the ledger's whole buckets within [from, to] (nanoTimes), if there are any. */
  static Optional<Rates> wholeBucketRates(MessageLedger ledger, long from, long to) {
    long sent = 0;
    long completed = 0;
    long nanos = 0;
    for (RateBucket bucket : ledger.rateSeries()) {
      long start = bucket.startNanos();
      long length = bucket.length().toNanos();
      if (start - from >= 0 && to - (start + length) >= 0) {
        sent += bucket.sent();
        completed += bucket.completed();
        nanos += length;
      }
    }
    if (nanos == 0) {
      return Optional.empty();
    }
    return Optional.of(
        new Rates(sent * 1e9 / nanos, completed * 1e9 / nanos, Duration.ofNanos(nanos)));
  }
}
