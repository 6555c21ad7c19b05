package dev.spillway.samples.survival;

import static org.assertj.core.api.Assertions.assertThat;

import dev.spillway.junit.Overload;
import dev.spillway.junit.OverloadHarness;
import dev.spillway.junit.OverloadResult;
import dev.spillway.junit.RecordAutopsy;
import dev.spillway.junit.ReportAs;
import dev.spillway.junit.SpikeLoad;
import dev.spillway.junit.UniformKeys;
import dev.spillway.samples.Designs;
import dev.spillway.samples.DropOldestBuffer;
import dev.spillway.samples.EventTracker;
import dev.spillway.samples.QueueView;
import dev.spillway.toolkit.ledger.LedgerSnapshot;
import dev.spillway.toolkit.verdict.EarlyStop;
import dev.spillway.toolkit.verdict.Verdict;
import java.time.Duration;
import java.util.Optional;
import java.util.function.Supplier;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * One scenario against every design, as a JUnit user writes it: a hard spike — 150/s, then 400/s
 * for 4 s, twice what one 5 ms consumer serves — put through each design by a parameterized
 * overload test, each design a row of the survival matrix. Each design fails or survives in its own
 * way, checked with figures of its own run. (The sentinel-watched design's hard spike is {@link
 * SentinelWatchedSurvivalTest}'s, with its threshold checks.)
 */
@Tag(Survival.TAG)
@Order(10) // the survival matrix lists designs and scenarios in the order they ran
class HardSpikeSurvivalTest {

  /** The spike's peak rate: what the driver is asked to send during it. */
  private static final double PEAK = 400;

  /** A worker receiving ~100/s, half of what it serves, queues only through hold-ups. */
  private static final long SMALL = 50;

  /**
   * The designs whose queue grows are checked for growth at λ − μ over at least 1.5 s of whole
   * ledger buckets in the judged late window (half the peak that ran): 3.4 s of the 4 s peak.
   */
  private static final Optional<EarlyStop> GROWTH_CHECKED = certainAfter(Duration.ofMillis(3_400));

  /** Those that keep up: certain once 528 sends went without a failure, after 1 s of the peak. */
  private static final Optional<EarlyStop> KEEPS_UP = certainAfter(Duration.ofSeconds(1));

  /** Those that fill (~0.5 s into the peak) and shed: flat and shedding for 1.5 s before a call. */
  private static final Optional<EarlyStop> FILLS_AND_SHEDS = certainAfter(Duration.ofMillis(1_500));

  /**
   * Those that hold the caller back run the whole plan: push-back is read from the driver at the
   * end, and the sync/async switch changes behaviour at a depth it does not declare (before it, its
   * queue grows as an overflow's would).
   */
  private static final Optional<EarlyStop> RUNS_WHOLE = Optional.empty();

  private static final int CAPACITY = 100;
  private static final int CONSUMERS = 4;
  private static final int MAX_DEMAND = 10;

  /** The designs under the hard spike, each with the verdict it must get. */
  enum Design {
    SINGLETON(
        "singleton",
        Verdict.OVERFLOWED,
        GROWTH_CHECKED,
        () -> Designs.singleton(Survival.fiveMillis())),
    PARTITIONED(
        "partitioned(4)",
        Verdict.SURVIVED,
        KEEPS_UP,
        () -> Designs.partitioned(CONSUMERS, Survival.fiveMillis())),
    BOUNDED(
        "bounded(100)",
        Verdict.SHED,
        FILLS_AND_SHEDS,
        () -> Designs.bounded(CAPACITY, Survival.fiveMillis())),
    CALLER_WAITS(
        "caller-waits(100)",
        Verdict.PUSHED_BACK,
        RUNS_WHOLE,
        () -> Designs.callerWaits(CAPACITY, Survival.fiveMillis())),
    BALANCER(
        "balancer(4)",
        Verdict.OVERFLOWED,
        GROWTH_CHECKED,
        () -> Designs.balancer(CONSUMERS, Survival.SERVICE_TIME, Survival.fiveMillis())),
    FREE_FOR_ALL(
        "free-for-all(4)",
        Verdict.SURVIVED,
        KEEPS_UP,
        () -> Designs.freeForAll(CONSUMERS, Survival.fiveMillis())),
    DROP_OLDEST(
        "drop-oldest(100, batch 10)",
        Verdict.SHED,
        FILLS_AND_SHEDS,
        () -> Designs.dropOldest(CAPACITY, 10, Survival.fiveMillis())),
    SYNC_ASYNC(
        "sync-async(100/50)",
        Verdict.PUSHED_BACK,
        RUNS_WHOLE,
        () -> Designs.syncAsync(CAPACITY, CAPACITY / 2, Survival.fiveMillis())),
    DEMAND_DRIVEN(
        "demand-driven(10)",
        Verdict.OVERFLOWED,
        GROWTH_CHECKED,
        () -> Designs.demandDriven(MAX_DEMAND, Duration.ofMillis(1), Survival.fiveMillis())),
    // last: each invocation's run id is its index, and the baseline knows the others by theirs
    WORKER_LOCKS(
        "worker-locks(4)",
        Verdict.SURVIVED,
        KEEPS_UP,
        () -> Designs.workerLocks(CONSUMERS, Survival.fiveMillis()));

    private final String label;
    private final Verdict expected;
    private final Optional<EarlyStop> earlyStop;
    private final Supplier<EventTracker> build;

