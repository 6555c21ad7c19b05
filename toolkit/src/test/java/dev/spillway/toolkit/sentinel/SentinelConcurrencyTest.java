package dev.spillway.toolkit.sentinel;

import static dev.spillway.toolkit.sentinel.Fixtures.drainTo;
import static dev.spillway.toolkit.sentinel.Fixtures.eventually;
import static dev.spillway.toolkit.sentinel.Fixtures.fillTo;
import static org.assertj.core.api.Assertions.assertThat;

import dev.spillway.toolkit.record.DepthListener;
import dev.spillway.toolkit.record.InstrumentedQueue;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.LongPredicate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SentinelConcurrencyTest {

  private static final int PRODUCERS = 4;

  @ParameterizedTest(name = "actions inline: {0}")
  @ValueSource(booleans = {true, false})
  void producersRacingAcrossEnable_fireExactlyOnce(boolean inline) throws Exception {
    for (int round = 0; round < 20; round++) {
      InstrumentedQueue<Integer> queue = InstrumentedQueue.unbounded("race-" + round);
      // runs before the sentinel's listener: holds each producer's first enqueue (depths
      // 1000..1003, all at or above enable) until all have made theirs, so that every producer
      // runs the sentinel's check at the same moment
      CyclicBarrier atCrossing = new CyclicBarrier(PRODUCERS);
      queue.addDepthListener(
          onEnqueue(d -> d >= 1_000 && d < 1_000 + PRODUCERS, () -> awaitQuietly(atCrossing)));
      AtomicInteger calls = new AtomicInteger();
      SentinelBuilder builder =
          Sentinel.watching(queue)
              .enableAt(1_000)
              .disableAt(100)
              .mitigate(Mitigation.callback(b -> calls.incrementAndGet()));
      try (Sentinel sentinel =
          (inline ? builder.actionsInline() : builder.actionsOnSentinelThread()).start()) {
        fillTo(queue, 999);
        List<Thread> producers = new ArrayList<>();
        for (int p = 0; p < PRODUCERS; p++) {
          Thread t =
              new Thread(
                  () -> {
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

        eventually().until(() -> sentinel.breachCount() == 1);
        assertThat(calls).as("round %d", round).hasValue(1);
        assertThat(sentinel.breaches())
            .singleElement()
            .satisfies(b -> assertThat(b.depth()).isBetween(1_000L, 999L + PRODUCERS));
        drainTo(queue, 100);
        assertThat(sentinel.isArmed()).isTrue();
        assertThat(sentinel.breachCount()).isEqualTo(1);
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
        eventually()
            .untilAsserted(
                () -> assertThat(sentinel.rearmCount()).isEqualTo(sentinel.breachCount()));
        assertThat(sentinel.breaches())
            .extracting(Breach::excursion)
            .as("recorded in order")
            .isSorted();
      }
    }
  }

  @Test
  void aBreachWhoseListenerRunsAfterTheConsumerDrained_doesNotLeaveTheSentinelShedding()
      throws Exception {
    InstrumentedQueue<Integer> queue = InstrumentedQueue.unbounded("interleaved");
    CountDownLatch held = new CountDownLatch(1);
    CountDownLatch drained = new CountDownLatch(1);
    // runs before the sentinel's listener: holds the crossing producer between its depth
    // increment and the sentinel's check, while the consumer drains the queue
    queue.addDepthListener(onEnqueue(depth -> depth == 10, () -> pass(held, drained)));
    try (Sentinel sentinel =
        Sentinel.watching(queue)
            .enableAt(10)
            .disableAt(2)
            .actionsInline()
            .mitigate(Mitigation.shed())
            .start()) {
      fillTo(queue, 9);
      Thread producer = new Thread(() -> queue.offer(9));
      producer.start();
      assertThat(held.await(5, TimeUnit.SECONDS)).isTrue();

      drainTo(queue, 0); // the sentinel sees these dequeues while still armed
      drained.countDown();
      producer.join();

      assertThat(sentinel.breachCount()).isEqualTo(1);
      assertThat(sentinel.isShedding()).as("shedding with an empty queue").isFalse();
      assertThat(sentinel.isArmed()).isTrue();
      assertThat(sentinel.rearmCount()).isEqualTo(1);
    }
  }

  @Test
  void aRearmWhoseListenerRunsAfterProducersRefilled_firesForTheNewExcursion() throws Exception {
    InstrumentedQueue<Integer> queue = InstrumentedQueue.unbounded("interleaved");
    CountDownLatch held = new CountDownLatch(1);
    CountDownLatch refilled = new CountDownLatch(1);
    AtomicBoolean armedGate = new AtomicBoolean();
    queue.addDepthListener(
        onDequeue(depth -> depth == 2 && armedGate.get(), () -> pass(held, refilled)));
    try (Sentinel sentinel =
        Sentinel.watching(queue)
            .enableAt(10)
            .disableAt(2)
            .actionsInline()
            .mitigate(Mitigation.none())
            .start()) {
      fillTo(queue, 10);
      armedGate.set(true);
      Thread consumer =
          new Thread(
              () -> {
                for (int i = 0; i < 8; i++) {
                  queue.poll(); // down to depth 2
                }
              });
      consumer.start();
      assertThat(held.await(5, TimeUnit.SECONDS)).isTrue();

      fillTo(queue, 12); // the sentinel sees these enqueues while still tripped
      refilled.countDown();
      consumer.join();

      assertThat(sentinel.rearmCount()).isEqualTo(1);
      assertThat(sentinel.breaches())
          .as("the depth is at 12 again: a second excursion")
          .extracting(Breach::depth)
          .containsExactly(10L, 12L);
      assertThat(sentinel.isArmed()).isFalse();
    }
  }

  /** Signals {@code held}, then waits (up to 5 s) for {@code release}. */
  private static void pass(CountDownLatch held, CountDownLatch release) {
    held.countDown();
    try {
      if (!release.await(5, TimeUnit.SECONDS)) {
        throw new IllegalStateException("never released");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static DepthListener onEnqueue(LongPredicate when, Runnable action) {
    return new DepthListener() {
      @Override
      public void afterEnqueue(long depth) {
        if (when.test(depth)) {
          action.run();
        }
      }

      @Override
      public void afterDequeue(long depth, int count) {}
    };
  }

  private static DepthListener onDequeue(LongPredicate when, Runnable action) {
    return new DepthListener() {
      @Override
      public void afterEnqueue(long depth) {}

      @Override
      public void afterDequeue(long depth, int count) {
        if (when.test(depth)) {
          action.run();
        }
      }
    };
  }

  private static void awaitQuietly(CyclicBarrier barrier) {
    try {
      barrier.await();
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }
}
