package dev.spillway.toolkit.capacity;

import dev.spillway.toolkit.load.Ending;
import dev.spillway.toolkit.load.LoadReport;
import dev.spillway.toolkit.record.Growth;
import dev.spillway.toolkit.util.Durations;
import dev.spillway.toolkit.verdict.Assessment;
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
 * grow over the late window by the verdict's own test — slope &gt; k · SE, at least the rules'
 * minimum growth, and a rise of at least their minimum rise (the OLS error underestimates the
 * uncertainty of autocorrelated depths: a rise of a message or two is a clump of arrivals, not
 * growth) — but without the verdict's second test on the final stretch (a backlog that formed and
 * then held is not a sustained rate), the latency bound held when one is set, the load ran as
 * planned and was delivered (λ over the judged window at least {@value #DELIVERED_SHARE} of the
 * offered rate: a driver that fell behind, on a busy machine, offered less, which proves nothing
 * about the offered rate), and no stop rule called a breach. A trial a rule stopped as sustained is
 * judged by the same rules over the part of its judged window it ran.
 */
final class Sustained {

  /** The least share of the offered rate the judged window must have received. */
  static final double DELIVERED_SHARE = 0.9;

  private Sustained() {}

  /** The trial record for what was measured. */
  static CapacityTrial judge(
      TrialPlan plan,
      Assessment assessment,
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
    double rise = slope * growth.window().toNanos() / 1e9;
    boolean grows =
        determined
            && growth.isSignificant(rules.significance())
            && slope >= rules.minGrowthPerSecond()
            && rise >= rules.minRise();
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
              rise));
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
