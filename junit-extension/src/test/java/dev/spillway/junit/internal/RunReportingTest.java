package dev.spillway.junit.internal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class RunReportingTest {

  @Test
  void idOf_keepsTheTestsNameAndCase_replacingWhatFilesCannotHold() {
    assertThat(RunReporting.idOf("SingletonTest.spike_overflows"))
        .isEqualTo("SingletonTest.spike_overflows");
    assertThat(RunReporting.idOf("Outer$Inner.métier über")).isEqualTo("Outer-Inner.m-tier-ber");
    assertThat(RunReporting.idOf("$$.x")).isEqualTo("x");
  }

  @Test
  void idOf_isAtMost128Characters() {
    assertThat(RunReporting.idOf("T." + "a".repeat(200))).hasSize(128);
  }
}
