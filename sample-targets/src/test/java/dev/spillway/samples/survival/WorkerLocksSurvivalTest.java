package dev.spillway.samples.survival;

import static org.assertj.core.api.Assertions.assertThat;

import dev.spillway.junit.DrainsWithin;
import dev.spillway.junit.ExpectVerdict;
import dev.spillway.junit.OverloadHarness;
import dev.spillway.junit.OverloadResult;
import dev.spillway.junit.OverloadTest;
import dev.spillway.junit.RecordAutopsy;
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
import java.time.Duration;
import java.util.Locale;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Tag;

/**
 * Worker locks — a client checks out a worker that is free, hands it the event, and the worker
 * checks itself back in when it is done with it — under a spike past what the pool serves, sent by
 * many clients at once. With the seed's registry lock, which is not immediate — here a worker's
 * mark is seen 1 ms after it makes it — each event a worker takes opens the race again: for that
 * millisecond the worker looks free, the clients with work piled up behind them pour it in, and the
 * lock does not hold at all. The spike piles up in the workers' queues at λ − μ, as if there were
 * no lock. With an immediate lock the same spike is pushed back onto the clients and no worker ever
 * holds more than one event.
 *
 * <p>Why the delay: without one, how long the race lasts is how long the worker waits for a core
 * after it takes an event — on this 2-core machine anything from microseconds to milliseconds — and
 * how much of the clients' backlog got in, and with it the verdict, went either way from run to
 * run. A fixed delay makes the race the same on every machine.
 */
@Tag(Survival.TAG)
@Order(15) // the survival matrix lists designs and scenarios in the order they ran
class WorkerLocksSurvivalTest {

  private static final int WORKERS = 4;

  /** The clients: the driver's sending threads, each a caller that can wait for a worker. */
  private static final int CLIENTS = 8;

  /** How long after a worker marks itself checked out the other clients see it. */
  private static final Duration REGISTRY_DELAY = Duration.ofMillis(1);

  /**
   * How far clients can get ahead of the workers when the lock holds: sent counts an event when its
   * client calls, before it waits, so each client may have one sent and not yet handed over, and
   * each worker one handed over and not yet completed.
   */
  private static final long HELD_BACK_AHEAD = CLIENTS + WORKERS;

  private static final String SCENARIO = "spike 300→1,200/s, 8 clients";

  /** 1,200/s for 4 s against four 5 ms workers (~800/s together), from eight clients. */
  @Retention(RetentionPolicy.RUNTIME)
  @OverloadTest
  @SpikeLoad(base = 300, peak = 1_200, at = "1s", hold = "4s", duration = "5s")
  @RecordAutopsy
  @UniformKeys(keys = 1_000, seed = 7)
  @interface PastThePool {}

  @PastThePool
  // a @ReportAs on the method replaces the composed annotation's: the scenario is named here
  @ReportAs(design = "worker-locks(4), registry lock seen 1 ms after", scenario = SCENARIO)
  @ExpectVerdict(Verdict.OVERFLOWED)
  void theRegistryLock_leaksAtEveryCheckIn_andTheSpikePilesUpInTheWorkers(OverloadHarness harness) {
    WorkerLocks design = flood(harness, WorkerLocks.Lock.registry(REGISTRY_DELAY));

    OverloadResult result = Survival.run(harness);

    // most events reached a worker that already held one: handed over before its mark was seen
    LedgerSnapshot books = Survival.idleBooks(design);
    assertThat(design.lockRaces()).as(describe(design)).isGreaterThan(books.sent() / 2);
    // a worker's queue holds more than one event only through races: its exact mark, against the
    // races counted at its hand-overs; and a worker that was to serve one client at a time held
    // more than all eight clients together could have handed it with a lock that holds
    long largest = 0;
    for (int w = 0; w < WORKERS; w++) {
      QueueView worker = design.queues().get(w);
      assertThat(worker.highWaterMark())
          .as(describe(design))
          .isGreaterThan(1)
          .isLessThanOrEqualTo(1 + design.lockRaces(w));
      largest = Math.max(largest, worker.highWaterMark());
    }
    assertThat(largest).as(describe(design)).isGreaterThan(CLIENTS);
    // the workers' queues together grew at the λ − μ of the late spike, within ±15 %: what the
    // pool did not serve piled up in them, none of it held back in the clients
    RateWindow window = lateSpike(result, design);
    assertThat(window.excessPerSecond()).as(window.describe()).isPositive();
    GrowthCheck.followsTheBooks(
        result.trace().series(design.name()), window, design.ledger(), result);
    // nothing turned away, nothing lost
    assertThat(books.shed()).isZero();
    assertThat(books.processed()).isEqualTo(books.sent()).isEqualTo(result.load().sent());
  }

  @PastThePool
  @ReportAs(design = "worker-locks(4), immediate lock", scenario = SCENARIO)
  @DrainsWithin("1s")
  @ExpectVerdict(Verdict.PUSHED_BACK)
  void anImmediateLock_holdsTheClientsBack_andNoWorkerHoldsMoreThanOne(OverloadHarness harness) {
    WorkerLocks design = flood(harness, WorkerLocks.Lock.immediate());

    OverloadResult result = Survival.run(harness);

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
   * Floods a new design of four 5 ms workers with {@code lock} from {@link #CLIENTS} threads, its
   * books kept by its ledger, the workers' queues watched together: each worker's queue rises in
   * bursts, one per check-in, too few near the end of the load for a verdict on each alone; their
   * exact marks are each worker's own.
   */
  private static WorkerLocks flood(OverloadHarness harness, WorkerLocks.Lock lock) {
    WorkerLocks design = Designs.workerLocks(WORKERS, lock, Survival.fiveMillis());
    Survival.keepBooks(harness, design)
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
        "[survival] %s, %s: %s; %s%n",
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
