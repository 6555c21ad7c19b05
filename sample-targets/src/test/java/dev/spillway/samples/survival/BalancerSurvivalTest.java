package dev.spillway.samples.survival;

import static org.assertj.core.api.Assertions.assertThat;

import dev.spillway.junit.DrainsWithin;
import dev.spillway.junit.ExpectVerdict;
import dev.spillway.junit.OverloadHarness;
import dev.spillway.junit.OverloadResult;
import dev.spillway.junit.ReportAs;
import dev.spillway.junit.StopWhenCertain;
import dev.spillway.junit.UniformKeys;
import dev.spillway.samples.Designs;
import dev.spillway.samples.EventTracker;
import dev.spillway.samples.QueueView;
import dev.spillway.toolkit.verdict.Verdict;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Tag;

/**
 * The balancer — one process in front of a pool, checking a worker out for every request (poolboy)
 * — is the bottleneck it looks like it should not be: four 5 ms workers could serve ~800/s, but the
 * balancer spends 5 ms of its own on each request (the seeds' "1 process alone cannot handle it",
 * scaled to the seed spike's rates) and serves ~200/s. Under the seed spike its own mailbox grows
 * at λ − μ, while the workers sit idle three quarters of the time.
 */
@Tag(Survival.TAG)
@Order(9) // the survival matrix lists designs and scenarios in the order they ran
@ReportAs(design = "balancer(4)")
class BalancerSurvivalTest {

  private static final int WORKERS = 4;

  @SeedIncident
  @ReportAs(scenario = SeedIncident.SCENARIO)
  @UniformKeys(keys = 1_000, seed = 7)
  @DrainsWithin("4s") // ~200 left when the load ends, drained at ~200/s
  // the growth check compares growth with λ − μ over at least 1.5 s of whole ledger buckets in the
  // judged late window (half the peak that ran, less up to 0.2 s to the buckets): 3.4 s of the peak
  @StopWhenCertain(minimumObservation = "3400ms")
  @ExpectVerdict(Verdict.OVERFLOWED)
  void balancer_underTheSeedSpike_overflowsItsOwnMailbox_whileItsWorkersSitIdle(
      OverloadHarness harness) {
    BusyTime workers = new BusyTime(Survival.fiveMillis());
    EventTracker balancer =
        Survival.flood(harness, Designs.balancer(WORKERS, Survival.SERVICE_TIME, workers));
    harness.reportDetail("balancer", "5 ms of its own per event, in front of 4 workers of 5 ms");

    OverloadResult result = Survival.run(harness);

    // the bottleneck is named: the run is judged on the balancer's own mailbox
    assertThat(result.judgedQueue()).isEqualTo("balancer");
    // it grew at λ − μ, with μ the balancer's rate: one event per 5 ms at most (GrowthCheck holds
    // the service rate to one 5 ms consumer's ceiling, with a backlog throughout the window)
    RateWindow window = GrowthCheck.growsAtArrivalMinusService(result, balancer);
    // meanwhile each worker's queue survived, and every hand-off found its worker idle (none was
    // refused for a full queue: nothing shed)
    for (QueueView worker : balancer.queues().subList(1, WORKERS + 1)) {
      assertThat(result.assessment(worker.name()).verdict())
          .as(result.assessment(worker.name()).summary())
          .isEqualTo(Verdict.SURVIVED);
    }
    // and the pool sat idle: counted apart from the books, its workers were busy about μ × 5 ms / 4
    // of the time (a quarter); a pool that were the bottleneck would be busy all along. Each 5 ms
    // wait never ends early, so the busy time is at least 5 ms per event handled.
    double busy = workers.share(WORKERS);
    System.out.printf(
        "[survival] balancer: workers busy %.0f%% of the time; balancer μ %.1f/s %s%n",
        busy * 100, window.servicePerSecond(), window.describe());
    assertThat(busy).as("the workers' busy share").isLessThan(0.5);
    long processed = Survival.idleBooks(balancer).processed();
    assertThat(workers.busySeconds())
        .as("busy time of %d events of 5 ms", processed)
        .isGreaterThanOrEqualTo(processed * Survival.SERVICE_TIME.toNanos() / 1e9);
    assertThat(result.books().shed()).isZero();
    assertThat(result.books().isBalanced()).as(result.books().describe()).isTrue();
  }
}
