package dev.spillway.samples.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Durations written as a number and a unit, both ways. */
class DurationFlagTest {

  @ParameterizedTest
  @CsvSource({
    "5ms, PT0.005S",
    "5, PT0.005S",
    "' 5 ms ', PT0.005S",
    "250us, PT0.00025S",
    "250µs, PT0.00025S",
    "1500ns, PT0.0000015S",
    "2s, PT2S",
    "3m, PT3M",
    "0, PT0S",
  })
  void parse_readsANumberAndAUnit_millisecondsByDefault(String text, Duration expected) {
    assertThat(DurationFlag.parse("--service-time", text)).isEqualTo(expected);
  }

  @ParameterizedTest
  @CsvSource({"PT0.005S, 5ms", "PT0.00025S, 250us", "PT2S, 2s", "PT0.0000015S, 1500ns"})
  void format_writesTheShortestExactForm_whichParsesBack(Duration d, String expected) {
    assertThat(DurationFlag.format(d)).isEqualTo(expected);
    assertThat(DurationFlag.parse("--service-time", expected)).isEqualTo(d);
  }
}
