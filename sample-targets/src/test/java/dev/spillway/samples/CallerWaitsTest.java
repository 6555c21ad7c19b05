package dev.spillway.samples;

import static dev.spillway.samples.Soon.soon;
import static org.assertj.core.api.Assertions.assertThat;

import dev.spillway.toolkit.ledger.LedgerSnapshot;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The caller-waits design: capacity C; when full, {@code track} waits for room instead of turning
 * the event away, and a close releases a waiting caller.
 */
class CallerWaitsTest {

  @Test
  void aFullQueue_holdsTheCaller_untilTheConsumerMakesRoom() throws Exception {
    GatedDownstream gate = GatedDownstream.closed();
    try (EventTracker design = Designs.callerWaits(2, gate)) {
      design.track("k", "in hand");
      gate.awaitEntered(1);
      assertThat(design.track("k", "queued 1").accepted()).isTrue();
      assertThat(design.track("k", "queued 2").accepted()).isTrue();

      CompletableFuture<TrackResult> waiting =
          CompletableFuture.supplyAsync(() -> design.track("k", "waits for room"));
      // the caller is held while the queue is full: the event is counted sent, not yet queued
      soon().until(() -> design.books().sent() == 4);
      assertThat(waiting).isNotDone();
      assertThat(design.queues().get(0).depth()).isEqualTo(2);

      gate.release(1); // one handled, the next taken: room for the waiting caller
      assertThat(waiting.get(10, TimeUnit.SECONDS).accepted()).isTrue();

      gate.open();
      CloseSummary summary = design.close(Duration.ofSeconds(30));
      LedgerSnapshot books = summary.books();
      assertThat(books.isBalanced()).as(books.describe()).isTrue();
      assertThat(books.processed()).isEqualTo(4);
      assertThat(books.rejected()).isZero();
      assertThat(design.queues().get(0).highWaterMark()).isEqualTo(2);
    }
  }

  @Test
  void aCallerWaitingWhenTheDesignCloses_isToldItIsClosed_andCounted() throws Exception {
    GatedDownstream gate = GatedDownstream.closed();
    try (EventTracker design = Designs.callerWaits(1, gate)) {
      design.track("k", "in hand");
      gate.awaitEntered(1);
      design.track("k", "queued");
      CompletableFuture<TrackResult> waiting =
          CompletableFuture.supplyAsync(() -> design.track("k", "never gets room"));
      soon().until(() -> design.books().sent() == 3);

      CompletableFuture<CloseSummary> closing =
          CompletableFuture.supplyAsync(() -> design.close(Duration.ZERO));

      TrackResult answer = waiting.get(10, TimeUnit.SECONDS);
      assertThat(answer.accepted()).isFalse();
      assertThat(answer.reason()).isEqualTo("caller-waits is closed: not accepting events");
      LedgerSnapshot books = closing.get(30, TimeUnit.SECONDS).books();
      assertThat(books.isBalanced()).as(books.describe()).isTrue();
      assertThat(books.rejected()).isEqualTo(1);
      assertThat(books.sent()).isEqualTo(3);
    }
  }
}
