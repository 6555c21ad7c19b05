package dev.spillway.samples.capacity;

import static org.assertj.core.api.Assertions.assertThat;

import dev.spillway.junit.CapacityAtLeast;
import dev.spillway.junit.CapacityHarness;
import dev.spillway.junit.CapacityTest;
import dev.spillway.samples.Designs;
import dev.spillway.samples.Downstream;
import dev.spillway.toolkit.capacity.CapacityResult;
import java.time.Duration;
import org.junit.jupiter.api.Tag;

/**
 * The root README's capacity test, compiled and run ({@link ReadmeCapacityTest} keeps the README's
 * copy identical): six or seven trials of 1.3 s of load each, about 10 s.
 */
@Tag("survival")
@Tag("capacity")
class CapacityQuickStartTest {

  // README-SNIPPET-START capacity
  @CapacityTest(lowest = 100, highest = 300, resolution = 20, trial = "1s", warmUp = "300ms")
  @CapacityAtLeast(perSecond = 100) // the gate: fails the test when the knee falls below 100/s
  void aFiveMillisecondConsumer_sustainsAbout200PerSecond(CapacityHarness harness) {
    // a fresh singleton per trial (one consumer, 5 ms per event), stopped when its trial ends
    CapacityResult capacity =
        harness.findCapacity(
            DesignTrials.of(() -> Designs.singleton(Downstream.inProcess(Duration.ofMillis(5)))));
    // the knee is the highest rate a trial sustained; the capacity lies in [kneeLow, kneeHigh)
    assertThat(capacity.kneeHigh() - capacity.kneeLow()).isLessThanOrEqualTo(20);
    assertThat(capacity.saturatedServiceRate()).isPresent(); // μ, measured while it fell behind
  }
  // README-SNIPPET-END capacity
}
