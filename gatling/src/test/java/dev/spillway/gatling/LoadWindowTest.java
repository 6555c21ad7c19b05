package dev.spillway.gatling;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class LoadWindowTest {

  private static final long ORIGIN = 1_000_000_000L; // the trace's start, in nanoTime
  private static final Duration TRACE = Duration.ofSeconds(8);

  private static long at(long millis) {
    return ORIGIN + millis * 1_000_000L;
  }

  @Test
  void theWindowIsTheSendsAsTheyHappened_notTheFirstSendPlusThePlan() {
    // a 4 s profile whose first user ran 230 ms after Gatling's injector started: its last send
    // came 3.77 s after its first, and the queue drained from then on
    Duration[] window = Spillway.loadWindow(ORIGIN, TRACE, at(935), at(4_705), at(6_000));

    assertThat(window[0]).isEqualTo(Duration.ofMillis(935));
    assertThat(window[1]).isEqualTo(Duration.ofMillis(4_705));
  }

  @Test
  void withoutSends_theWholeTraceUpToTheEnd() {
    assertThat(Spillway.loadWindow(ORIGIN, TRACE, 0, 0, at(6_000)))
        .containsExactly(Duration.ZERO, Duration.ofSeconds(6));
  }

  @Test
  void aWindowThatDoesNotFitTheTrace_isTheWholeTrace() {
    // one send only: no window to fit a slope over
    assertThat(Spillway.loadWindow(ORIGIN, TRACE, at(900), at(900), at(6_000)))
        .containsExactly(Duration.ZERO, Duration.ofSeconds(6));
  }
}
