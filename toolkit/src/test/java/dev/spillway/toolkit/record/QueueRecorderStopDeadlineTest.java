package dev.spillway.toolkit.record;

import static org.assertj.core.api.Assertions.assertThat;

import dev.spillway.toolkit.probe.QueueProbe;
import dev.spillway.toolkit.testing.LogCapture;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Stopping a recorder whose probe blocks and ignores interrupts: bounded, and it says so. */
class QueueRecorderStopDeadlineTest {

  private volatile boolean released;

  @AfterEach
  void release() {
    released = true;
  }

  @Test
  void aProbeThatBlocksForever_doesNotHoldStop_andIsNamed() throws InterruptedException {
    CountDownLatch blocking = new CountDownLatch(1);
    QueueProbe stuck =
        QueueProbe.of(
            "stuck-queue",
            () -> {
              blocking.countDown();
              while (!released) { // ignores interrupts, as a blocking remote call may
                LockSupport.parkNanos(1_000_000);
              }
              return 0;
            });
    try (LogCapture log = LogCapture.of(QueueRecorder.class)) {
      QueueRecorder recorder = QueueRecorder.sampling(stuck).named("rec").build();
      recorder.start();
      assertThat(blocking.await(10, TimeUnit.SECONDS)).isTrue();

      long start = System.nanoTime();
      QueueTrace trace = recorder.stop();
      Duration took = Duration.ofNanos(System.nanoTime() - start);

      // it waits twice its grace (1 s, then 1 s after an interrupt), and not for the probe, which
      // stays blocked until the test ends (60 s would be the test's own timeout)
      assertThat(took)
          .isGreaterThanOrEqualTo(Duration.ofSeconds(2))
          .isLessThan(Duration.ofSeconds(10));
      assertThat(trace.series("stuck-queue").size()).isZero();
      assertThat(log.lines())
          .singleElement()
          .asString()
          .startsWith("recorder 'rec': its sampling thread ")
          .contains("did not stop within 2000 ms, blocked reading probe 'stuck-queue'");
    }
  }
}
