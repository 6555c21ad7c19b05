package dev.spillway.report;

import static java.time.Duration.ofMillis;
import static java.time.Duration.ofSeconds;

import dev.spillway.toolkit.load.LoadProfile;
import dev.spillway.toolkit.record.QueueTrace;
import dev.spillway.toolkit.verdict.Verdict;
import java.util.ArrayList;
import java.util.List;

/**
 * A report as wide as the survival suite's (sixteen designs, seven scenarios, 40 runs) with long
 * run names and a load plan of long-named, short phases: what the layout must fit. Deterministic;
 * no load, no threads, no clock.
 */
final class WideSuite {

  /** The longest run name, one identifier without a space, as JUnit names a parameterised test. */
  static final String LONG_NAME =
      "WorkerLocksSurvivalTest.registryLockSeenOneMillisecondAfterTheCheckIn"
          + "_underTheSpikeFrom300To1200PerSecondFromEightClients_overflowsTheFullestWorker[3]";

  /** The id of the run with the long name and the long-named phases. */
  static final String LONG_ID = "worker-locks-registry-lock-long-name";

  static final List<String> DESIGNS =
      List.of(
          "singleton",
          "partitioned(4)",
          "bounded(100)",
          "bounded(25)",
          "sentinel-watched(500/250)",
          "singleton | partitioned(2) | partitioned(4)",
          "caller-waits(100)",
          "balancer(4)",
          "free-for-all(4)",
          "drop-oldest(100, batch 10)",
          "sync-async(100/50)",
          "demand-driven(10)",
          "worker-locks(4)",
          "drop-oldest(50, batch 10)",
          "worker-locks(4), immediate lock",
          "worker-locks(4), registry lock seen 1 ms after the check-in");

  static final List<String> SCENARIOS =
      List.of(
          "seed spike 150→250/s",
          "seed spike, 90% on one key",
          "hard spike 150→400/s",
          "capacity ×1 ×2 ×4",
          "seed spike, 5% of calls fail",
          "seed spike, 0.5% of calls fail",
          "spike 300→1,200/s, 8 clients");

  private static final Verdict[] VERDICTS = {
    Verdict.OVERFLOWED, Verdict.SURVIVED, Verdict.SHED, Verdict.PUSHED_BACK, Verdict.FAILED
  };

  private WideSuite() {}

  /** The runs: every design under the first and third scenario, and one more cell per design. */
  static List<RunResult> runs() {
    List<RunResult> runs = new ArrayList<>();
    for (int d = 0; d < DESIGNS.size(); d++) {
      for (int s : new int[] {0, 2, 3 + d % 4}) {
        boolean last = d == DESIGNS.size() - 1 && s == SCENARIOS.size() - 1;
        runs.add(
            run(
                last ? LONG_ID : "wide-" + d + "-" + s,
                last ? LONG_NAME : "WideSuiteTest.design" + d + "_scenario" + s,
                DESIGNS.get(d),
                SCENARIOS.get(s),
                VERDICTS[(d + s) % VERDICTS.length],
                10 + 37L * d + 101L * s));
      }
    }
    return runs;
  }

  private static RunResult run(
      String id, String name, String design, String scenario, Verdict verdict, long peak) {
    QueueTrace trace =
        SampleRuns.trace(
            List.of(
                SampleRuns.series(
                    "orders", t -> t < 1000 ? 0 : t < 5000 ? (t - 1000) * peak / 4000 : 0, 1, 7)),
            List.of());
    return RunResult.builder(name)
        .id(id)
        .design(design)
        .scenario(scenario)
        .trace(trace)
        .profile(longNamedPhases())
        .verdict(verdict, "made up for the layout")
        .build();
  }

  /** Phases with names longer than their bands are wide. */
  static LoadProfile longNamedPhases() {
    return LoadProfile.builder()
        .named("warm-up at the base rate of the seed incident")
        .constant(150)
        .perSecond()
        .during(ofSeconds(1))
        .named("the ramp the incident of March began with")
        .ramp(150)
        .to(1200)
        .perSecond()
        .during(ofMillis(700))
        .named("peak")
        .constant(1200)
        .perSecond()
        .during(ofMillis(300))
        .named("the long hold at the top of the spike, eight clients")
        .constant(400)
        .perSecond()
        .during(ofSeconds(3))
        .named("recovery at the base rate")
        .constant(150)
        .perSecond()
        .during(ofSeconds(1))
        .build();
  }
}
