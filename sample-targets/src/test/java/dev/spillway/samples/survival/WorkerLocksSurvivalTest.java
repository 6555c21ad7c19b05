package dev.spillway.samples.survival;

import static org.assertj.core.api.Assertions.assertThat;

import dev.spillway.junit.DrainsWithin;
import dev.spillway.junit.ExpectVerdict;
import dev.spillway.junit.OverloadHarness;
import dev.spillway.junit.OverloadResult;
import dev.spillway.junit.OverloadTest;
import dev.spillway.junit.ReportAs;
import dev.spillway.junit.SpikeLoad;
import dev.spillway.junit.UniformKeys;
import dev.spillway.samples.Designs;
import dev.spillway.samples.QueueView;
import dev.spillway.samples.WorkerLocks;
import dev.spillway.toolkit.ledger.LedgerSnapshot;
import dev.spillway.toolkit.verdict.Assessment;
import dev.spillway.toolkit.verdict.Verdict;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.util.Locale;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Tag;

/**
 * Worker locks — clients check a worker out, hand it the event, and the worker checks itself back
 * in — under a spike past what the pool serves, sent by many clients at once. While every worker is
 * checked out the clients wait. With the seed's registry lock, which is not immediate, every
 * check-in is a race: the clients with work piled up behind them pour events into the worker before
 * it marks itself, the lock leaks, and the spike piles up in the workers' queues. With an immediate
 * lock the same spike is pushed back onto the clients and no worker ever holds more than one event.
 */
@Tag(Survival.TAG)
@Order(15) // the survival matrix lists designs and scenarios in the order they ran
class WorkerLocksSurvivalTest {

  private static final int WORKERS = 4;

  /** The clients: the driver's sending threads, each a caller that can wait for a worker. */
  private static final int CLIENTS = 8;

  /**
   * How far clients can get ahead of the workers when the lock holds: sent counts an event when its
   * client calls, before it waits, so each client may have one sent and not yet handed over, and
   * each worker one handed over and not yet completed.
   */
  private static final long HELD_BACK_AHEAD = CLIENTS + WORKERS;

  /** 1,200/s against four 5 ms workers (~800/s together), from eight clients. */
  @Retention(RetentionPolicy.RUNTIME)
  @OverloadTest
  @SpikeLoad(base = 300, peak = 1_200, at = "1s", hold = "4s", duration = "5s")
  @ReportAs(scenario = "spike 300→1,200/s, 8 clients")
  @UniformKeys(keys = 1_000, seed = 7)
  @interface PastThePool {}

  @PastThePool
  @ReportAs(design = "worker-locks(4), registry lock")
  @ExpectVerdict(Verdict.OVERFLOWED)
  void theRegistryLock_leaksAtEveryCheckIn_andTheSpikePilesUpInTheWorkers(OverloadHarness harness) {
    WorkerLocks design = flood(harness, WorkerLocks.Lock.REGISTRY);

    OverloadResult result = harness.run();

    // the clients did wait for a worker at times, but most events reached a worker that already
    // held one: handed over in the moment before it marked itself
    assertThat(design.lockWaits()).isPositive();
    LedgerSnapshot books = Survival.idleBooks(design);
    assertThat(design.lockRaces()).as(describe(design)).isGreaterThan(books.sent() / 2);
    // a worker's queue holds more than one event only through races: its exact mark, against the
    // races counted at its hand-overs
    for (int w = 0; w < WORKERS; w++) {
      QueueView worker = design.queues().get(w);
      assertThat(worker.highWaterMark())
          .as(describe(design))
          .isGreaterThan(1)
          .isLessThanOrEqualTo(1 + design.lockRaces(w));
    }
    // the queue judged OVERFLOWED is the design's — a worker's, or the workers' together (the one
    // whose rise the verdict finds significant: each worker's queue rises in bursts, at its
    // check-ins) — and over the late spike the clients sent faster than the workers served:
    // further ahead of them than a lock that holds allows
    assertThat(result.judgedQueue()).startsWith(design.name());
    RateWindow window = lateSpike(result, design);
    assertThat(window.sent() - window.completed())
        .as(window.describe())
        .isGreaterThan(HELD_BACK_AHEAD);
    // nothing turned away, nothing lost
    assertThat(books.shed()).isZero();
    assertThat(books.processed()).isEqualTo(books.sent()).isEqualTo(result.load().sent());
  }

