package dev.spillway.toolkit.sentinel;

import static dev.spillway.toolkit.sentinel.Fixtures.eventually;
import static org.assertj.core.api.Assertions.assertThat;

import dev.spillway.toolkit.probe.ProbeException;
import dev.spillway.toolkit.probe.QueueProbe;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class SentinelPollingTest {

  private final AtomicLong depth = new AtomicLong();
  private final QueueProbe probe = QueueProbe.of("remote-mailbox", depth::get);

  @Test
  void polling_detectsAProbeCrossingEnable_andRearmsWhenItFallsToDisable() {
    try (Sentinel sentinel =
        Sentinel.polling(probe)
            .every(5, TimeUnit.MILLISECONDS)
            .enableAt(100)
            .disableAt(20)
            .mitigate(Mitigation.none())
            .start()) {
      depth.set(99);
      assertThat(sentinel.isEventDriven()).isFalse();
      assertThat(sentinel.pollingInterval()).isEqualTo(Duration.ofMillis(5));

      depth.set(150);
      eventually().until(() -> sentinel.breachCount() == 1);
      assertThat(sentinel.breaches().get(0).depth()).isEqualTo(150);
      assertThat(sentinel.breaches().get(0).source()).isEqualTo("remote-mailbox");

      depth.set(21);
      depth.set(20);
      eventually().until(sentinel::isArmed);
      depth.set(100);
      eventually().until(() -> sentinel.breachCount() == 2);
      assertThat(sentinel.rearmCount()).isEqualTo(1);
    }
  }

  @Test
  void polling_runsOnANamedDaemonThread_thatCloseStops() {
    Sentinel sentinel =
        Sentinel.polling(probe)
            .every(Duration.ofMillis(1))
            .enableAt(10)
            .disableAt(5)
            .named("poll-test")
            .mitigate(Mitigation.none())
            .start();
    Thread thread = SentinelHysteresisTest.sentinelThread("spillway-sentinel-poll-test");
    assertThat(thread.isDaemon()).isTrue();

    sentinel.close();

    assertThat(thread.isAlive()).isFalse();
    assertThat(sentinel.isClosed()).isTrue();
  }

  @Test
  void polling_countsProbeFailures_andKeepsPolling() {
    AtomicBoolean broken = new AtomicBoolean(true);
    QueueProbe flaky =
        QueueProbe.of(
            "flaky",
            () -> {
              if (broken.get()) {
                throw new ProbeException("flaky: connection refused");
              }
              return depth.get();
            });
    try (Sentinel sentinel =
        Sentinel.polling(flaky)
            .every(Duration.ofMillis(1))
            .enableAt(10)
            .disableAt(5)
            .mitigate(Mitigation.none())
            .start()) {
      eventually().until(() -> sentinel.probeFailures() >= 3);

      depth.set(10);
      broken.set(false);

      eventually().until(() -> sentinel.breachCount() == 1);
    }
  }

  @Test
  void polling_treatsANegativeDepthAsAFailure_notAsAFallBack() {
    try (Sentinel sentinel =
        Sentinel.polling(probe)
            .every(Duration.ofMillis(1))
            .enableAt(10)
            .disableAt(5)
            .mitigate(Mitigation.shed())
            .start()) {
      depth.set(10);
      eventually().until(sentinel::isShedding);

      depth.set(-1);
      eventually().until(() -> sentinel.probeFailures() >= 2);

      assertThat(sentinel.isShedding()).isTrue();
    }
  }
}
