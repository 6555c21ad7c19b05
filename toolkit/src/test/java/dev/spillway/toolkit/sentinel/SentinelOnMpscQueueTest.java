package dev.spillway.toolkit.sentinel;

import static dev.spillway.toolkit.sentinel.Fixtures.drainTo;
import static dev.spillway.toolkit.sentinel.Fixtures.eventually;
import static dev.spillway.toolkit.sentinel.Fixtures.fillTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import dev.spillway.toolkit.record.InstrumentedMpscQueue;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The event-driven sentinel watching the lock-free {@link InstrumentedMpscQueue}. */
class SentinelOnMpscQueueTest {

  private final InstrumentedMpscQueue<Integer> queue =
      InstrumentedMpscQueue.bounded("mailbox", 1000);
  private final List<Breach> fired = new CopyOnWriteArrayList<>();

  private Sentinel inline(SentinelBuilder builder) {
    return builder.mitigate(Mitigation.callback(fired::add)).actionsInline().start();
  }

  @Test
  void enqueueReachingEnable_firesOnce_andFallingToDisable_rearmsForTheNextExcursion() {
    try (Sentinel sentinel = inline(Sentinel.watching(queue).enableAt(500).disableAt(250))) {
      fillTo(queue, 499);
      assertThat(fired).isEmpty();

      fillTo(queue, 600);
      drainTo(queue, 251);

      assertThat(fired).extracting(Breach::depth).containsExactly(500L);
      assertThat(sentinel.isArmed()).isFalse();
      assertThat(fired.get(0).source()).isEqualTo("mailbox");

      drainTo(queue, 250);
      assertThat(sentinel.isArmed()).isTrue();
      assertThat(sentinel.rearmCount()).isEqualTo(1);
      fillTo(queue, 500);

      assertThat(fired).extracting(Breach::excursion).containsExactly(1L, 2L);
      assertThat(fired).extracting(Breach::depth).containsExactly(500L, 500L);
      assertThat(sentinel.isEventDriven()).isTrue();
    }
  }

  @Test
  void concurrentProducersFlooding_fireExactlyOnce_andTheConsumersDrainRearms() throws Exception {
    AtomicBoolean consuming = new AtomicBoolean();
    AtomicBoolean stop = new AtomicBoolean();
    AtomicInteger consumed = new AtomicInteger();
    AtomicInteger rounds = new AtomicInteger(); // consumer loop turns, for pausing it for sure
    List<Thread> threads = new ArrayList<>();
    Thread consumer =
        daemon(
            "consumer",
            () -> {
              while (!stop.get()) {
                if (consuming.get() && queue.poll() != null) {
                  consumed.incrementAndGet();
                } else {
                  Thread.yield();
                }
                rounds.incrementAndGet();
              }
            });
    threads.add(consumer);
    try (Sentinel sentinel = inline(Sentinel.watching(queue).enableAt(500).disableAt(100))) {
      consumer.start();
      for (int excursion = 1; excursion <= 3; excursion++) {
        int offered = flood(3, 300); // 900 messages, the consumer paused: crosses 500 once
        assertThat(offered).isEqualTo(900);
        assertThat(fired).hasSize(excursion);
        assertThat(fired.get(excursion - 1).depth()).isBetween(500L, 900L);

        consuming.set(true);
        eventually().until(queue::isEmpty);
        consuming.set(false);
        // two more turns: the second began after the flag was cleared, so no poll is under way
        int now = rounds.get();
        eventually().until(() -> rounds.get() > now + 1);
        assertThat(sentinel.rearmCount()).isEqualTo(excursion);
        assertThat(sentinel.isArmed()).isTrue();
      }
      assertThat(consumed.get()).isEqualTo(2700);
      assertThat(queue.highWaterMark()).isEqualTo(900);
    } finally {
      stop.set(true);
      for (Thread t : threads) {
        t.join(5_000);
      }
    }
  }

  @Test
  void close_detachesFromTheQueue() {
    Sentinel sentinel = inline(Sentinel.watching(queue).enableAt(5).disableAt(1));
    fillTo(queue, 5);
    drainTo(queue, 0);
    sentinel.close();

    fillTo(queue, 10);

    assertThat(fired).hasSize(1);
    assertThat(sentinel.breachCount()).isEqualTo(1);
  }

  @Test
  void enableAt_aboveTheCapacity_isRejectedNamingTheQueue() {
    assertThatIllegalArgumentException()
        .isThrownBy(() -> Sentinel.watching(queue).enableAt(1001))
        .withMessage(
            "enable threshold must be <= the capacity 1000 of queue 'mailbox', but was 1001");
    assertThat(Sentinel.watching(queue).enableAt(1000)).isNotNull();
  }

  /**
   * {@code producers} threads each offer {@code each} messages at once; returns how many got in.
   */
  private int flood(int producers, int each) throws InterruptedException {
    AtomicInteger in = new AtomicInteger();
    List<Thread> all = new ArrayList<>();
    for (int p = 0; p < producers; p++) {
      Thread t =
          daemon(
              "producer-" + p,
              () -> {
                for (int i = 0; i < each; i++) {
                  if (queue.offer(i)) {
                    in.incrementAndGet();
                  }
                }
              });
      all.add(t);
      t.start();
    }
    for (Thread t : all) {
      t.join(10_000);
    }
    return in.get();
  }

  private static Thread daemon(String name, Runnable body) {
    Thread t = new Thread(body, "test-" + name);
    t.setDaemon(true);
    return t;
  }
}
