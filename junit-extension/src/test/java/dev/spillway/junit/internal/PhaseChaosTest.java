package dev.spillway.junit.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.spillway.toolkit.load.LoadProfile;
import dev.spillway.toolkit.record.EventSink;
import dev.spillway.toolkit.record.TraceEvent;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * {@link PhaseChaos#loadEnded()} waits at most {@link PhaseChaos#CLOSE_TIMEOUT} for the open steps
 * to switch off, then interrupts the chaos thread and says so. The blocked switch-off stays blocked
 * for {@link #BLOCKED_FOR} unless released; every test releases it when it ends.
 */
class PhaseChaosTest {

  private static final Duration BLOCKED_FOR = Duration.ofSeconds(60);

  /** 2.5 × the close timeout for a loaded machine, a twelfth of how long the step blocks. */
  private static final Duration WELL_BEFORE_RELEASE = Duration.ofSeconds(5);

  private static final LoadProfile PROFILE =
      LoadProfile.builder().constant(10).perSecond().during(Duration.ofSeconds(1)).build();

  private final CountDownLatch opened = new CountDownLatch(1);
  private final CountDownLatch release = new CountDownLatch(1);
  private final AtomicBoolean sawInterrupt = new AtomicBoolean();

  @AfterEach
  void release() {
    release.countDown();
  }

  @Test
  void aStepThatDoesNotSwitchOff_holdsTheEndOfTheLoadForTheCloseTimeoutOnly_andIsNamed()
      throws InterruptedException {
    String phase = PROFILE.phases().get(0).name();
    AutoCloseable stuckOff =
        () -> {
          long end = System.nanoTime() + BLOCKED_FOR.toNanos();
          while (release.getCount() > 0 && System.nanoTime() - end < 0) {
            try {
              release.await(end - System.nanoTime(), TimeUnit.NANOSECONDS);
            } catch (InterruptedException e) {
              sawInterrupt.set(true); // and goes on: this switch-off ignores interrupts
            }
          }
        };
    PhaseChaos chaos =
        new PhaseChaos(
            "stuckChaos",
            List.of(
                new PhaseChaos.Entry(
                    phase,
                    () -> {
                      opened.countDown();
                      return stuckOff;
                    })),
            PROFILE,
            EventSink.NONE,
            () -> {});
    chaos.start();
    chaos.phases().record(new TraceEvent(System.nanoTime(), TraceEvent.Kind.PHASE, "load", phase));
    assertThat(opened.await(5, TimeUnit.SECONDS)).isTrue();

    long start = System.nanoTime();
    chaos.loadEnded();
    Duration took = Duration.ofNanos(System.nanoTime() - start);

    assertThat(took)
        .isGreaterThanOrEqualTo(PhaseChaos.CLOSE_TIMEOUT)
        .isLessThan(WELL_BEFORE_RELEASE);
    assertThat(chaos.failures())
        .containsExactly(
            "chaos was still switching 2 s after the load ended (spillway-chaos-stuckChaos was"
                + " interrupted)");
    // the interrupt reaches the chaos thread, which notes it on its own time: wait for it
    await().atMost(Duration.ofSeconds(5)).untilTrue(sawInterrupt);
  }
}
