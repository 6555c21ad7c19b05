package dev.spillway.junit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.spillway.junit.internal.Durations;
import java.time.Duration;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class DurationsTest {

  @ParameterizedTest
  @CsvSource({
    "0s, PT0S",
    "250ns, PT0.00000025S",
    "40us, PT0.00004S",
    "40µs, PT0.00004S",
    "250ms, PT0.25S",
    "4s, PT4S",
    "2m, PT2M",
    "24h, PT24H"
  })
  void anIntegerAndAUnit_isParsed(String text, Duration expected) {
    assertThat(Durations.parse(text)).contains(expected);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "",
        "4",
        "s",
        "4 s",
        " 4s",
        "4s ",
        "-1s",
        "+1s",
        "1.5s",
        "4sec",
        "4S",
        "1h30m",
        "PT4S",
        "99999999999999999999s",
        "9223372036854775807h"
      })
  void anythingElse_isNot(String text) {
    assertThat(Durations.parse(text)).isEmpty();
  }

  @ParameterizedTest
  @CsvSource({
    "PT0S, 0s",
    "PT0.00000085S, 850ns",
    "PT0.000212S, 212µs",
    "PT0.0042S, 4.2ms",
    "PT1.52S, 1.52s",
    "PT45S, 45s",
    "PT3M, 3m",
    "PT24H, 24h"
  })
  void durations_readShortly(Duration duration, String text) {
    assertThat(Durations.format(duration)).isEqualTo(text);
  }
}
