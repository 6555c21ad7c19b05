package dev.spillway.samples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The in-process downstream: a fixed service time per event, interruptible. */
class InProcessDownstreamTest {

  @Test
  void eachEventTakesAtLeastTheServiceTime() throws Exception {
    Downstream fiveMillis = Downstream.inProcess(Duration.ofMillis(5));
    Event event = new Event(1, "k", "", System.nanoTime());
    long start = System.nanoTime();
    for (int i = 0; i < 20; i++) {
      fiveMillis.handle(event);
    }
    long elapsed = System.nanoTime() - start;
    // waits never end early, and a late one is paid back by the next, so 20 events take >= 100 ms
    assertThat(Duration.ofNanos(elapsed)).isGreaterThanOrEqualTo(Duration.ofMillis(95));
    assertThat(fiveMillis.toString()).isEqualTo("in-process downstream, 5.0 ms per event");
  }

  @Test
  void aZeroServiceTime_handlesAtOnce_evenOnAnInterruptedThread() throws Exception {
    Downstream instant = Downstream.inProcess(Duration.ZERO);
    Thread.currentThread().interrupt();
    try {
      instant.handle(new Event(1, "k", "", System.nanoTime()));
    } finally {
      assertThat(Thread.interrupted()).as("the interrupt is left alone").isTrue();
    }
  }

  @Test
  void aConsumerInTheMiddleOfItsServiceTime_isInterruptedByClose_andTheEventDropped() {
    EventTracker singleton = Designs.singleton(Downstream.inProcess(Duration.ofMinutes(10)));
    singleton.track("k", "");
    singleton.track("k", "");
    CloseSummary summary = singleton.close(Duration.ZERO);
    assertThat(summary.dropped()).isEqualTo(2);
    assertThat(summary.books().dropped()).isEqualTo(2);
    assertThat(summary.books().isBalanced()).as(summary.books().describe()).isTrue();
  }

  @Test
  void aNegativeOrMissingServiceTime_isRejected() {
    assertThatThrownBy(() -> Downstream.inProcess(Duration.ofNanos(-1)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("service time must be a duration >= 0, but was PT-0.000000001S");
    assertThatThrownBy(() -> Downstream.inProcess(null))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("service time must not be null");
  }
}
