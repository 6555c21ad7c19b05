package dev.spillway.report;

import static java.time.Duration.ofMillis;
import static java.time.Duration.ofSeconds;

import dev.spillway.toolkit.inject.Delay;
import dev.spillway.toolkit.inject.Injector;
import dev.spillway.toolkit.inject.Stall;
import dev.spillway.toolkit.ledger.CauseCount;
import dev.spillway.toolkit.ledger.LedgerSnapshot;
import dev.spillway.toolkit.ledger.RateBucket;
import dev.spillway.toolkit.ledger.Rates;
import dev.spillway.toolkit.load.Ending;
import dev.spillway.toolkit.load.LoadPhase;
import dev.spillway.toolkit.load.LoadProfile;
import dev.spillway.toolkit.load.LoadReport;
import dev.spillway.toolkit.load.Percentiles;
import dev.spillway.toolkit.load.PhaseReport;
import dev.spillway.toolkit.load.SendMode;
import dev.spillway.toolkit.record.DepthSeries;
import dev.spillway.toolkit.record.QueueTrace;
import dev.spillway.toolkit.record.TraceEvent;
import dev.spillway.toolkit.sentinel.Breach;
import dev.spillway.toolkit.sentinel.Diagnostics;
import dev.spillway.toolkit.sentinel.MitigationResult;
import dev.spillway.toolkit.sentinel.ProbeDepth;
import dev.spillway.toolkit.sentinel.RestartOutcome;
import dev.spillway.toolkit.verdict.Assessment;
import dev.spillway.toolkit.verdict.Evidence;
import dev.spillway.toolkit.verdict.VerdictRules;
import dev.spillway.toolkit.verdict.Verdicts;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.function.LongUnaryOperator;

/**
 * Deterministic runs of the four designs under the seed spike (150/s, 250/s from 1 s to 5 s, 150/s
 * to 6 s, recorded for 7 s at 1 ms), made from synthetic traces and judged by the real verdict
 * rules: no load, no threads, no clock.
 */
final class SampleRuns {

  static final long START_NANOS = 1_000_000_000_000L;
  static final Instant START = Instant.parse("2025-05-01T10:15:30.123456789Z");
  static final Duration LENGTH = ofSeconds(7);
  static final Duration INTERVAL = ofMillis(1);

  private SampleRuns() {}

  static LoadProfile spike() {
    return LoadProfile.builder()
        .spikeFrom(150)
        .to(250)
        .perSecond()
        .at(ofSeconds(1))
        .holdingFor(ofSeconds(4))
        .during(ofSeconds(6))
        .build();
  }

  /** A series sampled every 1 ms for 7 s with {@code depth(tMillis)} plus seeded noise. */
  static DepthSeries series(String probe, LongUnaryOperator depth, int noise, long seed) {
    int n = (int) (LENGTH.toMillis() + 1);
    long[] times = new long[n];
    long[] depths = new long[n];
    SplittableRandom random = new SplittableRandom(seed);
    for (int i = 0; i < n; i++) {
      times[i] = i * 1_000_000L;
      long d = depth.applyAsLong(i) + (noise == 0 ? 0 : random.nextInt(-noise, noise + 1));
      depths[i] = Math.max(0, d);
    }
    return DepthSeries.of(probe, times, depths);
  }

  static QueueTrace trace(List<DepthSeries> series, List<TraceEvent> extra) {
    List<TraceEvent> events = new ArrayList<>(extra);
    LoadProfile spike = spike();
    for (LoadPhase phase : spike.phases()) {
      events.add(
          new TraceEvent(
              START_NANOS + phase.startOffsetNanos(),
              TraceEvent.Kind.PHASE,
              "load",
              "phase " + (phase.index() + 1) + " '" + phase.name() + "' started"));
    }
    return new QueueTrace("recorder", START, START_NANOS, LENGTH, INTERVAL, series, events, 0, 0);
  }

  static LoadReport loadReport(long rejected) {
    return loadReport(rejected, Ending.COMPLETED);
  }

