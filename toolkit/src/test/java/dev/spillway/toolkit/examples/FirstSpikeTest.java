package dev.spillway.toolkit.examples;

import static org.assertj.core.api.Assertions.assertThat;

import dev.spillway.toolkit.verdict.Assessment;
import dev.spillway.toolkit.verdict.Verdict;
import org.junit.jupiter.api.Test;

/** Runs the README's first example, so that it stays true. */
class FirstSpikeTest {

  @Test
  void firstSpike_drownsTheSingleConsumer_andExplainsItInNumbers() throws InterruptedException {
    Assessment assessment = FirstSpike.run();

    assertThat(assessment.verdict()).isEqualTo(Verdict.OVERFLOWED);
    // The growth the trace shows is λ − μ measured by the ledger in the same window, give or take
    // the noise of a shared 2-core machine.
    double predicted = assessment.predictedGrowthPerSecond().orElseThrow();
    assertThat(predicted).isPositive();
    assertThat(assessment.growth().slopePerSecond()).isBetween(predicted * 0.7, predicted * 1.3);
    assertThat(assessment.explanation()).contains("msg/s");
  }
}
