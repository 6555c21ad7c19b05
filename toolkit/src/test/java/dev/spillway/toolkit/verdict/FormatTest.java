package dev.spillway.toolkit.verdict;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class FormatTest {

  @Test
  void numbers_areGroupedAndRoundedToWhatTheyCarry() {
    assertThat(Format.count(1_234_567)).isEqualTo("1,234,567");
    assertThat(Format.rate(250)).isEqualTo("250");
    assertThat(Format.rate(196.6)).isEqualTo("197");
    assertThat(Format.rate(2.46)).isEqualTo("2.5");
    assertThat(Format.rate(12_500.4)).isEqualTo("12,500");
    assertThat(Format.rate(-0.01)).isEqualTo("0");
    assertThat(Format.percent(0.18416)).isEqualTo("18.4%");
  }

  @Test
  void plusMinus_showsAsManyDecimalsAsTheErrorNeeds() {
    assertThat(Format.plusMinus(52.4, 3.2)).isEqualTo("52 ± 3");
    assertThat(Format.plusMinus(0.43, 0.21)).isEqualTo("0.4 ± 0.2");
    assertThat(Format.plusMinus(20_000.07, 0.04)).isEqualTo("20,000.07 ± 0.04");
    assertThat(Format.plusMinus(-0.04, 0.2)).isEqualTo("0.0 ± 0.2");
    assertThat(Format.plusMinus(50, 0)).isEqualTo("50 ± 0");
    assertThat(Format.plusMinus(3, Double.NaN)).isEqualTo("3 (error unknown)");
  }
}
