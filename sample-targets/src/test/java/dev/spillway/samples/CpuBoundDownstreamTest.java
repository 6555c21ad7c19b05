package dev.spillway.samples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * The CPU-bound downstream burns its service time as CPU, where the in-process one waits: the
 * difference that makes a CPU quota matter.
 */
class CpuBoundDownstreamTest {

  private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();
  private static final Event EVENT = new Event(1, "k", "", 0);

  /** The CPU time this thread spends handling {@code events} events. */
  private static Duration cpuTimeOf(Downstream downstream, int events) throws Exception {
    long start = THREADS.getCurrentThreadCpuTime();
    for (int i = 0; i < events; i++) {
      downstream.handle(EVENT);
    }
    return Duration.ofNanos(THREADS.getCurrentThreadCpuTime() - start);
  }

  @Test
  void eachEvent_burnsItsServiceTimeAsCpu_whereTheInProcessOneWaitsForFree() throws Exception {
    Duration burnt = cpuTimeOf(Downstream.cpuBound(Duration.ofMillis(5)), 20);
    Duration waited = cpuTimeOf(Downstream.inProcess(Duration.ofMillis(5)), 20);

    assertThat(burnt).isGreaterThanOrEqualTo(Duration.ofMillis(100));
    // the clock is read every ~µs: each event stops within a few µs of its 5 ms (plus scheduling)
    assertThat(burnt).isLessThan(Duration.ofMillis(150));
    assertThat(waited).as("sleeping costs (almost) no CPU").isLessThan(burnt.dividedBy(4));
    assertThat(Downstream.cpuBound(Duration.ofMillis(5)).toString())
        .isEqualTo("CPU-bound in-process downstream, 5.0 ms CPU per event");
  }

  @Test
  void anInterruptedThread_stopsBurning_withAnInterruptedException() {
    Downstream forever = Downstream.cpuBound(Duration.ofHours(1));
    Thread.currentThread().interrupt();
    long start = System.nanoTime();
    assertThatThrownBy(() -> forever.handle(EVENT))
        .isInstanceOf(InterruptedException.class)
        .hasMessage("interrupted in the middle of CPU-bound work");
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(1));
  }

  @Test
  void aConsumerBurningCpu_isInterruptedByClose_andItsEventsCountedDropped() {
    EventTracker singleton = Designs.singleton(Downstream.cpuBound(Duration.ofMinutes(10)));
    singleton.track("k", "");
    singleton.track("k", "");
    CloseSummary summary = singleton.close(Duration.ZERO);
    assertThat(summary.dropped()).isEqualTo(2);
    assertThat(summary.books().isBalanced()).as(summary.books().describe()).isTrue();
  }

  @Test
  void aZeroCpuTime_handlesAtOnce() throws Exception {
    assertThat(cpuTimeOf(Downstream.cpuBound(Duration.ZERO), 1_000))
        .isLessThan(Duration.ofMillis(50));
  }

  @Test
  void aNegativeOrMissingCpuTime_isRejected() {
    assertThatThrownBy(() -> Downstream.cpuBound(Duration.ofNanos(-1)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("CPU time must be a duration >= 0, but was PT-0.000000001S");
    assertThatThrownBy(() -> Downstream.cpuBound(null))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("CPU time must not be null");
  }
}
