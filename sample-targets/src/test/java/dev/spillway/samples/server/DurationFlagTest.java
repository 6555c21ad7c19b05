package dev.spillway.samples.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Durations written as a number and a unit, both ways, and the range a flag allows. */
class DurationFlagTest {

  private static final Duration MIN = Duration.ofNanos(1);

  @ParameterizedTest
  @CsvSource({
    "5ms, PT0.005S",
    "5, PT0.005S",
    "' 5 ms ', PT0.005S",
    "250us, PT0.00025S",
    "250µs, PT0.00025S",
    "1500ns, PT0.0000015S",
    "1ns, PT0.000000001S",
    "2s, PT2S",
    "3m, PT3M",
    "2h, PT2H",
  })
  void parse_readsANumberAndAUnit_millisecondsByDefault(String text, Duration expected) {
    assertThat(DurationFlag.parse("--service-time", text, MIN, DurationFlag.LONGEST))
        .isEqualTo(expected);
  }

  @ParameterizedTest
  @CsvSource({
    "PT0.005S, 5ms",
    "PT0.00025S, 250us",
    "PT2S, 2s",
    "PT0.0000015S, 1500ns",
    "PT90S, 90s",
    "PT2M, 2m",
    "PT1H, 1h"
  })
  void format_writesTheShortestExactForm_whichParsesBack(Duration d, String expected) {
    assertThat(DurationFlag.format(d)).isEqualTo(expected);
    assertThat(DurationFlag.parse("--service-time", expected, MIN, DurationFlag.LONGEST))
        .isEqualTo(d);
  }

  @ParameterizedTest
  @ValueSource(strings = {"0", "0ms", "0ns", "-5ms", "-1", "5 days", "", "99999999999999999999"})
  void zeroNegativeMalformedOrTooLong_isRefused_withTheAllowedRange(String text) {
    assertThatThrownBy(() -> DurationFlag.parse("--service-time", text, MIN, DurationFlag.LONGEST))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "--service-time must be a duration from 1ns to 292 years, a whole number with a unit"
                + " (ns, us, ms, s, m, h) such as 5ms, but was '"
                + text
                + "'");
  }

  @ParameterizedTest
  @ValueSource(strings = {"0ms", "999us", "61m", "2h"})
  void aTimeout_outsideItsRange_isRefused_namingTheRange(String text) {
    assertThatThrownBy(
            () ->
                DurationFlag.parse(
                    "--header-timeout", text, HttpLimits.MIN_TIMEOUT, HttpLimits.MAX_TIMEOUT))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "--header-timeout must be a duration from 1ms to 1h, a whole number with a unit"
                + " (ns, us, ms, s, m, h) such as 5ms, but was '"
                + text
                + "'");
  }
}
