package dev.spillway.toolkit.inject;

import static java.util.concurrent.TimeUnit.MILLISECONDS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class StallTest {

  private static final long MS = 1_000_000;

  @Test
  void once_holdsOnlyTheTimesInsideItsWindow() {
    Stall s = Stall.once(Duration.ofMillis(100), Duration.ofMillis(50));
    assertThat(s.windowEndAt(100 * MS - 1)).isEqualTo(-1);
    assertThat(s.windowEndAt(100 * MS)).isEqualTo(150 * MS);
    assertThat(s.windowEndAt(150 * MS - 1)).isEqualTo(150 * MS);
    assertThat(s.windowEndAt(150 * MS)).isEqualTo(-1);
    assertThat(s.windowEndAt(10_000 * MS)).isEqualTo(-1);
    assertThat(s.isPeriodic()).isFalse();
  }

  @Test
  void every_opensItsFirstWindowOnePeriodInAndRepeats() {
    Stall s = Stall.every(100, 10, MILLISECONDS);
    assertThat(s.windowEndAt(0)).isEqualTo(-1);
    assertThat(s.windowEndAt(99 * MS)).isEqualTo(-1);
    assertThat(s.windowEndAt(100 * MS)).isEqualTo(110 * MS);
    assertThat(s.windowEndAt(110 * MS)).isEqualTo(-1);
    assertThat(s.windowEndAt(705 * MS)).isEqualTo(710 * MS);
    assertThat(s.isPeriodic()).isTrue();
  }

  @Test
  void startingAt_movesTheFirstWindow() {
    Stall s = Stall.every(100, 10, MILLISECONDS).startingAt(Duration.ZERO);
    assertThat(s.windowEndAt(0)).isEqualTo(10 * MS);
    assertThat(s.windowEndAt(205 * MS)).isEqualTo(210 * MS);
    assertThat(Stall.every(100, 10, MILLISECONDS).startingAt(5, MILLISECONDS).windowEndAt(6 * MS))
        .isEqualTo(15 * MS);
  }

  @Test
  void nextBoundaryAfter_walksStartsAndEndsInOrder() {
    Stall s = Stall.every(100, 10, MILLISECONDS);
    assertThat(s.nextBoundaryAfter(-1)).isEqualTo(100 * MS);
    assertThat(s.nextBoundaryAfter(100 * MS)).isEqualTo(110 * MS);
    assertThat(s.nextBoundaryAfter(110 * MS)).isEqualTo(200 * MS);
    assertThat(s.opensAt(200 * MS)).isTrue();
    assertThat(s.opensAt(210 * MS)).isFalse();
    Stall once = Stall.once(1, 2, MILLISECONDS);
    assertThat(once.nextBoundaryAfter(0)).isEqualTo(MS);
    assertThat(once.nextBoundaryAfter(MS)).isEqualTo(3 * MS);
    assertThat(once.nextBoundaryAfter(3 * MS)).isEqualTo(Long.MAX_VALUE);
  }

  @Test
  void toString_listsEveryComponent() {
    assertThat(Stall.once(1, 2, MILLISECONDS))
        .hasToString("Stall[start=PT0.001S, length=PT0.002S, period=once]");
    assertThat(Stall.every(100, 10, MILLISECONDS))
        .hasToString("Stall[start=PT0.1S, length=PT0.01S, period=PT0.1S]");
  }

  @Test
  void factories_rejectEveryBadArgument() {
    assertThatThrownBy(() -> Stall.once(Duration.ofMillis(-1), Duration.ofMillis(1)))
        .hasMessage("stall start must be a duration >= 0, but was PT-0.001S");
    assertThatThrownBy(() -> Stall.once(null, Duration.ofMillis(1)))
        .hasMessage("stall start must not be null");
    assertThatThrownBy(() -> Stall.once(Duration.ZERO, Duration.ZERO))
        .hasMessage("stall length must be a positive duration, but was PT0S");
    assertThatThrownBy(() -> Stall.once(Duration.ZERO, null))
        .hasMessage("stall length must not be null");
    assertThatThrownBy(() -> Stall.every(Duration.ZERO, Duration.ofMillis(1)))
        .hasMessage("stall period must be a positive duration, but was PT0S");
    assertThatThrownBy(() -> Stall.every(null, Duration.ofMillis(1)))
        .hasMessage("stall period must not be null");
    assertThatThrownBy(() -> Stall.every(10, 10, MILLISECONDS))
        .hasMessage(
            "stall period must be zero (once) or > the stall length (PT0.01S), but was PT0.01S");
    assertThatThrownBy(() -> Stall.every(10, 0, MILLISECONDS))
        .hasMessage("stall length must be a positive duration, but was PT0S");
    assertThatThrownBy(() -> Stall.every(100, 10, MILLISECONDS).startingAt(Duration.ofNanos(-1)))
        .hasMessage("stall start must be a duration >= 0, but was PT-0.000000001S");
    assertThatThrownBy(() -> Stall.once(1, 1, null))
        .hasMessage("stall start unit must not be null");
    assertThatThrownBy(() -> Stall.every(1, 1, null))
        .hasMessage("stall period unit must not be null");
    assertThatThrownBy(() -> new Stall(Duration.ZERO, Duration.ofMillis(1), Duration.ofNanos(-1)))
        .hasMessage("stall period must be a duration >= 0, but was PT-0.000000001S");
  }
}