  @PastThePool
  @ReportAs(design = "worker-locks(4), immediate lock")
  @DrainsWithin("1s")
  @ExpectVerdict(Verdict.PUSHED_BACK)
  void anImmediateLock_holdsTheClientsBack_andNoWorkerHoldsMoreThanOne(OverloadHarness harness) {
    WorkerLocks design = flood(harness, WorkerLocks.Lock.IMMEDIATE);

    OverloadResult result = harness.run();

    assertThat(design.lockRaces()).as(describe(design)).isZero();
    for (QueueView worker : design.queues()) {
      assertThat(worker.highWaterMark()).as(describe(design)).isEqualTo(1);
    }
    // the clients waited for a worker, and the peak, held up inside the target, fell short of its
    // planned rate
    assertThat(design.lockWaits()).isPositive();
    Survival.assertPeakHeldBack(result);
    // over the late spike the clients sent no faster than the workers served
    RateWindow window = lateSpike(result, design);
    assertThat(window.sent() - window.completed())
        .as(window.describe())
        .isLessThanOrEqualTo(HELD_BACK_AHEAD);
    LedgerSnapshot books = Survival.idleBooks(design);
    assertThat(books.shed()).isZero();
    assertThat(books.processed()).isEqualTo(books.sent()).isEqualTo(result.load().sent());
  }

  /**
   * {@link Survival#watch Watches} a new design of four 5 ms workers with {@code lock}, and the
   * workers' queues together; sends from {@link #CLIENTS} threads.
   */
  private static WorkerLocks flood(OverloadHarness harness, WorkerLocks.Lock lock) {
    WorkerLocks design = Designs.workerLocks(WORKERS, lock, Survival.fiveMillis());
    Survival.watch(harness, design)
        .watch(design.depthProbe())
        .sendWithPool(CLIENTS, message -> Survival.track(design, message))
        .reportDetail("clients", CLIENTS + " sending threads, each waiting for a free worker");
    return design;
  }

  /**
   * The late half of the spike — the window the verdict measures the workers' queues' growth over,
   * snapped to the ledger's whole buckets — with the arrivals and completions the books counted in
   * it.
   */
  private static RateWindow lateSpike(OverloadResult result, WorkerLocks design) {
    Assessment total = result.assessment(design.name());
    RateWindow window =
        RateWindow.within(
            design.ledger(), result.trace(), total.growth().from(), total.growth().to());
    System.out.printf(
        Locale.ROOT,
        "[survival] %s, %s lock: %s; %s%n",
        design.name(),
        design.lock(),
        window.describe(),
        describe(design));
    assertThat(window.seconds()).as(window.describe()).isGreaterThanOrEqualTo(1.5);
    assertThat(window.servicePerSecond())
        .as(window.describe())
        .isPositive()
        .isLessThanOrEqualTo(Survival.serviceCeiling(WORKERS, window));
    return window;
  }

  private static String describe(WorkerLocks design) {
    StringBuilder s =
        new StringBuilder(
            String.format(
                Locale.ROOT, "%d waits, %d races:", design.lockWaits(), design.lockRaces()));
    for (int w = 0; w < WORKERS; w++) {
      QueueView worker = design.queues().get(w);
      s.append(' ')
          .append(worker.name())
          .append(" mark ")
          .append(worker.highWaterMark())
          .append(" races ")
          .append(design.lockRaces(w));
    }
    return s.toString();
  }
}
