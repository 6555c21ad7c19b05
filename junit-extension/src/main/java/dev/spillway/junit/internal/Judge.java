package dev.spillway.junit.internal;

import static org.apiguardian.api.API.Status.INTERNAL;

import dev.spillway.toolkit.autopsy.AutopsyReport;
import dev.spillway.toolkit.autopsy.GcPause;
import dev.spillway.toolkit.ledger.MessageLedger;
import dev.spillway.toolkit.ledger.Rates;
import dev.spillway.toolkit.ledger.SettledBooks;
import dev.spillway.toolkit.load.LoadReport;
import dev.spillway.toolkit.record.QueueTrace;
import dev.spillway.toolkit.verdict.Assessment;
import dev.spillway.toolkit.verdict.Evidence;
import dev.spillway.toolkit.verdict.GcActivity;
import dev.spillway.toolkit.verdict.VerdictRules;
import dev.spillway.toolkit.verdict.Verdicts;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apiguardian.api.API;

/**
 * Computes the verdict of each watched queue with the toolkit's {@link Verdicts}: the trace over
 * the load's {@link PeakWindow}, the settled books, the load driver's report, λ and μ measured by
 * the ledger over that window ({@link MessageLedger#ratesOver}), the queue's capacity, the queue's
 * {@link dev.spillway.junit.QueueBound} as its bound, the {@link dev.spillway.junit.DrainsWithin}
 * level as its drain level and the plan's {@link dev.spillway.junit.VerdictThresholds}, and, when
 * the run recorded an autopsy, its garbage collections ({@link #gcActivity}). Stateless.
 */
@API(status = INTERNAL, since = "0.1")
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
      SettledBooks settled,
      LoadReport load,
      MessageLedger ledger,
      Duration start,
      Duration end,
      Optional<GcActivity> gc) {
    if (end.compareTo(start) <= 0) { // the load was stopped before the window opened
      start = Duration.ZERO;
      end = trace.duration();
    }
    Optional<Rates> rates =
        ledger.ratesOver(trace.startNanos() + start.toNanos(), trace.startNanos() + end.toNanos());
    Map<String, Assessment> assessments = new LinkedHashMap<>();
    for (WatchedQueue w : watched) {
      VerdictRules rules = rulesFor(plan, w);
      Evidence evidence =
          Evidence.of(trace, w.name(), settled).withLoadWindow(start, end).withLoad(load);
      if (rates.isPresent()) {
        evidence = evidence.withRates(rates.get());
      }
      if (w.capacity().isPresent()) {
        evidence = evidence.withCapacity(w.capacity().getAsLong());
      }
      if (gc.isPresent()) {
        evidence = evidence.withGcActivity(gc.get());
      }
      assessments.put(w.name(), Verdicts.assess(evidence, rules));
    }
    return assessments;
  }

  /**
   * The rules {@code queue} is judged by: the plan's, with the queue's tightest {@link
   * dev.spillway.junit.QueueBound} as its bound and the {@link dev.spillway.junit.DrainsWithin}
   * level as its drain level.
   */
  public static VerdictRules rulesFor(OverloadPlan plan, WatchedQueue queue) {
    VerdictRules rules = plan.verdictRules();
    var bound = QueueBoundSpec.tightest(plan.queueBounds(), queue.name());
    if (bound.isPresent()) {
      rules = rules.withBound(bound.get().max());
    }
    if (plan.drain().isPresent() && plan.drain().get().appliesTo(queue.name())) {
      rules = rules.withDrainLevel(plan.drain().get().level());
    }
    return rules;
  }

  /**
   * The collections an autopsy recorded, placed on {@code trace} (its window started at {@code
   * fromNanos} on the run's clock, {@link System#nanoTime()}), with the ledger's rate buckets: what
   * the verdict reads a GC death spiral from. Collections before the trace's start are left out.
   */
  public static GcActivity gcActivity(
      AutopsyReport autopsy, long fromNanos, QueueTrace trace, MessageLedger ledger) {
    long shift = fromNanos - trace.startNanos();
    List<GcPause> onTrace = new ArrayList<>();
    for (GcPause p : autopsy.gc().pauses()) {
      long at = shift + p.at().toNanos();
      if (at >= 0) {
        onTrace.add(new GcPause(Duration.ofNanos(at), p.pause(), p.name(), p.heapUsedAfter()));
      }
    }
    Duration from = Duration.ofNanos(Math.max(0, shift));
    Duration to = Duration.ofNanos(Math.max(0, shift + autopsy.window().toNanos()));
    return new GcActivity(from, to.compareTo(from) >= 0 ? to : from, onTrace, ledger.rateSeries());
  }
}