  /** The spike's load report, ended as {@code ending} (STOPPED: an early stop). */
  static LoadReport loadReport(long rejected, Ending ending) {
    LoadProfile spike = spike();
    List<PhaseReport> phases = new ArrayList<>();
    for (LoadPhase p : spike.phases()) {
      phases.add(
          new PhaseReport(
              p.index(),
              p.name(),
              p.kind(),
              p.plannedMessages(),
              p.plannedMessages(),
              p.expectedRatePerSecond(),
              p.expectedRatePerSecond() * 0.998,
              p.duration(),
              p.duration(),
              Duration.ofNanos(180_000L),
              p.plannedMessages() / 100,
              Duration.ofMillis(1)));
    }
    long planned = spike.plannedMessages();
    Percentiles lateness =
        new Percentiles(
            planned,
            Duration.ofNanos(70_000L),
            Duration.ofNanos(90_000L),
            Duration.ofNanos(160_000L),
            Duration.ofNanos(210_000L),
            Duration.ofMillis(1));
    Percentiles latency =
        new Percentiles(
            planned,
            Duration.ofNanos(90_000L),
            Duration.ofNanos(130_000L),
            Duration.ofNanos(250_000L),
            Duration.ofNanos(900_000L),
            Duration.ofMillis(3));
    return new LoadReport(
        "load",
        SendMode.DIRECT,
        0,
        planned,
        planned,
        planned - rejected,
        rejected,
        0,
        0,
        0,
        ending,
        "",
        spike.plannedDuration(),
        spike.plannedDuration().plusMillis(2),
        phases,
        lateness,
        latency,
        0,
        0,
        Optional.empty());
  }

  /** Buckets of 100 ms from the trace's start: sent per the plan, completed up to {@code mu}/s. */
  static List<RateBucket> buckets(double mu, long[] depthAt) {
    List<RateBucket> buckets = new ArrayList<>();
    LoadProfile spike = spike();
    for (int b = 0; b < 70; b++) {
      Duration mid = Duration.ofMillis(b * 100L + 50);
      double lambda = spike.phaseAt(mid).map(LoadPhase::expectedRatePerSecond).orElse(0.0);
      double served = Math.min(mu, lambda + (depthAt[b] > 0 ? mu : 0));
      buckets.add(
          new RateBucket(
              START_NANOS + b * 100_000_000L,
              ofMillis(100),
              Math.round(lambda / 10),
              Math.round(Math.min(mu, served) / 10)));
    }
    return buckets;
  }

  static Injector handler() {
    return Injector.named("5ms-handler")
        .withDelay(Delay.fixed(ofMillis(5)))
        .withStall(Stall.once(ofSeconds(3), ofMillis(200)));
  }

  /** The singleton: grows at λ − μ = 50/s during the spike and is still 100 deep at the end. */
  private static RunResult makeSingleton() {
    LongUnaryOperator depth =
        t -> t < 1000 ? 0 : t < 5000 ? (t - 1000) / 20 : Math.max(0, 200 - (t - 5000) / 20);
    QueueTrace trace = trace(List.of(series("orders", depth, 2, 1)), List.of());
    // one message in the consumer's hands, two failed (with their cause), three run by the caller,
    // the last message sent 21.5 µs after the last completion
    LedgerSnapshot books =
        LedgerSnapshot.of(1300, 1154, 0, 1, 2, 142)
            .withInFlight(1)
            .withByCaller(3)
            .withSendingAfterLastCompletion(Duration.ofNanos(21_522))
            .withCauses(
                List.of(new CauseCount("java.lang.IllegalStateException", 2, List.of("boom"))),
                List.of());
    Assessment a =
        Verdicts.assess(
            Evidence.of(trace, "orders", books)
                .withLoadWindow(ofSeconds(1), ofSeconds(5))
                .withRates(new Rates(249, 199, ofSeconds(4))));
    long[] depthAt = new long[70];
    for (int b = 0; b < 70; b++) {
      depthAt[b] = depth.applyAsLong(b * 100L);
    }
    return RunResult.builder("singleton under the seed spike")
        .id("singleton-spike")
        .design("singleton")
        .scenario("spike 150→250/s")
        .trace(trace)
        .exactHighWaterMark("orders", 204)
        .profile(spike())
        .loadReport(loadReport(0))
        .assessment(a)
        .rateBuckets(buckets(200, depthAt))
        .injector(handler())
        .bound(BoundCheck.drain("orders", ofSeconds(2), a.drainTime()))
        .bound(BoundCheck.latency("p99", ofMillis(50), loadReport(0).latency().p99()))
        .detail("test", "dev.spillway.samples.SurvivalSuiteTest#singleton")
        .build();
  }

  /** The bounded mailbox: saturates at its bound of 100 and sheds the rest. */
  private static RunResult makeBounded() {
    LongUnaryOperator depth =
        t ->
            t < 1000
                ? 1
                : t < 5000 ? Math.min(100, (t - 1000) / 20) : Math.max(0, 100 - (t - 5000) / 20);
    QueueTrace trace =
        trace(List.of(series("orders", t -> Math.min(99, depth.applyAsLong(t)), 1, 2)), List.of());
    LedgerSnapshot books = LedgerSnapshot.of(1300, 1100, 200, 0, 0, 0);
    Assessment a =
        Verdicts.assess(
            Evidence.of(trace, "orders", books).withLoadWindow(ofSeconds(1), ofSeconds(5)),
            VerdictRules.defaults().withBound(100));
    return RunResult.builder("bounded mailbox under the seed spike")
        .id("bounded-spike")
        .design("bounded")
        .scenario("spike 150→250/s")
        .trace(trace)
        .profile(spike())
        .loadReport(loadReport(200))
        .assessment(a)
        .injector(handler())
        .bound(BoundCheck.queue("orders", 100, a.depth().highWaterMark()))
        .build();
  }

