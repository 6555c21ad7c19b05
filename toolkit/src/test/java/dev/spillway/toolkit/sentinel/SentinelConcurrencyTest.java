package dev.spillway.toolkit.sentinel;

import static dev.spillway.toolkit.sentinel.Fixtures.drainTo;
import static dev.spillway.toolkit.sentinel.Fixtures.fillTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.spillway.toolkit.record.InstrumentedQueue;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SentinelConcurrencyTest {

  private static final int PRODUCERS = 4;

  @ParameterizedTest(name = "actions inline: {0}")
  @ValueSource(booleans = {true, false})
  void producersRacingAcrossEnable_fireExactlyOnce(boolean inline) throws Exception {
    for (int round = 0; round < 20; round++) {
      InstrumentedQueue<Integer> queue = InstrumentedQueue.unbounded("race-" + round);
      AtomicInteger calls = new AtomicInteger();
      SentinelBuilder builder =
          Sentinel.watching(queue)
              .enableAt(1_000)
              .disableAt(100)
              .mitigate(Mitigation.callback(b -> calls.incrementAndGet()));
      try (Sentinel sentinel =
          (inline ? builder.actionsInline() : builder.actionsOnSentinelThread()).start()) {
        fillTo(queue, 990);
        CyclicBarrier start = new CyclicBarrier(PRODUCERS);
        List<Thread> producers = new ArrayList<>();
        for (int p = 0; p < PRODUCERS; p++) {
          Thread t =
              new Thread(
                  () -> {
                    awaitQuietly(start);
                    for (int i = 0; i < 50; i++) {
                      queue.offer(i);
                    }
                  });
          t.start();
          producers.add(t);
        }
        for (Thread t : producers) {
          t.join();
        }

        await().atMost(Duration.ofSeconds(5)).until(() -> sentinel.breachCount() == 1);
        assertThat(calls).as("round %d", round).hasValue(1);
        // the enqueue that fires is the first whose listener wins the CAS: depth >= enable
        assertThat(sentinel.breaches())
            .singleElement()
            .satisfies(b -> assertThat(b.depth()).isBetween(1_000L, 990L + PRODUCERS * 50));
        drainTo(queue, 100);
        assertThat(sentinel.isArmed()).isTrue();
      }
    }
  }

  @ParameterizedTest(name = "actions inline: {0}")
  @ValueSource(booleans = {true, false})
  void producersAndConsumersRacingAroundBothThresholds_neverLeaveTheSentinelStuck(boolean inline)
      throws Exception {
    for (int round = 0; round < 10; round++) {
      InstrumentedQueue<Integer> queue = InstrumentedQueue.unbounded("churn-" + round);
      SentinelBuilder builder =
          Sentinel.watching(queue).enableAt(6).disableAt(2).mitigate(Mitigation.shed());
      try (Sentinel sentinel =
          (inline ? builder.actionsInline() : builder.actionsOnSentinelThread()).start()) {
        AtomicBoolean stop = new AtomicBoolean();
        List<Thread> threads = new ArrayList<>();
        for (int p = 0; p < 3; p++) {
          SplittableRandom random = new SplittableRandom(round * 31L + p);
          boolean producer = p < 2;
          Thread t =
              new Thread(
                  () -> {
                    for (int i = 0; i < 20_000 && !stop.get(); i++) {
                      if (producer) {
                        if (sentinel.admits() || random.nextInt(4) == 0) {
                          queue.offer(i);
                        }
                      } else {
                        queue.poll();
                      }
                    }
                  });
          t.start();
          threads.add(t);
        }
        for (Thread t : threads) {
          t.join();
        }
        drainTo(queue, 0);

        assertThat(sentinel.isArmed()).as("armed once empty, round %d", round).isTrue();
        assertThat(sentinel.isShedding()).isFalse();
        await()
            .atMost(Duration.ofSeconds(5))
            .untilAsserted(
                () -> assertThat(sentinel.rearmCount()).isEqualTo(sentinel.breachCount()));
        assertThat(sentinel.breaches())
            .extracting(Breach::excursion)
            .as("recorded in order")
            .isSorted();
      }
    }
  }

  private static void awaitQuietly(CyclicBarrier barrier) {
    try {
      barrier.await();
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }
}
