package dev.spillway.toolkit.sentinel;

import static dev.spillway.toolkit.sentinel.Fixtures.drainTo;
import static dev.spillway.toolkit.sentinel.Fixtures.eventually;
import static dev.spillway.toolkit.sentinel.Fixtures.fillTo;
import static org.assertj.core.api.Assertions.assertThat;

import dev.spillway.toolkit.record.InstrumentedQueue;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class SentinelRestartTest {

  private final InstrumentedQueue<Integer> queue = InstrumentedQueue.unbounded("orders");

  @Test
  void restart_callsTheComponent_andRecordsDroppedAndRedeliveredCounts() {
    AtomicInteger restarts = new AtomicInteger();
    ConsumerRestart component =
        () -> {
          restarts.incrementAndGet();
          // the component drains its queue: 30 go back to the new consumer, the rest are dropped
          List<Integer> left = new ArrayList<>();
          queue.drainTo(left);
          return new RestartOutcome(left.size() - 30, 30);
        };
    try (Sentinel sentinel =
        Sentinel.watching(queue)
            .enableAt(100)
            .disableAt(10)
            .mitigate(Mitigation.restart(component))
            .start()) {
      // exactly 100 offers: the restart drains the queue concurrently, so filling "to 100"
      // could start a second excursion
      for (int i = 0; i < 100; i++) {
        queue.offer(i);
      }

      eventually().until(() -> sentinel.breachCount() == 1);
      Breach breach = sentinel.breaches().get(0);
      assertThat(restarts).hasValue(1);
      assertThat(breach.dropped()).isEqualTo(70);
      assertThat(breach.redelivered()).isEqualTo(30);
      assertThat(breach.results())
          .singleElement()
          .satisfies(
              r -> {
                assertThat(r.action()).isEqualTo("restart");
                assertThat(r.succeeded()).isTrue();
                assertThat(r.restartOutcome()).isEqualTo(new RestartOutcome(70, 30));
                assertThat(r.detail()).contains("dropped 70", "redelivered 30");
              });
      assertThat(queue).isEmpty();
      eventually().until(sentinel::isArmed);
    }
  }

  @Test
  void restart_thatThrows_isRecordedAsAFailure_andTheNextMitigationStillRuns() {
    List<Breach> seen = new ArrayList<>();
    try (Sentinel sentinel =
        Sentinel.watching(queue)
            .enableAt(5)
            .disableAt(1)
            .actionsInline()
            .mitigate(
                Mitigation.restart(
                        () -> {
                          throw new IllegalStateException("consumer will not stop");
                        })
                    .and(Mitigation.callback(seen::add)))
            .start()) {
      fillTo(queue, 5);

      Breach breach = sentinel.breaches().get(0);
      assertThat(breach.results())
          .extracting(MitigationResult::action)
          .containsExactly("restart", "callback");
      MitigationResult restart = breach.results().get(0);
      assertThat(restart.succeeded()).isFalse();
      assertThat(restart.detail()).contains("consumer will not stop");
      assertThat(restart.restartOutcome()).isEqualTo(RestartOutcome.NOTHING);
      assertThat(seen).singleElement().satisfies(b -> assertThat(b.results()).hasSize(1));
    }
  }

  @Test
  void restart_thatReturnsNull_isRecordedAsAFailure() {
    try (Sentinel sentinel =
        Sentinel.watching(queue)
            .enableAt(5)
            .disableAt(1)
            .actionsInline()
            .mitigate(Mitigation.restart(() -> null))
            .start()) {
      fillTo(queue, 5);

      MitigationResult result = sentinel.breaches().get(0).results().get(0);
      assertThat(result.succeeded()).isFalse();
      assertThat(result.detail()).contains("no outcome");
    }
  }

  @Test
  void restart_interrupted_restoresTheFlag_andRecordsIt() {
    try (Sentinel sentinel =
        Sentinel.watching(queue)
            .enableAt(5)
            .disableAt(1)
            .actionsInline()
            .mitigate(
                Mitigation.restart(
                    () -> {
                      throw new InterruptedException();
                    }))
            .start()) {
      fillTo(queue, 5);

      assertThat(Thread.interrupted()).as("flag restored (and cleared here)").isTrue();
      assertThat(sentinel.breaches().get(0).results().get(0).detail()).contains("interrupted");
    }
  }

  @Test
  void restart_runsOncePerExcursion() {
    AtomicInteger restarts = new AtomicInteger();
    try (Sentinel sentinel =
        Sentinel.watching(queue)
            .enableAt(10)
            .disableAt(2)
            .actionsInline()
            .mitigate(
                Mitigation.restart(
                    () -> {
                      restarts.incrementAndGet();
                      return RestartOutcome.NOTHING;
                    }))
            .start()) {
      for (int i = 0; i < 3; i++) {
        fillTo(queue, 15);
        drainTo(queue, 2);
      }

      assertThat(restarts).hasValue(3);
      assertThat(sentinel.breaches()).extracting(Breach::excursion).containsExactly(1L, 2L, 3L);
    }
  }
}
