package dev.spillway.junit.realtargets;

import static org.assertj.core.api.Assertions.assertThat;

import dev.spillway.junit.Fixtures;
import dev.spillway.junit.OverloadResult;
import dev.spillway.report.ReportWriter;
import dev.spillway.toolkit.load.Ending;
import dev.spillway.toolkit.verdict.EarlyStop;
import dev.spillway.toolkit.verdict.Verdict;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Stability evidence: runs every real-target case {@value #RUNS_PROPERTY} times (default 20) in a
 * row (round after round, each case once per round), checks each run exactly as its test does, and
 * prints the verdict counts per case; fails unless every run of every case gave its verdict and
 * passed its checks. Runs only when asked — its name is not a test class name, so a build does not
 * run it:
 *
 * <pre>
 * ./mvnw -B -pl junit-extension -am verify -Dtest=RealTargetsStability \
 *     -Dsurefire.failIfNoSpecifiedTests=false -Dspillway.stability.runs=20
 * </pre>
 *
 * <p>{@code -Dspillway.stability.cases=abort,actor} keeps the cases whose name contains one of
 * those words. The table is also written to {@code target/realtargets-stability.txt}. One round
 * takes a little over two minutes (the 45 s spike and its 10 s settle most of it).
 *
 * <p>{@code -Dspillway.stability.earlyStop=on} runs every case with an early stop at 99 % ({@code
 * harness.stopWhenCertain}), {@code paired} runs each case twice a round, its whole plan and
 * stopped early: the same checks against the same truth, each run's flood time beside its plan.
 */
@Tag("realtargets-stability")
class RealTargetsStability {

  static final String RUNS_PROPERTY = "spillway.stability.runs";

  /**
   * One case: its fixture method, the verdict it must reach, its test's checks, and the checks of a
   * run stopped early — the same, except where a check is about the whole plan's length rather than
   * the verdict (a backlog of 6 s of growth that outlives the settle limit).
   */
  record Case(
      String name,
      Class<?> fixture,
      String method,
      Verdict expected,
      Consumer<RealRun> check,
      Consumer<RealRun> earlyCheck) {

    /** A case whose run stopped early is checked as its whole plan is. */
    Case(String name, Class<?> fixture, String method, Verdict expected, Consumer<RealRun> check) {
      this(name, fixture, method, expected, check, check);
    }
  }

  static final List<Case> CASES =
      List.of(
          new Case(
              "a unbounded, backlog outlives a 500 ms settle (6 s peak)",
              UnboundedExecutorTests.Backlogs.class,
              "heldPastTheSettleLimit",
              Verdict.OVERFLOWED,
              UnboundedExecutorTests::backlogOutlivesTheSettleLimit,
              // stopped at about 2 s, its backlog is a second's growth, which may settle in time
              UnboundedExecutorTests::backlogDrainsWithinTheSettleLimit),
          new Case(
              "a unbounded, the issue's 8 s peak",
              UnboundedExecutorTests.Backlogs.class,
              "held8s",
              Verdict.OVERFLOWED,
              UnboundedExecutorTests::backlogDrainsWithinTheSettleLimit),
          new Case(
              "b ABQ(100) + abort",
              ExecutorPolicyTests.Policies.class,
              "abort",
              Verdict.SHED,
              ExecutorPolicyTests::abortPolicy),
          new Case(
              "c ABQ(100) + caller-runs",
              ExecutorPolicyTests.Policies.class,
              "callerRuns",
              Verdict.PUSHED_BACK,
              ExecutorPolicyTests::callerRuns),
          new Case(
              "d ABQ(100) + discard",
              ExecutorPolicyTests.Policies.class,
              "discard",
              Verdict.SHED,
              ExecutorPolicyTests::discard),
          new Case(
              "e ABQ(100) + discard-oldest",
              ExecutorPolicyTests.Policies.class,
              "discardOldest",
              Verdict.SHED,
              ExecutorPolicyTests::discardOldest),
          new Case(
              "f ABQ(100) + blocking put",
              ExecutorPolicyTests.Policies.class,
              "blockingPut",
              Verdict.PUSHED_BACK,
              ExecutorPolicyTests::blockingPut),
          new Case(
              "f ABQ(100) + blocking put, a probe of unknown bound",
              ExecutorPolicyTests.Policies.class,
              "blockingPutBoundHidden",
              Verdict.PUSHED_BACK,
              ExecutorPolicyTests::blockingPut),
          new Case(
              "f' ABQ(100) + a handler that discards silently",
              ExecutorPolicyTests.Policies.class,
              "silentDiscard",
              Verdict.LOST,
              ExecutorPolicyTests::silentDiscard),
          new Case(
              "g every send throws",
              FailingTargetTests.Failing.class,
              "sendThrows",
              Verdict.FAILED,
              FailingTargetTests::sendThrows),
          new Case(
              "g every task throws",
              FailingTargetTests.Failing.class,
              "taskThrows",
              Verdict.FAILED,
              FailingTargetTests::taskThrows),
          new Case(
              "h 5 % fail, default 1 % threshold",
              FailingTargetTests.Failing.class,
              "fivePercent",
              Verdict.FAILED,
              FailingTargetTests::fivePercentFailed),
          new Case(
              "h 5 % fail, failedShare = 0.10",
              FailingTargetTests.Failing.class,
              "fivePercentAllowed",
              Verdict.SURVIVED,
              FailingTargetTests::fivePercentSurvived),
          new Case(
              "i actor, harness books",
              ActorMailboxTests.Actors.class,
              "harnessBooks",
              Verdict.OVERFLOWED,
              ActorMailboxTests::overflowed),
          new Case(
              "i actor, own ledger, at most 1 in flight",
              ActorMailboxTests.Actors.class,
              "ownLedger",
              Verdict.OVERFLOWED,
              ActorMailboxTests::overflowed),
          new Case(
              "j reactor unicast sink, unbounded buffer",
              ReactorPipelineTests.Pipelines.class,
              "unboundedSink",
              Verdict.OVERFLOWED,
              ReactorPipelineTests::unbounded),
          new Case(
              "j reactor unicast sink, buffer of 100",
              ReactorPipelineTests.Pipelines.class,
              "boundedSink",
              Verdict.SHED,
              ReactorPipelineTests::bounded),
          new Case(
              "j reactor multicast sink, buffer of 100 (128)",
              ReactorPipelineTests.Pipelines.class,
              "multicastSink",
              Verdict.SHED,
              ReactorPipelineTests::multicast),
          new Case(
              "j reactor onBackpressureBuffer(100, DROP_OLDEST)",
              ReactorPipelineTests.Pipelines.class,
              "dropOldest",
              Verdict.SHED,
              run -> ReactorPipelineTests.dropping(run, "the oldest waiting element dropped")),
          new Case(
              "j reactor onBackpressureBuffer(100, DROP_LATEST)",
              ReactorPipelineTests.Pipelines.class,
              "dropLatest",
              Verdict.SHED,
              run -> ReactorPipelineTests.dropping(run, "the newest element dropped")),
          new Case(
              "j reactor onBackpressureBuffer(100, ERROR): dead",
              ReactorPipelineTests.Pipelines.class,
              "errorStrategy",
              Verdict.DIED,
              ReactorPipelineTests::error),
          new Case(
              "j logback AsyncAppender(256) defaults, WARN",
              AsyncAppenderTests.Appenders.class,
              "logbackDefaults",
              Verdict.OVERFLOWED,
              AsyncAppenderTests::logbackDefaults),
          new Case(
              "j logback AsyncAppender(64), WARN, blocking put",
              AsyncAppenderTests.Appenders.class,
              "logbackBlocking",
              Verdict.PUSHED_BACK,
              AsyncAppenderTests::pushedBack),
          new Case(
              "j logback AsyncAppender(64), INFO, discarding threshold",
              AsyncAppenderTests.Appenders.class,
              "logbackInfo",
              Verdict.SHED,
              run -> AsyncAppenderTests.shed(run, "discarding threshold")),
          new Case(
              "j logback AsyncAppender(64), WARN, neverBlock",
              AsyncAppenderTests.Appenders.class,
              "logbackNeverBlock",
              Verdict.SHED,
              run -> AsyncAppenderTests.shed(run, "neverBlock")),
          new Case(
              "j log4j AsyncAppender(1024) defaults",
              AsyncAppenderTests.Appenders.class,
              "log4jDefaults",
              Verdict.OVERFLOWED,
              AsyncAppenderTests::overflowed),
          new Case(
              "j log4j AsyncAppender(100), blocking",
              AsyncAppenderTests.Appenders.class,
              "log4jBlocking",
              Verdict.PUSHED_BACK,
              AsyncAppenderTests::pushedBack),
          new Case(
              "j log4j AsyncAppender(100), blocking=false",
              AsyncAppenderTests.Appenders.class,
              "log4jNonBlocking",
              Verdict.SHED,
              run -> AsyncAppenderTests.shed(run, "blocking=false")));

  /** The case named {@code name}. */
  static Case named(String name) {
    return CASES.stream()
        .filter(c -> c.name().equals(name))
        .findFirst()
        .orElseThrow(
            () -> new IllegalArgumentException("no real-target case named '" + name + "'"));
  }

  /**
   * How a case is run: its whole plan, or stopped once its verdict is certain ({@code
   * harness.stopWhenCertain(EARLY_STOP)}).
   */
  enum Arm {
    WHOLE,
    EARLY;

    RealRun run(Case c) {
      return this == EARLY
          ? RealRun.stoppedWhenCertain(c.fixture(), c.method(), EARLY_STOP)
          : RealRun.of(c.fixture(), c.method());
    }

    /** Checks a run of {@code c} in this arm. */
    void check(Case c, RealRun run) {
      (this == EARLY ? c.earlyCheck() : c.check()).accept(run);
    }
  }

  /** The early stop of the {@link Arm#EARLY} arm: 99 %, the other settings their defaults. */
  static final EarlyStop EARLY_STOP = EarlyStop.at(0.99);

  /** The arms {@value #ARMS_PROPERTY} selects: off (default), on, or paired (both, each round). */
  static final String ARMS_PROPERTY = "spillway.stability.earlyStop";

  static List<Arm> arms(String value) {
    return switch (value) {
      case "off" -> List.of(Arm.WHOLE);
      case "on" -> List.of(Arm.EARLY);
      case "paired" -> List.of(Arm.WHOLE, Arm.EARLY);
      default ->
          throw new IllegalArgumentException(
              ARMS_PROPERTY + " must be off, on or paired, but was '" + value + "'");
    };
  }

  /** What the runs of one case in one arm gave. */
  private static final class Tally {
    final Map<String, Integer> verdicts = new TreeMap<>();
    int passed;
    int runs;
    int stoppedEarly;
    double floodSeconds;
    double plannedSeconds;
    final List<String> failures = new ArrayList<>();
  }

  /** Keeps the report (JSON and page) of a failed run under target/stability-failures. */
  private static void keepReport(Case c, Arm arm, int round) {
    String id = c.fixture().getSimpleName() + "." + c.method();
    Path runs = Path.of(Fixtures.REPORT_DIR, ReportWriter.RUNS);
    Path kept = Path.of("target", "stability-failures");
    try {
      Files.createDirectories(kept);
      for (String ext : List.of(".json", ".html")) {
        Path from = runs.resolve(id + ext);
        if (Files.exists(from)) {
          Files.copy(
              from,
              kept.resolve("round-" + round + "-" + arm + "-" + id + ext),
              StandardCopyOption.REPLACE_EXISTING);
        }
      }
    } catch (IOException e) {
      System.err.println("[stability] could not keep the report of " + id + ": " + e);
    }
  }

  @Test
  void everyRealTargetCase_givesItsVerdict_inEveryRun() throws IOException {
    int rounds = Integer.parseInt(System.getProperty(RUNS_PROPERTY, "20"));
    if (rounds < 1) {
      throw new IllegalArgumentException(RUNS_PROPERTY + " must be at least 1, but was " + rounds);
    }
    List<Arm> arms = arms(System.getProperty(ARMS_PROPERTY, "off"));
    List<String> wanted =
        List.of(System.getProperty("spillway.stability.cases", "").split(",")).stream()
            .map(String::strip)
            .filter(w -> !w.isEmpty())
            .toList();
    List<Case> cases =
        CASES.stream()
            .filter(c -> wanted.isEmpty() || wanted.stream().anyMatch(c.name()::contains))
            .toList();
    assertThat(cases).as("cases selected by %s", wanted).isNotEmpty();
    Map<String, Tally> tallies = new LinkedHashMap<>();
    for (int round = 1; round <= rounds; round++) {
      for (Case c : cases) {
        for (Arm arm : arms) {
          Tally tally = tallies.computeIfAbsent(c.name() + "\t" + arm, k -> new Tally());
          RealRun run = arm.run(c);
          String verdict =
              run.result().map(OverloadResult::verdict).map(Verdict::name).orElse("NONE");
          tally.runs++;
          tally.verdicts.merge(verdict, 1, Integer::sum);
          String flood = run.result().map(r -> tally(tally, r)).orElse("");
          String checked = "ok";
          try {
            arm.check(c, run);
            tally.passed++;
          } catch (AssertionError e) {
            tally.failures.add("run " + round + ": " + e.getMessage());
            checked = "CHECK FAILED";
            keepReport(c, arm, round);
          }
          System.out.printf(
              Locale.ROOT,
              "[stability] round %d/%d %-58s %-5s %-11s %-12s %s%n",
              round,
              rounds,
              c.name(),
              arm,
              verdict,
              checked,
              flood);
        }
      }
    }
    StringBuilder table = new StringBuilder();
    table.append(
        String.format(
            Locale.ROOT,
            "%-58s %-5s %-11s %-9s %-22s %s%n",
            "case",
            "arm",
            "expected",
            "passed",
            "flood s (stopped)",
            "verdicts"));
    for (Case c : cases) {
      for (Arm arm : arms) {
        Tally t = tallies.get(c.name() + "\t" + arm);
        table.append(
            String.format(
                Locale.ROOT,
                "%-58s %-5s %-11s %3d/%-5d %-22s %s%n",
                c.name(),
                arm,
                c.expected(),
                t.passed,
                t.runs,
                String.format(
                    Locale.ROOT,
                    "%.1f of %.1f (%d)",
                    t.floodSeconds,
                    t.plannedSeconds,
                    t.stoppedEarly),
                t.verdicts));
      }
    }
    tallies.forEach(
        (key, t) ->
            t.failures.forEach(
                f -> table.append(key.replace('\t', ' ')).append(": ").append(f).append('\n')));
    System.out.println(table);
    Files.writeString(Path.of("target", "realtargets-stability.txt"), table);
    assertThat(tallies.values()).allSatisfy(t -> assertThat(t.passed).isEqualTo(t.runs));
  }

  /** Adds the run's flood time to the tally; returns it as "2.6 s of 5 s (stopped early)". */
  private static String tally(Tally tally, OverloadResult result) {
    double flood = result.loadEnd().minus(result.loadStart()).toNanos() / 1e9;
    double planned = result.load().plannedDuration().toNanos() / 1e9;
    boolean early = result.load().ending() == Ending.STOPPED; // by the early stop's call
    tally.floodSeconds += flood;
    tally.plannedSeconds += planned;
    tally.stoppedEarly += early ? 1 : 0;
    return String.format(
        Locale.ROOT, "%.1f s of %.1f s%s", flood, planned, early ? " (stopped early)" : "");
  }
}