  /** The sentinel-watched mailbox: a breach at 60, shed until it falls to 30. */
  private static RunResult makeSentinel() {
    LongUnaryOperator depth =
        t ->
            t < 1000
                ? 0
                : t < 2200
                    ? (t - 1000) / 20
                    : t < 5000 ? 30 + (t % 600) / 20 : Math.max(0, 60 - (t - 5000) / 10);
    long breachAt = START_NANOS + 2_200_000_000L;
    TraceEvent breachEvent =
        new TraceEvent(
            breachAt,
            TraceEvent.Kind.BREACH,
            "watch",
            "queue 'orders' reached depth 60 >= enable threshold 60");
    TraceEvent mitigation =
        new TraceEvent(breachAt + 1000, TraceEvent.Kind.MITIGATION, "watch", "shed started");
    QueueTrace trace =
        trace(List.of(series("orders", depth, 1, 3)), List.of(breachEvent, mitigation));
    Breach breach =
        new Breach(
            1,
            START.plusMillis(2200),
            breachAt,
            "orders",
            60,
            60,
            30,
            new Diagnostics(List.of(new ProbeDepth("orders", 60)), List.of(), "", List.of()),
            List.of(
                new MitigationResult(
                    "shed", true, "shedding until depth <= 30", RestartOutcome.NOTHING)));
    LedgerSnapshot books =
        LedgerSnapshot.of(1300, 1180, 0, 120, 0, 0)
            .withDropReasons(
                List.of(
                    new CauseCount(
                        "shed by the sentinel: the caller was not told", 120, List.of())));
    Assessment a =
        Verdicts.assess(
            Evidence.of(trace, "orders", books).withLoadWindow(ofSeconds(1), ofSeconds(5)));
    return RunResult.builder("sentinel-watched mailbox under the seed spike")
        .id("sentinel-spike")
        .design("sentinel-watched")
        .scenario("spike 150→250/s")
        .trace(trace)
        .profile(spike())
        .loadReport(loadReport(0))
        .assessment(a)
        .breaches(List.of(breach))
        .bound(BoundCheck.queue("orders", 100, trace.series("orders").highWaterMark()))
        .build();
  }

  /** The partitioned design: four partitions, each well below its μ. */
  private static RunResult makePartitioned() {
    List<DepthSeries> partitions = new ArrayList<>();
    for (int p = 0; p < 4; p++) {
      int k = p;
      partitions.add(series("orders-" + p, t -> t < 1000 ? 1 : t < 5000 ? 3 + k : 1, 2, 10 + p));
    }
    QueueTrace trace = trace(partitions, List.of());
    LedgerSnapshot books = LedgerSnapshot.of(1300, 1300, 0, 0, 0, 0);
    Assessment a =
        Verdicts.assess(
            Evidence.of(trace, "orders-0", books).withLoadWindow(ofSeconds(1), ofSeconds(5)));
    RunResultBuilder partitioned =
        RunResult.builder("partitioned under the seed spike")
            .id("partitioned-spike")
            .design("partitioned")
            .scenario("spike 150→250/s")
            .trace(trace)
            .profile(spike())
            .loadReport(loadReport(0))
            .assessment(a);
    for (DepthSeries partition : partitions) {
      partitioned.bound(BoundCheck.queue(partition.probe(), 50, partition.highWaterMark()));
    }
    return partitioned.build();
  }

  /** The runs, made once (they are immutable). */
  private static final class Made {
    static final RunResult SINGLETON = makeSingleton();
    static final RunResult PARTITIONED = makePartitioned();
    static final RunResult BOUNDED = makeBounded();
    static final RunResult SENTINEL = makeSentinel();
  }

  static RunResult singleton() {
    return Made.SINGLETON;
  }

  static RunResult partitioned() {
    return Made.PARTITIONED;
  }

  static RunResult bounded() {
    return Made.BOUNDED;
  }

  static RunResult sentinel() {
    return Made.SENTINEL;
  }

  static List<RunResult> all() {
    return List.of(singleton(), partitioned(), bounded(), sentinel());
  }
}
