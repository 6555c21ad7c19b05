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
import dev.spillway.toolkit.verdict.Verdict;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Tag;

/**
 * The singleton — one consumer thread, an unbounded queue, fire-and-forget (a GenServer fed by
 * {@code cast}) — drowns in the seed incident: its queue grows at λ − μ for as long as the spike
 * lasts.
 */
@Tag(Survival.TAG)
@Order(1) // the survival matrix lists designs and scenarios in the order they ran
@ReportAs(design = "singleton")
class SingletonSurvivalTest {

  @SeedIncident
  @ReportAs(scenario = SeedIncident.SCENARIO)
  @UniformKeys(keys = 1_000, seed = 7)
  @DrainsWithin("4s") // ~150 left when the load ends, drained at ~200/s
  // the growth check compares growth with λ − μ over at least 1.5 s of whole ledger buckets in the
  // judged late window (half the peak that ran, less up to 0.2 s to the buckets): 3.4 s of the peak
  @StopWhenCertain(minimumObservation = "3400ms")
  @ExpectVerdict(Verdict.OVERFLOWED)
  void singleton_underTheSeedSpike_growsAtArrivalMinusServiceRate(OverloadHarness harness) {
    EventTracker singleton = Survival.flood(harness, Designs.singleton(Survival.fiveMillis()));

    OverloadResult result = Survival.run(harness);

    GrowthCheck.growsAtArrivalMinusService(result, singleton);
    // the peak is what 4 s at λ − μ (~+50/s) leave, by this run's books; nothing was turned away
    Survival.assertPeakMatchesTheBooks(singleton.queues().get(0).highWaterMark(), singleton, 1);
    assertThat(result.books().rejected()).isZero();
    assertThat(result.books().isBalanced()).as(result.books().describe()).isTrue();
  }
}
