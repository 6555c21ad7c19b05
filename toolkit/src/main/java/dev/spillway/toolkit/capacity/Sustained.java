package dev.spillway.toolkit.capacity;

import dev.spillway.toolkit.load.Ending;
import dev.spillway.toolkit.load.LoadReport;
import dev.spillway.toolkit.record.DepthSeries;
import dev.spillway.toolkit.record.Growth;
import dev.spillway.toolkit.util.Durations;
import dev.spillway.toolkit.verdict.Assessment;
import dev.spillway.toolkit.verdict.LateGrowth;
import dev.spillway.toolkit.verdict.Verdict;
import dev.spillway.toolkit.verdict.VerdictRules;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Whether a trial sustained its rate, by Spillway's verdict rules: the verdict is SURVIVED (so
 * nothing was lost, shed or pushed back and failures stayed below their share), the depth did not
 * grow over the late window by the verdict's own test, {@link LateGrowth} — slope &gt; k · SE, at
 * least the rules' minimum growth, a rise of at least their minimum rise (a rise of a message or
 * two is a clump of arrivals, not growth) and of at least {@value
 * VerdictRules#MIN_RISE_IN_SCATTERS} times the depth's scatter about its trend — but without the
 * verdict's second test on the final stretch (a backlog that formed and then held is not a
 * sustained rate), the latency bound held when one is set, the load ran as planned and was
 * delivered (λ over the judged window at least {@value #DELIVERED_SHARE} of the offered rate: a
 * driver that fell behind, on a busy machine, offered less, which proves nothing about the offered
 * rate), and no stop rule called a breach. A trial a rule stopped as sustained is judged by the
 * same rules over the part of its judged window it ran.
 *
 * <p><b>The scatter rule applies to a trial</b>, as to the verdict. Without it the knee would only
 * err low, but it would err low for the wrong reason: a trial is one short run at one rate on a
 * shared machine, and a machine that freezes the target by turns makes a kept-up queue swing
 * between two levels, whose slope over a window that holds no whole number of swings passes the OLS
 * test — one such trial refuses a rate the component sustains and moves the knee down a whole
 * interval, set by the machine rather than the component. A real excess of arrivals is not excused
 * by it: its rise grows in proportion to the window, the scatter of random arrivals about its trend
 * only with the window's square root, and under the default stop rule a backlog of a second of
 * arrivals stops the trial as a breach whatever its slope ({@link TrialStop#clearBreach()}). One
 * rule also keeps the trial's figures and the verdict's words ("within the depth's own swings")
 * telling the same story.
 */
final class Sustained {

  /** The least share of the offered rate the judged window must have received. */
  static final double DELIVERED_SHARE = 0.9;

  private Sustained() {}

  /** The trial record for what was measured. */
  static CapacityTrial judge(
      TrialPlan plan,
      Assessment assessment,
      DepthSeries series,
      LoadReport load,
      Optional<TrialCall> call,
      Optional<Duration> latencyBound,
      double arrivalRate,
      double serviceRate,
      Duration duration) {
    Growth growth = assessment.growth();
    VerdictRules rules = assessment.rules();
    boolean determined = growth.isDetermined() && !Double.isNaN(growth.slopePerSecond());
    double slope = determined ? growth.slopePerSecond() : 0;
    double error =
        determined && growth.hasStandardError() && !Double.isNaN(growth.standardError())
            ? growth.standardError()
            : 0;
    LateGrowth late = LateGrowth.judge(series, growth, rules);
    boolean grows = determined && late.grows();
    Duration p99 = load.latency().p99();
    boolean hasLatency = load.latency().count() > 0;
    List<String> why = new ArrayList<>();
    Optional<String> breach = call.filter(c -> !c.sustained()).map(TrialCall::reason);
    breach.ifPresent(b -> why.add("stopped: " + b));
    if (assessment.verdict() != Verdict.SURVIVED) {
      why.add("verdict " + assessment.verdict());
    }
    if (!determined) {
      why.add("growth undetermined");
    } else if (grows) {
      why.add(
          String.format(
              Locale.ROOT,
              "growth %+.1f/s > %.0f × SE %.2f/s, a rise of %.0f over the late window",
              slope,
              rules.significance(),
              error,
              late.rise()));
    }
    if (latencyBound.isPresent() && hasLatency && p99.compareTo(latencyBound.get()) > 0) {
      why.add("p99 " + Durations.format(p99) + " > bound " + Durations.format(latencyBound.get()));
    }
    if (breach.isEmpty() && arrivalRate < DELIVERED_SHARE * plan.offeredRate()) {
      why.add(
          String.format(
              Locale.ROOT,
              "not delivered: λ %.1f/s below %.0f%% of the offered %.1f/s (the driver fell behind)",
              arrivalRate,
              DELIVERED_SHARE * 100,
              plan.offeredRate()));
    }
    if (load.ending() != Ending.COMPLETED && call.isEmpty()) {
      why.add("load " + load.ending() + " (" + load.endingDetail() + ")");
    }
    boolean sustained = why.isEmpty();
    String figures =
        String.format(
            Locale.ROOT,
            "λ %.1f/s, μ %.1f/s, growth %+.1f/s ± %.2f/s, p99 %s",
            arrivalRate,
            serviceRate,
            slope,
            error,
            hasLatency ? Durations.format(p99) : "n/a");
    String early =
        call.filter(TrialCall::sustained)
            .map(c -> "stopped early: " + c.reason() + "; ")
            .orElse("");
    String reason =
        (sustained ? "sustained: " : "not sustained: " + String.join("; ", why) + "; ")
            + early
            + figures;
    return new CapacityTrial(
        plan.offeredRate(),
        arrivalRate,
        serviceRate,
        slope,
        error,
        hasLatency ? Optional.of(p99) : Optional.empty(),
        assessment.verdict(),
        sustained,
        duration,
        reason);
  }
}
