package dev.spillway.toolkit.util;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The one duration grammar, its range check and its human form. */
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
    "24h, PT24H",
    "'5 ms', PT0.005S",
    "' 4s', PT4S",
    "'4s ', PT4S",
    "'\t4 s\t', PT4S",
    "9223372036854775807ns, PT2562047H47M16.854775807S",
    "2562047h, PT2562047H"
  })
  void anIntegerAndAUnit_isParsed_withSpacesAllowed(String text, Duration expected) {
    assertThat(Durations.parse(text)).contains(expected);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "",
        " ",
        "s",
        "-1s",
        "+1s",
        "1.5s",
        "4sec",
        "4S",
        "1h30m",
        "4 4s",
        "PT4S",
        "99999999999999999999s",
        "9223372036854775808ns",
        "9223372036854776us",
        "2562048h",
        "9223372036854775807h"
      })
  void anythingElse_isNot_includingNegativeAndTooLong(String text) {
    assertThat(Durations.parse(text)).isEmpty();
    assertThat(Durations.parse(text, TimeUnit.MILLISECONDS)).isEmpty();
  }

  @Test
  void aBareNumber_isRefused_unlessItsUnitIsNamed() {
    assertThat(Durations.parse("4")).isEmpty();
    assertThat(Durations.parse(null)).isEmpty();
    assertThat(Durations.parse(" 5 ", TimeUnit.MILLISECONDS)).contains(Duration.ofMillis(5));
    assertThat(Durations.parse("5", TimeUnit.SECONDS)).contains(Duration.ofSeconds(5));
    assertThat(Durations.parse("5us", TimeUnit.SECONDS)).contains(Duration.ofNanos(5_000));
  }

  @Test
  void parseWithin_returnsAValueInItsRange_boundsIncluded() {
    Duration min = Duration.ofMillis(1);
    Duration max = Duration.ofHours(1);

    assertThat(Durations.parse("--idle-timeout", "1ms", min, max, null)).isEqualTo(min);
    assertThat(Durations.parse("--idle-timeout", "60m", min, max, null)).isEqualTo(max);
  }

  @ParameterizedTest
  @ValueSource(strings = {"999us", "61m", "1h1s", "", "5", "-1ms"})
  void parseWithin_refusesAValueOutOfRangeOrOfTheWrongForm_namingInputValueAndRule(String text) {
    assertThatThrownBy(
            () ->
                Durations.parse(
                    "--idle-timeout", text, Duration.ofMillis(1), Duration.ofHours(1), null))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "--idle-timeout must be a duration >= 1 ms and <= 1 h, an integer and a unit"
                + " (ns, us, ms, s, m, h) such as 250ms, but was '"
                + text
                + "'");
  }

  @Test
  void theRule_saysAnExclusiveMinimum_theLongestDuration_andWhatABareNumberMeans() {
    assertThat(Durations.rule(Duration.ZERO, true, Duration.ofDays(1), null))
        .isEqualTo(
            "a duration > 0 s and <= 1 d, an integer and a unit (ns, us, ms, s, m, h) such as"
                + " 250ms");
    assertThat(Durations.rule(Duration.ofNanos(1), false, Durations.LONGEST, TimeUnit.MILLISECONDS))
        .isEqualTo(
            "a duration >= 1 ns and <= 292 years, an integer and a unit (ns, us, ms, s, m, h)"
                + " such as 250ms (a bare number is ms)");
  }

  @Test
  void within_excludesTheMinimumOnlyWhenAsked() {
    Duration max = Duration.ofSeconds(1);
    assertThat(Durations.within(Duration.ZERO, Duration.ZERO, false, max)).isTrue();
    assertThat(Durations.within(Duration.ZERO, Duration.ZERO, true, max)).isFalse();
    assertThat(Durations.within(Duration.ofNanos(1), Duration.ZERO, true, max)).isTrue();
    assertThat(Durations.within(Duration.ofMillis(1001), Duration.ZERO, false, max)).isFalse();
  }

  @ParameterizedTest
  @CsvSource({
    "PT0S, 0 s",
    "PT0.00000085S, 850 ns",
    "PT0.000001S, 1 µs",
    "PT0.000001234S, 1.23 µs",
    "PT0.000212S, 212 µs",
    "PT0.00021249S, 212 µs",
    "PT0.0042S, 4.2 ms",
    "PT0.0125S, 12.5 ms",
    "PT0.85S, 850 ms",
    "PT0.99996S, 1 s",
    "PT1S, 1 s",
    "PT1.52S, 1.5 s",
    "PT1.25S, 1.3 s",
    "PT4.76S, 4.8 s",
    "PT9.96S, 10 s",
    "PT119.9S, 1 min 59 s",
    "PT45S, 45 s",
    "PT59.96S, 1 min",
    "PT60S, 1 min",
    "PT200S, 3 min 20 s",
    "PT1H, 1 h",
    "PT5H32M10S, 5 h 32 min",
    "PT5H14M59S, 5 h 14 min",
    "P4000D, '4,000 d'",
    "PT24H, 1 d",
    "PT76H, 3 d 4 h",
    "PT-0.0042S, -4.2 ms"
  })
  void format_readsForPeople_threeFiguresBelowASecond_thenTenthsOfASecond(
      Duration duration, String text) {
    assertThat(Durations.format(duration)).isEqualTo(text);
  }

  @Test
  void format_ofTheLongest_groupsItsDays() {
    assertThat(Durations.format(Durations.LONGEST)).isEqualTo("106,751 d 23 h");
  }
}
