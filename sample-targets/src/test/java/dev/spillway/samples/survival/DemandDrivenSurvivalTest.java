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
import java.time.Duration;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Tag;

/**
 * The demand-driven pipeline (GenStage) under the seed spike: back-pressure works — no stage holds
 * more than it asked for — and that is exactly why the overflow shows where the seeds say it does:
 * in front of the first stage, in the producer's buffer, growing at λ − μ with μ the consumer's.
 * Back-pressure inside a pipeline does not make the excess go away; it moves it to the source.
 */
@Tag(Survival.TAG)
@Order(14) // the survival matrix lists designs and scenarios in the order they ran
@ReportAs(design = "demand-driven(10)")
class DemandDrivenSurvivalTest {

  private static final int MAX_DEMAND = 10;

  @SeedIncident
  @ReportAs(scenario = SeedIncident.SCENARIO)
  @UniformKeys(keys = 1_000, seed = 7)
  @DrainsWithin("4s") // ~200 left at the source when the load ends, drained at ~200/s
  // the growth check compares growth with λ − μ over at least 1.5 s of whole ledger buckets in the
  // judged late window (half the peak that ran, less up to 0.2 s to the buckets): 3.4 s of the peak
  @StopWhenCertain(minimumObservation = "3400ms")
  @ExpectVerdict(Verdict.OVERFLOWED)
  void demandDriven_underTheSeedSpike_keepsEveryStageWithinItsDemand_andOverflowsAtTheSource(
      OverloadHarness harness) {
    EventTracker pipeline =
        Survival.flood(
            harness, Designs.demandDriven(MAX_DEMAND, Duration.ofMillis(1), Survival.fiveMillis()));

    OverloadResult result = Survival.run(harness);

    // the overflow is named where it is: the source, growing at the run's λ − μ
    assertThat(result.judgedQueue()).isEqualTo("demand-driven-source");
    GrowthCheck.growsAtArrivalMinusService(result, pipeline);
    // the consumer, the slowest, filled its inbox to its demand and no further: the pressure went
    // back; the stage in between (1 ms an event) kept up
    QueueView sink = pipeline.queues().get(2);
    assertThat(sink.highWaterMark()).isEqualTo(MAX_DEMAND);
    assertThat(result.assessment(sink.name()).verdict())
        .as(result.assessment(sink.name()).summary())
        .isNotEqualTo(Verdict.OVERFLOWED);
    assertThat(result.books().shed()).isZero();
    assertThat(result.books().isBalanced()).as(result.books().describe()).isTrue();
  }
}
