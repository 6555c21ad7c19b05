package dev.spillway.samples;

import static dev.spillway.samples.Soon.soon;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.spillway.toolkit.ledger.LedgerSnapshot;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The singleton design: one consumer thread, an unbounded queue, fire-and-forget. */
class SingletonTest {

  @Test
  void singleton_acceptsEveryEvent_andServesThemOnOneConsumerThread() {
    Set<Thread> before = ConsumerThreads.alive();
    GatedDownstream gate = GatedDownstream.closed();
    try (EventTracker singleton = Designs.singleton(gate)) {
      assertThat(singleton.name()).isEqualTo("singleton");
      assertThat(ConsumerThreads.startedSince(before)).hasSize(1);
      for (int i = 0; i < 2_000; i++) {
        assertThat(singleton.track("user-" + (i % 37), "e" + i)).isEqualTo(TrackResult.ACCEPTED);
      }
      gate.awaitEntered(1);
      // one event in the consumer's hands, the rest queued: the queue is unbounded
      assertThat(singleton.queues()).hasSize(1);
      QueueView queue = singleton.queues().get(0);
      assertThat(queue.name()).isEqualTo("singleton");
      assertThat(queue.capacity()).isEqualTo(Integer.MAX_VALUE);
      assertThat(queue.depth()).isEqualTo(1_999);
      assertThat(queue.highWaterMark()).isBetween(1_999L, 2_000L);
      assertThat(singleton.depthProbe().depth()).isEqualTo(1_999);
      assertThat(singleton.books().rejected()).isZero();

      gate.open();
      CloseSummary summary = singleton.close(Duration.ofSeconds(30));

      assertThat(summary.drained()).isTrue();
      assertThat(summary.dropped()).isZero();
      LedgerSnapshot books = summary.books();
      assertThat(books.isBalanced()).as(books.describe()).isTrue();
      assertThat(books.sent()).isEqualTo(2_000);
      assertThat(books.processed()).isEqualTo(2_000);
      assertThat(books.queued()).isZero();
      Set<String> threads =
          gate.handled().stream().map(GatedDownstream.Handled::thread).collect(Collectors.toSet());
      assertThat(threads).containsExactly("spillway-consumer-singleton-0");
    }
  }

  @Test
  void singleton_servesEventsInTheOrderTheyWereAccepted() {
    GatedDownstream recorder = GatedDownstream.opened();
    try (EventTracker singleton = Designs.singleton(recorder)) {
      for (int i = 0; i < 500; i++) {
        singleton.track("k" + (i % 5), Integer.toString(i));
      }
      recorder.awaitHandled(500);
      assertThat(recorder.handled())
          .extracting(h -> Integer.parseInt(h.event().payload()))
          .isSorted()
          .hasSize(500);
      assertThat(recorder.handled())
          .extracting(h -> h.event().id())
          .as("ids number the events in acceptance order")
          .isSorted()
          .doesNotHaveDuplicates();
    }
  }

  @Test
  void singleton_whoseDownstreamThrows_countsTheEventsAsFailed_andKeepsConsuming() {
    Downstream flaky =
        event -> {
          if (event.payload().startsWith("bad")) {
            throw new IllegalStateException("downstream refused " + event.payload());
          }
        };
    try (EventTracker singleton = Designs.singleton(flaky)) {
      for (int i = 0; i < 100; i++) {
        singleton.track("k", (i % 4 == 0 ? "bad-" : "good-") + i);
      }
      soon().until(() -> singleton.books().completed() == 100);

      CloseSummary summary = singleton.close(Duration.ofSeconds(10));

      LedgerSnapshot books = summary.books();
      assertThat(books.failed()).isEqualTo(25);
      assertThat(books.processed()).isEqualTo(75);
      assertThat(books.dropped()).isZero();
      assertThat(books.isBalanced()).as(books.describe()).isTrue();
    }
  }

  @Test
  void books_takenWhileTheQueueDrains_neverCountAnEventTwice() {
    int events = 200_000;
    CountDownLatch go = new CountDownLatch(1);
    try (EventTracker singleton = Designs.singleton(event -> go.await())) {
      for (int i = 0; i < events; i++) {
        singleton.track("k", "");
      }
      go.countDown();
      long snapshots = 0;
      LedgerSnapshot books;
      do {
        books = singleton.books();
        // while events flow, one may be between the queue and the consumer (unaccounted > 0 for
        // an instant); < 0 would be a double count, of an event both in flight and processed
        assertThat(books.unaccounted()).as(books.describe()).isNotNegative();
        snapshots++;
      } while (books.processed() < events);
      assertThat(snapshots).isGreaterThan(1);
    }
  }

  @Test
  void singleton_rejectsANullDownstream_beforeStartingAThread() {
    Set<Thread> before = ConsumerThreads.alive();
    assertThatThrownBy(() -> Designs.singleton(null))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("downstream must not be null");
    assertThat(ConsumerThreads.startedSince(before)).isEmpty();
  }

  @Test
  void track_rejectsANullKeyOrPayload_withoutCountingASend() {
    try (EventTracker singleton = Designs.singleton(event -> {})) {
      assertThatThrownBy(() -> singleton.track(null, "p"))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessage("key must not be null");
      assertThatThrownBy(() -> singleton.track("k", null))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessage("payload must not be null");
      assertThat(singleton.books().sent()).isZero();
      assertThat(singleton.track("k", "").accepted()).as("an empty payload is fine").isTrue();
    }
  }
}
