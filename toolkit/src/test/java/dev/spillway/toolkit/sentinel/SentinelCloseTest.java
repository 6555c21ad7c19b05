package dev.spillway.toolkit.sentinel;

import static dev.spillway.toolkit.sentinel.Fixtures.drainTo;
import static dev.spillway.toolkit.sentinel.Fixtures.eventually;
import static dev.spillway.toolkit.sentinel.Fixtures.fillTo;
import static org.assertj.core.api.Assertions.assertThat;

import dev.spillway.toolkit.probe.QueueProbe;
import dev.spillway.toolkit.record.InstrumentedQueue;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class SentinelCloseTest {

  private final InstrumentedQueue<Integer> queue = InstrumentedQueue.unbounded("orders");
  private final AtomicInteger calls = new AtomicInteger();
  private final Fixtures.RecordingSink sink = new Fixtures.RecordingSink();

  @Test
  void close_detachesFromTheQueue_noCallbackOrEventAfterIt() {
    Sentinel sentinel =
        Sentinel.watching(queue)
            .enableAt(10)
            .disableAt(5)
            .named("closing")
            .mitigate(Mitigation.callback(b -> calls.incrementAndGet()))
            .events(sink)
            .start();
    Thread thread = SentinelHysteresisTest.sentinelThread("spillway-sentinel-closing");

    sentinel.close();
    fillTo(queue, 50);
    drainTo(queue, 0);
    fillTo(queue, 50);

    assertThat(calls).hasValue(0);
    assertThat(sink.events()).isEmpty();
    assertThat(sentinel.breachCount()).isZero();
    assertThat(sentinel.isArmed()).isFalse();
    assertThat(thread.isAlive()).isFalse();
    assertThat(sentinel.toString()).contains("state=closed");
  }

  @Test
  void close_waitsForBreachesAlreadyDetected_beforeReturning() {
    Sentinel sentinel =
        Sentinel.watching(queue)
            .enableAt(10)
            .disableAt(5)
            .mitigate(Mitigation.callback(b -> calls.incrementAndGet()))
            .start();
    fillTo(queue, 10);

    sentinel.close();

    assertThat(calls).hasValue(1);
    assertThat(sentinel.breachCount()).isEqualTo(1);
  }

  @Test
  void close_isIdempotent_andMayBeCalledFromACallback() {
    AtomicLong depth = new AtomicLong();
    Sentinel[] self = new Sentinel[1];
    Sentinel sentinel =
        Sentinel.polling(QueueProbe.of("p", depth::get))
            .every(Duration.ofMillis(1))
            .enableAt(10)
            .disableAt(5)
            .mitigate(
                Mitigation.callback(
                    b -> {
                      calls.incrementAndGet();
                      if (self[0] != null) {
                        self[0].close();
                      }
                    }))
            .start();
    self[0] = sentinel;
    depth.set(20);
    eventually().until(() -> calls.get() >= 1 && sentinel.isClosed());

    sentinel.close();
    sentinel.close();

    assertThat(sentinel.isClosed()).isTrue();
  }

  @Test
  void closeInsideAnInlineCallback_doesNotDeadlock() {
    Sentinel[] self = new Sentinel[1];
    Sentinel sentinel =
        Sentinel.watching(queue)
            .enableAt(10)
            .disableAt(5)
            .actionsInline()
            .mitigate(Mitigation.callback(b -> self[0].close()))
            .start();
    self[0] = sentinel;

    fillTo(queue, 10);

    assertThat(sentinel.isClosed()).isTrue();
    assertThat(sentinel.breachCount()).isEqualTo(1);
  }

  @Test
  void closeInsideACallbackOnTheSentinelThread_doesNotDeadlock() {
    Sentinel[] self = new Sentinel[1];
    Sentinel sentinel =
        Sentinel.watching(queue)
            .enableAt(10)
            .disableAt(5)
            .mitigate(Mitigation.callback(b -> self[0].close()))
            .start();
    self[0] = sentinel;

    fillTo(queue, 10);

    eventually().until(() -> sentinel.isClosed() && sentinel.breachCount() == 1);
  }
}
