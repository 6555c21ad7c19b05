package dev.spillway.samples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.spillway.toolkit.ledger.LedgerSnapshot;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The bounded design: capacity C; when full, an explicit REJECTED at once, never a block. */
class BoundedTest {

  private static final String FULL = "bounded mailbox 'bounded' is full (capacity 50)";

  @Test
  void theBound_isNeverExceeded_andEveryRejectionIsExplicit_underConcurrentProducers()
      throws Exception {
    int capacity = 50;
    int producers = 8;
    int perProducer = 500;
    GatedDownstream gate = GatedDownstream.closed();
    try (EventTracker bounded = Designs.bounded(capacity, gate)) {
      assertThat(bounded.track("first", "").accepted()).isTrue();
      gate.awaitEntered(1); // the consumer holds it: from now on nothing leaves the queue

      AtomicInteger accepted = new AtomicInteger();
      Map<String, Integer> reasons = new ConcurrentHashMap<>();
      CountDownLatch start = new CountDownLatch(1);
      List<Thread> threads = new ArrayList<>();
      for (int p = 0; p < producers; p++) {
        int producer = p;
        Thread t =
            new Thread(
                () -> {
                  try {
                    start.await();
                  } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                  }
                  for (int i = 0; i < perProducer; i++) {
                    TrackResult r = bounded.track("p" + producer + "-" + i, "");
                    if (r.accepted()) {
                      accepted.incrementAndGet();
                    } else {
                      reasons.merge(r.reason(), 1, Integer::sum);
                    }
                  }
                },
                "test-producer-" + p);
        t.start();
        threads.add(t);
      }
      start.countDown();
      for (Thread t : threads) {
        t.join();
      }

      QueueView queue = bounded.queues().get(0);
      assertThat(queue.capacity()).isEqualTo(capacity);
      assertThat(queue.highWaterMark()).isLessThanOrEqualTo(capacity).isEqualTo(capacity);
      assertThat(queue.depth()).isEqualTo(capacity);
      assertThat(accepted).hasValue(capacity);
      assertThat(reasons).containsExactly(Map.entry(FULL, producers * perProducer - capacity));
      LedgerSnapshot running = bounded.books();
      assertThat(running.rejected()).isEqualTo(producers * perProducer - capacity);
      assertThat(running.queued()).isEqualTo(capacity);
      assertThat(running.inFlight()).as("the one event at the gate").isEqualTo(1);
      assertThat(running.unaccounted()).isZero();

      gate.open();
      CloseSummary summary = bounded.close(Duration.ofSeconds(30));

      LedgerSnapshot books = summary.books();
      assertThat(books.isBalanced()).as(books.describe()).isTrue();
      assertThat(books.sent()).isEqualTo(1 + producers * perProducer);
      assertThat(books.processed()).isEqualTo(1 + capacity);
      assertThat(books.rejected()).isEqualTo(producers * perProducer - capacity);
      assertThat(queue.highWaterMark()).isEqualTo(capacity);
    }
  }

  @Test
  void aFullQueue_rejectsAtOnce_andAdmitsAgainWhenTheConsumerMakesRoom() {
    GatedDownstream gate = GatedDownstream.closed();
    try (EventTracker bounded = Designs.bounded(3, gate)) {
      bounded.track("k", "in hand");
      gate.awaitEntered(1);
      for (int i = 0; i < 3; i++) {
        assertThat(bounded.track("k", "queued").accepted()).isTrue();
      }
      // the consumer is stuck at the gate, yet track() returns: it never waits for room
      TrackResult full = bounded.track("k", "one too many");
      assertThat(full.accepted()).isFalse();
      assertThat(full.reason())
          .isEqualTo("bounded mailbox 'bounded' is full (capacity 3)")
          .contains("bounded", "3");

      gate.release(1); // one handled, the next one taken: one slot free
      gate.awaitEntered(2);
      assertThat(bounded.track("k", "fits again").accepted()).isTrue();
      assertThat(bounded.track("k", "full again").accepted()).isFalse();

      gate.open();
      CloseSummary summary = bounded.close(Duration.ofSeconds(30));
      assertThat(summary.books().processed()).isEqualTo(5);
      assertThat(summary.books().rejected()).isEqualTo(2);
      assertThat(summary.books().isBalanced()).as(summary.books().describe()).isTrue();
    }
  }

  @Test
  void theBooksBalance_whenClosingCountsWhatIsLeftAsDropped() {
    GatedDownstream gate = GatedDownstream.closed();
    try (EventTracker bounded = Designs.bounded(10, gate)) {
      for (int i = 0; i < 30; i++) {
        bounded.track("k", Integer.toString(i));
        if (i == 0) {
          gate.awaitEntered(1);
        }
      }
      CloseSummary summary = bounded.close(Duration.ZERO);

      LedgerSnapshot books = summary.books();
      // sent = processed + rejected + dropped + failed + queued
      assertThat(books.sent()).isEqualTo(30);
      assertThat(books.rejected()).isEqualTo(19);
      assertThat(books.dropped()).isEqualTo(11).isEqualTo(summary.dropped());
      assertThat(books.processed() + books.failed() + books.queued()).isZero();
      assertThat(books.isBalanced()).as(books.describe()).isTrue();
      assertThat(summary.drained()).isFalse();
    }
  }

  @ParameterizedTest
  @ValueSource(ints = {Integer.MIN_VALUE, -1, 0})
  void aCapacityBelowOne_isRejectedBeforeAnyThreadStarts(int capacity) {
    Set<Thread> before = ConsumerThreads.alive();
    assertThatThrownBy(() -> Designs.bounded(capacity, event -> {}))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("capacity must be > 0, but was " + capacity);
    assertThatThrownBy(() -> Designs.bounded(1, null))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("downstream must not be null");
    assertThat(ConsumerThreads.startedSince(before)).isEmpty();
  }
}
