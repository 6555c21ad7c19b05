package dev.spillway.toolkit.sentinel;

import static dev.spillway.toolkit.sentinel.Fixtures.drainTo;
import static dev.spillway.toolkit.sentinel.Fixtures.eventually;
import static dev.spillway.toolkit.sentinel.Fixtures.fillTo;
import static org.assertj.core.api.Assertions.assertThat;

import dev.spillway.toolkit.record.InstrumentedQueue;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

class SentinelHysteresisTest {

  private final InstrumentedQueue<Integer> queue = InstrumentedQueue.unbounded("orders");
  private final List<Breach> fired = new CopyOnWriteArrayList<>();

  private Sentinel inline(SentinelBuilder builder) {
    return builder.mitigate(Mitigation.callback(fired::add)).actionsInline().start();
  }

  @Test
  void enqueue_reachingEnable_firesOnceWithTheCrossingDepth() {
    try (Sentinel sentinel = inline(Sentinel.watching(queue).enableAt(500).disableAt(250))) {
      fillTo(queue, 499);
      assertThat(fired).isEmpty();
      assertThat(sentinel.isArmed()).isTrue();

      fillTo(queue, 520);

      assertThat(fired).hasSize(1);
      Breach breach = fired.get(0);
      assertThat(breach.depth()).isEqualTo(500);
      assertThat(breach.excursion()).isEqualTo(1);
      assertThat(breach.source()).isEqualTo("orders");
      assertThat(breach.enableThreshold()).isEqualTo(500);
      assertThat(breach.disableThreshold()).isEqualTo(250);
      assertThat(sentinel.isArmed()).isFalse();
      assertThat(sentinel.breaches()).hasSize(1);
      assertThat(sentinel.breachCount()).isEqualTo(1);
    }
  }

  @Test
  void depthOscillatingAroundEnable_aboveDisable_doesNotFireAgain() {
    try (Sentinel sentinel = inline(Sentinel.watching(queue).enableAt(500).disableAt(250))) {
      fillTo(queue, 500);
      for (int i = 0; i < 20; i++) {
        drainTo(queue, 251);
        fillTo(queue, 600);
        drainTo(queue, 499);
        fillTo(queue, 501);
      }

      assertThat(fired).hasSize(1);
      assertThat(sentinel.rearmCount()).isZero();
      assertThat(sentinel.isArmed()).isFalse();
    }
  }

  @Test
  void depthFallingToDisable_rearms_andTheNextExcursionFiresAgain() {
    try (Sentinel sentinel = inline(Sentinel.watching(queue).enableAt(500).disableAt(250))) {
      fillTo(queue, 500);
      drainTo(queue, 251);
      assertThat(sentinel.isArmed()).as("armed at disable + 1").isFalse();

      drainTo(queue, 250);
      assertThat(sentinel.isArmed()).as("armed at disable").isTrue();
      assertThat(sentinel.rearmCount()).isEqualTo(1);
      fillTo(queue, 499);
      assertThat(fired).hasSize(1);

      fillTo(queue, 500);

      assertThat(fired).extracting(Breach::excursion).containsExactly(1L, 2L);
      assertThat(fired).extracting(Breach::depth).containsExactly(500L, 500L);
    }
  }

  @Test
  void disableAtZero_rearmsOnlyWhenTheQueueIsEmpty() {
    try (Sentinel sentinel = inline(Sentinel.watching(queue).enableAt(3).disableAt(0))) {
      fillTo(queue, 3);
      drainTo(queue, 1);
      assertThat(sentinel.isArmed()).isFalse();

      drainTo(queue, 0);

      assertThat(sentinel.isArmed()).isTrue();
    }
  }

  @Test
  void oneShot_neverRearms() {
    try (Sentinel sentinel = inline(Sentinel.watching(queue).enableAt(10).disableAt(5).oneShot())) {
      for (int i = 0; i < 5; i++) {
        fillTo(queue, 20);
        drainTo(queue, 0);
      }

      assertThat(fired).hasSize(1);
      assertThat(sentinel.isArmed()).isFalse();
      assertThat(sentinel.rearmCount()).isZero();
      assertThat(sentinel.isOneShot()).isTrue();
      assertThat(sentinel.toString()).contains("spent", "one-shot");
    }
  }

  @Test
  void start_onAQueueAlreadyAtEnable_firesAtOnce() {
    fillTo(queue, 700);

    try (Sentinel sentinel = inline(Sentinel.watching(queue).enableAt(500).disableAt(250))) {
      assertThat(fired).extracting(Breach::depth).containsExactly(700L);
      assertThat(sentinel.isArmed()).isFalse();
    }
  }

  @Test
  void byDefault_actionsRunOnTheSentinelThread() {
    List<String> threads = new CopyOnWriteArrayList<>();
    try (Sentinel sentinel =
        Sentinel.watching(queue)
            .enableAt(5)
            .disableAt(1)
            .named("orders-watch")
            .mitigate(Mitigation.callback(b -> threads.add(Thread.currentThread().getName())))
            .start()) {
      fillTo(queue, 5);

      assertThat(sentinel.isArmed()).as("detection is synchronous").isFalse();
      eventually().until(() -> sentinel.breachCount() == 1);
      assertThat(threads).containsExactly("spillway-sentinel-orders-watch");
      Thread thread = sentinelThread("spillway-sentinel-orders-watch");
      assertThat(thread.isDaemon()).isTrue();
    }
  }

  @Test
  void actionsInline_runOnTheProducerThatCrossed() {
    List<String> threads = new CopyOnWriteArrayList<>();
    try (Sentinel sentinel =
        Sentinel.watching(queue)
            .enableAt(5)
            .disableAt(1)
            .actionsInline()
            .mitigate(Mitigation.callback(b -> threads.add(Thread.currentThread().getName())))
            .start()) {
      fillTo(queue, 5);

      assertThat(threads).containsExactly(Thread.currentThread().getName());
      assertThat(sentinel.toString()).contains("inline", "event-driven", "re-arming");
    }
  }

  static Thread sentinelThread(String name) {
    return Thread.getAllStackTraces().keySet().stream()
        .filter(t -> t.getName().equals(name))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no thread named " + name));
  }
}
