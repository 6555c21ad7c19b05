package dev.spillway.samples.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import picocli.CommandLine.TypeConversionException;

/**
 * The duration flags' converters: the shared grammar with a bare number in milliseconds, and the
 * range each flag allows (the flag and value are added by {@link ServerCommand}: {@link
 * ServerOptionsTest}).
 */
class DurationFlagTest {

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
  void serviceTime_readsANumberAndAUnit_millisecondsByDefault(String text, Duration expected) {
    assertThat(new DurationFlag.ServiceTime().convert(text)).isEqualTo(expected);
  }

  @ParameterizedTest
  @ValueSource(strings = {"0", "0ms", "0ns", "-5ms", "-1", "5 days", "", "99999999999999999999"})
  void serviceTime_zeroNegativeMalformedOrTooLong_isRefused_withTheRule(String text) {
    assertThatThrownBy(() -> new DurationFlag.ServiceTime().convert(text))
        .isInstanceOf(TypeConversionException.class)
        .hasMessage(
            "a duration >= 1 ns and <= 292 years, an integer and a unit (ns, us, ms, s, m, h)"
                + " such as 250ms (a bare number is ms)");
  }

  @ParameterizedTest
  @ValueSource(strings = {"0ms", "999us", "61m", "2h"})
  void aTimeout_outsideItsRange_isRefused_namingTheRange(String text) {
    assertThatThrownBy(() -> new DurationFlag.Timeout().convert(text))
        .isInstanceOf(TypeConversionException.class)
        .hasMessage(
            "a duration >= 1 ms and <= 1 h, an integer and a unit (ns, us, ms, s, m, h) such as"
                + " 250ms (a bare number is ms)");
  }

  @ParameterizedTest
  @ValueSource(strings = {"1ms", "1", "60m", "1h"})
  void aTimeout_atTheEdgesOfItsRange_isAccepted(String text) {
    assertThat(new DurationFlag.Timeout().convert(text))
        .isBetween(HttpLimits.MIN_TIMEOUT, HttpLimits.MAX_TIMEOUT);
  }
}
