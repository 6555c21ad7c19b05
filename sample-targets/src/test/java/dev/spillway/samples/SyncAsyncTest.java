package dev.spillway.samples;

import static dev.spillway.samples.Soon.soon;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.spillway.toolkit.ledger.LedgerSnapshot;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/**
 * The sync/async switch (lager): callers fire and forget while the mailbox is short, wait for their
 * own event from the sync threshold on, and stop waiting at the async threshold.
 */
class SyncAsyncTest {

  /** Tracks {@code payload} on a thread of its own; the future ends when {@code track} returns. */
  private static CompletableFuture<TrackResult> trackAsync(
      SyncAsyncSwitch design, String payload, AtomicReference<Thread> caller) {
    CompletableFuture<TrackResult> result = new CompletableFuture<>();
    Thread t =
        new Thread(
            () -> result.complete(design.track("k", payload)), "sync-async-caller-" + payload);
    caller.set(t);
    t.start();
    return result;
  }

  private static void awaitWaiting(AtomicReference<Thread> caller) {
    soon()
        .alias("the caller waits inside track")
        .until(() -> caller.get().getState() == Thread.State.TIMED_WAITING);
  }

  @Test
  void fromTheSyncThreshold_aCallerWaitsForItsOwnEvent_andBelowTheAsyncOne_firesAndForgets()
      throws Exception {
    GatedDownstream gate = GatedDownstream.closed();
    try (SyncAsyncSwitch design = Designs.syncAsync(5, 2, gate)) {
      assertThat(design.name()).isEqualTo("sync-async");
      design.track("k", "e0");
      gate.awaitEntered(1); // e0 at the gate: from now on every event stays queued
      for (int i = 1; i <= 5; i++) {
        // depths 0…4 on arrival: below the sync threshold, the caller returns at once
        assertThat(design.track("k", "e" + i)).isEqualTo(TrackResult.ACCEPTED);
      }
      assertThat(design.synchronous()).isFalse();

      // depth 5 on arrival: this caller waits until its own event has been handled
      AtomicReference<Thread> caller = new AtomicReference<>();
      CompletableFuture<TrackResult> waiting = trackAsync(design, "e6", caller);
      awaitWaiting(caller);
      assertThat(design.synchronous()).isTrue();
      assertThat(design.switchesToSync()).isEqualTo(1);
      assertThat(waiting).isNotDone();
      assertThat(design.queues().get(0).depth()).isEqualTo(6);

      gate.open();
      assertThat(waiting.get(30, TimeUnit.SECONDS)).isEqualTo(TrackResult.ACCEPTED);
      // it returned only once e6 was handled, behind the five queued before it
      assertThat(gate.handled()).extracting(h -> h.event().payload()).contains("e6");
      soon().until(() -> design.books().completed() == 7);

      // the mailbox is empty: the next caller switches back and returns at once
      assertThat(design.track("k", "e7")).isEqualTo(TrackResult.ACCEPTED);
      assertThat(design.synchronous()).isFalse();
      assertThat(design.switchesToAsync()).isEqualTo(1);
      LedgerSnapshot books = design.close(Duration.ofSeconds(30)).books();
      assertThat(books.processed()).isEqualTo(8);
      assertThat(books.isBalanced()).as(books.describe()).isTrue();
    }
  }

  @Test
  void aClose_releasesAWaitingCaller_andCountsItsEvent() throws Exception {
    GatedDownstream gate = GatedDownstream.closed();
    SyncAsyncSwitch design = Designs.syncAsync(1, 0, gate);
    design.track("k", "e0");
    gate.awaitEntered(1);
    design.track("k", "e1"); // depth 0 on arrival: async
    AtomicReference<Thread> caller = new AtomicReference<>();
    CompletableFuture<TrackResult> waiting = trackAsync(design, "e2", caller);
    awaitWaiting(caller);

    CloseSummary summary = design.close(Duration.ZERO);

    // the caller's event was queued: it is told so, and the close counted the event as dropped
    assertThat(waiting.get(30, TimeUnit.SECONDS)).isEqualTo(TrackResult.ACCEPTED);
    assertThat(summary.dropped()).isEqualTo(3);
    assertThat(summary.books().isBalanced()).as(summary.books().describe()).isTrue();
  }

  @Test
  void invalidThresholds_areRefused_namingThem() {
    Set<Thread> before = ConsumerThreads.alive();
    assertThatThrownBy(() -> Designs.syncAsync(5, 5, event -> {}))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("sync threshold")
        .hasMessageContaining("> async threshold 5");
    assertThatThrownBy(() -> Designs.syncAsync(5, -1, event -> {}))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("async threshold");
    assertThatThrownBy(() -> Designs.syncAsync(5, 1, null))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("downstream must not be null");
    assertThat(ConsumerThreads.startedSince(before)).isEmpty();
  }
}
