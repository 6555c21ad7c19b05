package dev.spillway.report;

import static java.time.Duration.ofMillis;
import static java.time.Duration.ofSeconds;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.spillway.toolkit.ledger.LedgerSnapshot;
import dev.spillway.toolkit.ledger.RateBucket;
import dev.spillway.toolkit.load.Percentiles;
import dev.spillway.toolkit.load.PhaseKind;
import dev.spillway.toolkit.record.QueueTrace;
import dev.spillway.toolkit.record.TraceEvent;
import dev.spillway.toolkit.verdict.Assessment;
import dev.spillway.toolkit.verdict.Evidence;
import dev.spillway.toolkit.verdict.Verdict;
import dev.spillway.toolkit.verdict.VerdictRules;
import dev.spillway.toolkit.verdict.Verdicts;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import org.junit.jupiter.api.Test;

class RunResultBuilderTest {

  private static QueueTrace flatTrace(String... probes) {
    List<dev.spillway.toolkit.record.DepthSeries> series = new ArrayList<>();
    for (String p : probes) {
      series.add(SampleRuns.series(p, t -> 5, 0, 1));
    }
    return SampleRuns.trace(series, List.of());
  }

  @Test
  void build_takesTheVerdictAndItsFiguresFromTheAssessment() {
    RunResult run = SampleRuns.singleton();

    assertThat(run.verdict()).contains(Verdict.OVERFLOWED);
    assertThat(run.explanation()).startsWith("depth grew 50");
    assertThat(run.judgedProbe()).contains("orders");
    assertThat(run.growth().get().slopePerSecond()).isBetween(49.0, 51.0);
    assertThat(run.rates().get().arrivalPerSecond()).isEqualTo(249);
    assertThat(run.ledger().get().queued()).isEqualTo(142);
    assertThat(run.drainTime()).isEmpty();
    assertThat(run.timeToLimit()).isPresent();
    assertThat(run.latency().get().p99()).isEqualTo(Duration.ofNanos(250_000));
    assertThat(run.injectors())
        .singleElement()
        .satisfies(
            i ->
                assertThat(i.params())
                    .containsKeys("plan", "stalls", "rateCap", "faultProbability", "seed"));
    assertThat(run.details())
        .containsEntry("test", "dev.spillway.samples.SurvivalSuiteTest#singleton");
  }

  @Test
  void build_placesThePhases_fromTheFirstPhaseEvent() {
    QueueTrace trace = SampleRuns.trace(List.of(SampleRuns.series("q", t -> 1, 0, 1)), List.of());
    QueueTrace shifted =
        new QueueTrace(
            trace.recorder(),
            trace.startTime(),
            trace.startNanos() - 250_000_000L,
            trace.duration(),
            trace.interval(),
            trace.series(),
            trace.events(),
            0,
            0);

    RunResult run =
        RunResult.builder("shifted")
            .trace(shifted)
            .profile(SampleRuns.spike())
            .loadReport(SampleRuns.loadReport(0))
            .build();

    LoadPlan plan = run.plan().orElseThrow();
    assertThat(plan.loadStart()).isEqualTo(ofMillis(250));
    assertThat(plan.phases())
        .extracting(PhaseSpan::start)
        .containsExactly(ofMillis(250), ofMillis(1250), ofMillis(5250));
    assertThat(plan.phases().get(1).startRatePerSecond()).isEqualTo(250);
    assertThat(plan.phases().get(1).sentMessages()).hasValue(1000);
    assertThat(plan.intendedRateAt(ofSeconds(3))).isEqualTo(250);
    assertThat(plan.intendedRateAt(ofSeconds(9))).isZero();
  }

  @Test
  void build_placesThePhasesOfAReport_whenNoProfileIsGiven() {
    RunResult run =
        RunResult.builder("report only")
            .trace(flatTrace("q"))
            .loadReport(SampleRuns.loadReport(0))
            .loadStartedAt(ofMillis(100))
            .build();

    assertThat(run.plan().orElseThrow().phases())
        .extracting(PhaseSpan::start)
        .containsExactly(ofMillis(100), ofMillis(1100), ofMillis(5100));
    assertThat(run.plan().get().phases())
        .extracting(PhaseSpan::kind)
        .containsOnly(PhaseKind.CONSTANT);
  }