    Design(
        String label,
        Verdict expected,
        Optional<EarlyStop> earlyStop,
        Supplier<EventTracker> build) {
      this.label = label;
      this.expected = expected;
      this.earlyStop = earlyStop;
      this.build = build;
    }

    @Override
    public String toString() {
      return label; // the survival matrix's row, through @ReportAs(design = "{0}")
    }
  }

  @ParameterizedTest(name = "{0}")
  @EnumSource(Design.class)
  @Overload
  @SpikeLoad(base = 150, peak = 400, at = "1s", hold = "4s", duration = "5500ms")
  @RecordAutopsy
  @UniformKeys(keys = 1_000, seed = 7)
  @ReportAs(design = "{0}", scenario = "hard spike 150→400/s")
  void everyDesign_underAHardSpike(Design design, OverloadHarness harness) {
    EventTracker tracker = Survival.flood(harness, design.build.get());
    design.earlyStop.ifPresent(harness::stopWhenCertain); // one annotation, ten designs: in code

    OverloadResult result = Survival.run(harness);

    assertThat(result.verdict()).as(result.assessment().summary()).isEqualTo(design.expected);
    LedgerSnapshot books = result.books();
    assertThat(books.isBalanced()).as(books.describe()).isTrue();
    switch (design) {
      case SINGLETON, BALANCER -> growsAtTheFirstQueue(result, tracker);
      case PARTITIONED, FREE_FOR_ALL, WORKER_LOCKS -> everyWorkerKeepsUp(result, tracker);
      case BOUNDED -> shedsAtItsCapacity(result, tracker);
      case CALLER_WAITS, SYNC_ASYNC -> holdsTheCallerBack(result, tracker);
      case DROP_OLDEST -> dropsTheOldest(result, (DropOldestBuffer) tracker);
      case DEMAND_DRIVEN -> pressureShowsAtTheSource(result, tracker);
    }
  }

  /**
   * The one queue in front of the bottleneck — the singleton's, the balancer's own, the pipeline's
   * source — grows at the λ − μ of the run, and nothing is turned away or dropped.
   */
  private static void growsAtTheFirstQueue(OverloadResult result, EventTracker tracker) {
    String first = tracker.queues().get(0).name();
    assertThat(result.judgedQueue()).isEqualTo(first);
    GrowthCheck.growsAtArrivalMinusService(result, tracker, PEAK);
    assertThat(result.books().shed()).isZero();
  }

  /**
   * The consumer's demand is all it ever held: its inbox filled to it and no further (the pressure
   * went back), and the source grew at λ − μ.
   */
  private static void pressureShowsAtTheSource(OverloadResult result, EventTracker tracker) {
    growsAtTheFirstQueue(result, tracker);
    QueueView sink = tracker.queues().get(2);
    assertThat(sink.highWaterMark()).as(sink.name()).isEqualTo(MAX_DEMAND);
  }

  /**
   * 400/s over four 5 ms workers (by key, at random, or the first one not checked out): each gets
   * ~100/s, half what it serves, and keeps up.
   */
  private static void everyWorkerKeepsUp(OverloadResult result, EventTracker tracker) {
    for (QueueView partition : tracker.queues()) {
      assertThat(partition.highWaterMark()).as(partition.name()).isLessThanOrEqualTo(SMALL);
      assertThat(result.assessment(partition.name()).verdict())
          .as(result.assessment(partition.name()).summary())
          .isEqualTo(Verdict.SURVIVED);
    }
    assertThat(result.books().shed()).isZero();
  }

  /**
   * The mailbox fills (its exact mark is its capacity, never above) and what does not fit is turned
   * away: every rejection in the books is a REJECTED answer the driver counted.
   */
  private static void shedsAtItsCapacity(OverloadResult result, EventTracker tracker) {
    assertThat(tracker.queues().get(0).highWaterMark()).isEqualTo(CAPACITY);
    assertThat(result.books().rejected()).isPositive().isEqualTo(result.load().rejected());
  }

  /**
   * The buffer fills and stays at its capacity; the caller is never refused; what does not fit is
   * dropped, and every drop is announced to the consumer.
   */
  private static void dropsTheOldest(OverloadResult result, DropOldestBuffer buffer) {
    assertThat(buffer.queues().get(0).highWaterMark()).isEqualTo(CAPACITY);
    assertThat(result.load().rejected()).isZero();
    LedgerSnapshot idle = Survival.idleBooks(buffer);
    assertThat(idle.rejected()).isZero();
    assertThat(idle.dropped()).isPositive().isEqualTo(buffer.announcedDrops());
  }

  /**
   * The mailbox fills (caller-waits) or reaches its sync threshold (sync-async: by one more at
   * most, from the one sending thread), then the caller waits: nothing is turned away, and the
   * peak, held up inside the target, falls short of its planned rate ({@link
   * Survival#assertPeakHeldBack}).
   */
  private static void holdsTheCallerBack(OverloadResult result, EventTracker tracker) {
    assertThat(tracker.queues().get(0).highWaterMark()).isBetween((long) CAPACITY, CAPACITY + 1L);
    Survival.assertPeakHeldBack(result);
    assertThat(result.books().shed()).isZero();
    assertThat(Survival.idleBooks(tracker).processed()).isEqualTo(result.load().sent());
  }

  private static Optional<EarlyStop> certainAfter(Duration minimumObservation) {
    return Optional.of(EarlyStop.at(0.99).withMinimumObservation(minimumObservation));
  }
}
