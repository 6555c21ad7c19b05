package dev.spillway.toolkit.sentinel;

import static dev.spillway.toolkit.sentinel.Fixtures.drainTo;
import static dev.spillway.toolkit.sentinel.Fixtures.fillTo;
import static org.assertj.core.api.Assertions.assertThat;

import dev.spillway.toolkit.record.InstrumentedQueue;
import org.junit.jupiter.api.Test;

class SentinelShedTest {

  private final InstrumentedQueue<Integer> queue = InstrumentedQueue.unbounded("orders");

  /** A component's enqueue: ask the sentinel, reject explicitly when it refuses. */
  private static boolean track(Sentinel sentinel, InstrumentedQueue<Integer> queue, int message) {
    return sentinel.admits() && queue.offer(message);
  }

  @Test
  void shed_holdsAdmissionClosedFromEnableUntilDepthFallsToDisable() {
    try (Sentinel sentinel =
        Sentinel.watching(queue).enableAt(100).disableAt(40).mitigate(Mitigation.shed()).start()) {
      int admitted = 0;
      for (int i = 0; i < 150; i++) {
        if (track(sentinel, queue, i)) {
          admitted++;
        }
      }
      assertThat(admitted).isEqualTo(100);
      assertThat(queue.size()).as("depth held at the enable threshold").isEqualTo(100);
      assertThat(sentinel.shedCount()).isEqualTo(50);

      drainTo(queue, 41);
      assertThat(sentinel.isShedding()).as("still shedding at disable + 1").isTrue();
      assertThat(track(sentinel, queue, -1)).isFalse();

      drainTo(queue, 40);

      assertThat(sentinel.isShedding()).isFalse();
      assertThat(track(sentinel, queue, -2)).isTrue();
      assertThat(sentinel.shedCount()).isEqualTo(51);
    }
  }

  @Test
  void shed_startsAtTheCrossingEnqueue_evenWhenActionsRunOnTheSentinelThread() {
    try (Sentinel sentinel =
        Sentinel.watching(queue)
            .enableAt(10)
            .disableAt(5)
            .mitigate(Mitigation.shed())
            .actionsOnSentinelThread()
            .start()) {
      fillTo(queue, 9);
      assertThat(sentinel.admits()).isTrue();

      queue.offer(9);

      assertThat(sentinel.isShedding()).isTrue();
      assertThat(sentinel.admits()).isFalse();
    }
  }

  @Test
  void withoutShed_admitsAlways_evenAboveEnable() {
    try (Sentinel sentinel =
        Sentinel.watching(queue).enableAt(10).disableAt(5).mitigate(Mitigation.none()).start()) {
      fillTo(queue, 50);

      assertThat(sentinel.isShedding()).isFalse();
      assertThat(sentinel.admits()).isTrue();
      assertThat(sentinel.shedCount()).isZero();
    }
  }

  @Test
  void oneShot_shedsThroughItsOnlyExcursion_thenAdmitsForever() {
    try (Sentinel sentinel =
        Sentinel.watching(queue)
            .enableAt(10)
            .disableAt(5)
            .oneShot()
            .mitigate(Mitigation.shed())
            .start()) {
      fillTo(queue, 10);
      assertThat(sentinel.isShedding()).isTrue();

      drainTo(queue, 5);
      assertThat(sentinel.isShedding()).isFalse();
      fillTo(queue, 30);

      assertThat(sentinel.isShedding()).isFalse();
      assertThat(sentinel.admits()).isTrue();
    }
  }

  @Test
  void close_endsShedding() {
    Sentinel sentinel =
        Sentinel.watching(queue).enableAt(10).disableAt(5).mitigate(Mitigation.shed()).start();
    fillTo(queue, 10);
    assertThat(sentinel.isShedding()).isTrue();

    sentinel.close();

    assertThat(sentinel.isShedding()).isFalse();
    assertThat(sentinel.admits()).isTrue();
  }
}