  @Test
  void build_keepsTheBoundChecksItIsGiven_asJudgedByWhoeverHeldTheRunToThem() {
    RunResult run =
        RunResult.builder("bounds")
            .trace(flatTrace("a", "b"))
            .bound(BoundCheck.queue("a", 5, 5))
            .bound(BoundCheck.queue("b", 4, 7))
            .bound(BoundCheck.drain("a", ofSeconds(1), Optional.empty()))
            .bound(BoundCheck.latency("p99.9", ofMillis(1), ofMillis(1)))
            .build();

    assertThat(run.bounds())
        .extracting(BoundCheck::kind, BoundCheck::subject, BoundCheck::limit, BoundCheck::held)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(BoundKind.QUEUE, "a", 5.0, true),
            org.assertj.core.groups.Tuple.tuple(BoundKind.QUEUE, "b", 4.0, false),
            org.assertj.core.groups.Tuple.tuple(BoundKind.DRAIN, "a", 1000.0, false),
            org.assertj.core.groups.Tuple.tuple(BoundKind.LATENCY, "p99.9", 1.0, true));
    assertThat(run.bounds().get(2).observed()).isEqualTo(OptionalDouble.empty());
    assertThat(run.boundsHeld()).isFalse();
  }

  @Test
  void build_judgesNoBoundItself() {
    // an assessment under a bound its queue broke, and an exact mark above it: the builder adds
    // no bound check of its own (the verdict says OVERFLOWED; the bound is whoever set it's to
    // show)
    QueueTrace trace = flatTrace("orders");
    Assessment overBound =
        Verdicts.assess(
            Evidence.of(trace, "orders", LedgerSnapshot.of(10, 5, 0, 0, 0, 5)),
            VerdictRules.defaults().withBound(4));
    RunResult run =
        RunResult.builder("unjudged")
            .trace(trace)
            .exactHighWaterMark("orders", 7)
            .assessment(overBound)
            .build();

    assertThat(overBound.verdict()).isEqualTo(Verdict.OVERFLOWED);

    assertThat(run.bounds()).isEmpty();
  }

  @Test
  void build_findsBreachesInTheTraceEvents() {
    QueueTrace trace =
        SampleRuns.trace(
            List.of(SampleRuns.series("orders", t -> 1, 0, 1)),
            List.of(
                new TraceEvent(
                    SampleRuns.START_NANOS + 2_000_000_000L,
                    TraceEvent.Kind.BREACH,
                    "watch",
                    "queue 'orders' reached depth 60 >= enable threshold 60"),
                new TraceEvent(
                    SampleRuns.START_NANOS + 3_000_000_000L,
                    TraceEvent.Kind.BREACH,
                    "watch",
                    "something else")));

    RunResult run = RunResult.builder("breaches").trace(trace).build();

    assertThat(run.breaches())
        .extracting(BreachMark::at, BreachMark::queue, BreachMark::depth)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(ofSeconds(2), "orders", 60L),
            org.assertj.core.groups.Tuple.tuple(ofSeconds(3), "watch", 0L));
    assertThat(run.events())
        .extracting(TimelineEvent::kind)
        .doesNotContain(TraceEvent.Kind.BREACH)
        .contains(TraceEvent.Kind.PHASE);
  }

  @Test
  void build_prefersTheSentinelsBreaches() {
    RunResult run = SampleRuns.sentinel();

    assertThat(run.breaches())
        .singleElement()
        .satisfies(
            b -> {
              assertThat(b.at()).isEqualTo(ofMillis(2200));
              assertThat(b.depth()).isEqualTo(60);
              assertThat(b.detail())
                  .contains("excursion #1")
                  .contains("shed: shedding until depth <= 30");
            });
  }

  @Test
  void build_placesRateBucketsOnTheTracesClock_andMergesTooMany() {
    List<RateBucket> buckets = new ArrayList<>();
    buckets.add(
        new RateBucket(SampleRuns.START_NANOS - 500_000_000L, ofMillis(100), 9, 9)); // before
    for (int i = 0; i < 5000; i++) {
      buckets.add(new RateBucket(SampleRuns.START_NANOS + i * 1_000_000L, ofMillis(1), 1, 2));
    }

    RunResult run = RunResult.builder("rates").trace(flatTrace("q")).rateBuckets(buckets).build();

    assertThat(run.ratePoints()).hasSizeLessThanOrEqualTo(RunResultBuilder.MAX_RATE_POINTS);
    assertThat(run.ratePoints().get(0).start()).isEqualTo(Duration.ZERO);
    assertThat(run.ratePoints().stream().mapToLong(RatePoint::sent).sum()).isEqualTo(5000);
    assertThat(run.ratePoints().get(0).offeredPerSecond()).isEqualTo(1000);
    assertThat(run.ratePoints().get(0).servedPerSecond()).isEqualTo(2000);
  }

  @Test
  void build_withoutATrace_needsAStartAndADuration() {
    assertThatThrownBy(() -> RunResult.builder("no trace").build())
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("run 'no trace' needs a start time and a duration");
  }

  @Test
  void build_withoutATrace_fromFiguresMeasuredElsewhere() {
    RunResult run =
        RunResult.builder("Gatling: singleton spike")
            .source("gatling")
            .startedAt(SampleRuns.START)
            .duration(12, java.util.concurrent.TimeUnit.SECONDS)
            .verdict(Verdict.SHED, "the gate held")
            .ledger(LedgerSnapshot.of(100, 90, 10, 0, 0, 0))
            .latency(SampleRuns.loadReport(0).latency())
            .build();

    assertThat(run.id()).isEqualTo("gatling-singleton-spike");
    assertThat(run.figures().shedRatio()).hasValue(0.1);
    assertThat(run.figures().highWaterMark()).isEmpty();
    assertThat(run.probes()).isEmpty();
  }

  @Test
  void build_rejectsAnExactHighWaterMarkOfAnUnknownProbe() {
    assertThatThrownBy(
            () -> RunResult.builder("x").trace(flatTrace("q")).exactHighWaterMark("r", 1).build())
        .isInstanceOf(IllegalStateException.class)
        .hasMessage(
            "exact high-water mark probe must be one of the trace's probes [q], but was 'r'");
  }

  @Test
  void build_rejectsAQueueBoundOfAnUnknownProbe() {
    assertThatThrownBy(
            () ->
                RunResult.builder("x")
                    .trace(flatTrace("q"))
                    .bound(BoundCheck.queue("r", 1, 0))
                    .build())
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("queue bound probe must be one of the trace's probes [q], but was 'r'");
  }

  @Test
  void build_rejectsRateBucketsWithoutATrace() {
    RunResultBuilder builder =
        RunResult.builder("x")
            .startedAt(SampleRuns.START)
            .duration(ofSeconds(1))
            .rateBuckets(List.of(new RateBucket(0, ofMillis(100), 1, 1)));

    assertThatThrownBy(builder::build)
        .isInstanceOf(IllegalStateException.class)
        .hasMessageStartingWith("rate buckets need a trace");
  }

  @Test
  void notJudged_dropsTheVerdict_andItsWhyIsTheExplanation_inTheJsonAndOnThePage() {
    QueueTrace trace = flatTrace("orders");
    LedgerSnapshot books = LedgerSnapshot.of(10, 10, 0, 0, 0, 0);
    Assessment judged = Verdicts.assess(Evidence.of(trace, "orders", books));
    String why =
        "probe 'orders' threw IllegalStateException: gone at +1s (3 of 9 samples unreadable)";

    RunResult run =
        RunResult.builder("blind")
            .trace(trace)
            .assessment(judged)
            .ledger(books)
            .notJudged(why)
            .build();

    assertThat(judged.verdict()).isEqualTo(Verdict.SURVIVED); // what it would have claimed
    assertThat(run.verdict()).isEmpty();
    assertThat(run.explanation()).isEqualTo(why);
    assertThat(run.judgedProbe()).isEmpty();
    assertThat(run.growth()).isEmpty();
    assertThat(run.ledger()).contains(books);
    RunResult read = RunResultJson.read(RunResultJson.write(run));
    assertThat(read.verdict()).isEmpty();
    assertThat(read.explanation()).isEqualTo(why);
    assertThat(RunPage.render(run))
        .contains("NOT JUDGED", "probe &#39;orders&#39; threw IllegalStateException");
    assertThat(ReportWriter.consoleLine(run, Path.of("blind.html"))).contains("NOT JUDGED");
  }

  @Test
  void anAssessmentAfterNotJudged_judgesTheRunAgain() {
    QueueTrace trace = flatTrace("orders");
    Assessment judged =
        Verdicts.assess(Evidence.of(trace, "orders", LedgerSnapshot.of(10, 10, 0, 0, 0, 0)));

    RunResult run =
        RunResult.builder("seen").trace(trace).notJudged("blind").assessment(judged).build();

    assertThat(run.verdict()).contains(Verdict.SURVIVED);
    assertThat(run.explanation()).isEqualTo(judged.explanation());
    assertThatThrownBy(() -> RunResult.builder("x").notJudged(" "))
        .hasMessage("reason for not judging must not be blank, but was ' '");
  }

  @Test
  void aLatencyBoundAtAnyPercentile_keepsItsLabel_andRoundTrips() {
    Percentiles latency = RunResultJsonTest.microsUpTo(1000);
    Duration p95 = latency.at(95);

    RunResult run =
        RunResult.builder("p95")
            .startedAt(SampleRuns.START)
            .duration(ofSeconds(1))
            .latency(latency)
            .bound(BoundCheck.latency(Percentiles.label(95), p95.minusNanos(1000), p95))
            .build();

    assertThat(run.bounds())
        .singleElement()
        .satisfies(
            b -> {
              assertThat(b.subject()).isEqualTo("p95");
              assertThat(b.observed()).hasValue(p95.toNanos() / 1e6);
              assertThat(b.held()).isFalse();
            });
    assertThat(RunResultJson.read(RunResultJson.write(run)).bounds()).isEqualTo(run.bounds());
  }

  @Test
  void setters_rejectBadArgumentsAtOnce() {
    RunResultBuilder b = RunResult.builder("x");
    assertThatThrownBy(() -> RunResult.builder(" "))
        .hasMessage("run name must not be blank, but was ' '");
    assertThatThrownBy(() -> b.maxPointsPerProbe(3))
        .hasMessage("max points per probe must be >= 16, but was 3");
    assertThatThrownBy(() -> b.bound(null)).hasMessage("bound check must not be null");
    assertThatThrownBy(() -> b.design("")).hasMessage("design must not be blank, but was ''");
    assertThatThrownBy(() -> b.id("--"))
        .hasMessage("run name must be made with a letter or digit, but was '--'");
    assertThatThrownBy(() -> b.injector("", Map.of()))
        .hasMessage("injector name must not be blank, but was ''");
    assertThatThrownBy(() -> b.detail("k", null)).hasMessage("detail 'k' must not be null");
  }

  @Test
  void runResult_rejectsAnIdThatIsNotFileSafe() {
    assertThatThrownBy(
            () ->
                RunResult.builder("x")
                    .id("../etc/passwd")
                    .startedAt(SampleRuns.START)
                    .duration(ofSeconds(1))
                    .build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "run id must be file-safe ([A-Za-z0-9][A-Za-z0-9._-]*, at most 128 characters), but was '../etc/passwd'");
  }

  @Test
  void idFor_makesAFileSafeSlug() {
    assertThat(RunResult.idFor("Singleton under 250/s spike"))
        .isEqualTo("singleton-under-250-s-spike");
    assertThat(RunResult.idFor("<script>alert('x')</script>")).isEqualTo("script-alert-x-script");
    assertThat(RunResult.idFor("a".repeat(300))).hasSize(128);
  }

  @Test
  void maxPointsPerProbe_limitsThePoints() {
    RunResult run = RunResult.builder("small").trace(flatTrace("q")).maxPointsPerProbe(16).build();

    assertThat(run.probe("q").size()).isLessThanOrEqualTo(16);
    assertThat(run.probe("q").samples()).isEqualTo(7001);
  }
}
