package dev.spillway.gatling.scenarios;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

/**
 * The benchmark's statistics: the figures in benchmarks/README.md are its medians and quartiles.
 */
class PollerCostRoundsTest {

  @Test
  void quantiles_interpolateBetweenNeighbours() {
    double[] sorted = {1, 2, 4, 8};

    assertThat(PollerCostRounds.median(sorted)).isEqualTo(3.0);
    assertThat(PollerCostRounds.quantile(sorted, 0.25)).isCloseTo(1.75, within(1e-9));
    assertThat(PollerCostRounds.quantile(sorted, 0.75)).isCloseTo(5.0, within(1e-9));
    assertThat(PollerCostRounds.quantile(sorted, 0)).isEqualTo(1.0);
    assertThat(PollerCostRounds.quantile(sorted, 1)).isEqualTo(8.0);
  }

  @Test
  void theMedianOfAnOddCount_isTheMiddleValue() {
    assertThat(PollerCostRounds.median(new double[] {-3, 0.5, 7})).isEqualTo(0.5);
    assertThat(PollerCostRounds.median(new double[] {42})).isEqualTo(42.0);
  }
}
