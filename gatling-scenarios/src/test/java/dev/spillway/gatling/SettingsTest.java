package dev.spillway.gatling;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SettingsTest {

  static Settings of(Map<String, String> props) {
    return new Settings(props::get);
  }

  @Test
  void positiveLong_readsAPropertyOrFallsBack() {
    Settings s = of(Map.of("a", " 42 ", "blank", ""));

    assertThat(s.positiveLong("a", 7)).isEqualTo(42);
    assertThat(s.positiveLong("b", 7)).isEqualTo(7);
    assertThat(s.positiveLong("blank", 7)).isEqualTo(7);
    assertThat(s.millis("a", Duration.ofSeconds(1))).isEqualTo(Duration.ofMillis(42));
  }

  @Test
  void positiveLong_rejectsANonNumber() {
    assertThatThrownBy(
            () ->
                of(Map.of("spillway.bound.bounded", "lots"))
                    .positiveLong("spillway.bound.bounded", 1))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "system property spillway.bound.bounded must be a whole number >= 1, but was 'lots'");
  }

  @Test
  void positiveLong_rejectsZero() {
    assertThatThrownBy(() -> of(Map.of("p", "0")).positiveLong("p", 1))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("system property p must be a whole number >= 1, but was 0");
  }
}
