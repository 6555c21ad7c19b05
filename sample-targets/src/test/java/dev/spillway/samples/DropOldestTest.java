package dev.spillway.samples;

import static dev.spillway.samples.Soon.soon;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.spillway.toolkit.ledger.LedgerSnapshot;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The drop-oldest design (pobox): a full buffer drops its oldest event to make room, counts it, and
 * tells the consumer, which pulls in batches.
 */
class DropOldestTest {

  @Test
  void aFullBuffer_dropsItsOldest_countsEachDrop_andTellsTheConsumerWithItsNextBatch() {
    GatedDownstream gate = GatedDownstream.closed();
    try (DropOldestBuffer buffer = Designs.dropOldest(10, 4, gate)) {
      assertThat(buffer.name()).isEqualTo("drop-oldest");
      buffer.track("k", "e0");
      gate.awaitEntered(1); // the consumer pulled a batch of one, and holds it at the gate
      for (int i = 1; i <= 30; i++) {
        // never refused: the caller is not told of a drop
        assertThat(buffer.track("k", "e" + i)).isEqualTo(TrackResult.ACCEPTED);
      }

      // e1…e20 made room for e21…e30: dropped and counted at once, with the reason
      LedgerSnapshot full = buffer.books();
      assertThat(full.dropped()).isEqualTo(20);
      assertThat(full.dropReasons().toString()).contains("dropped as the oldest", "capacity 10");
      assertThat(full.queued()).isEqualTo(10);
      assertThat(full.isBalanced()).as(full.describe()).isTrue();
      assertThat(buffer.queues().get(0).highWaterMark()).isEqualTo(10);
      assertThat(buffer.announcedDrops()).as("no pull since the drops").isZero();

      gate.release(1); // e0 done: the consumer pulls the next batch, and is told of the 20 drops
      gate.awaitEntered(2);
      soon().until(() -> buffer.announcedDrops() == 20);
      assertThat(buffer.queues().get(0).inFlight()).isEqualTo(4); // a whole batch in hand
      assertThat(buffer.queues().get(0).depth()).isEqualTo(6);

      gate.open();
      LedgerSnapshot books = buffer.close(Duration.ofSeconds(30)).books();
      assertThat(books.processed()).isEqualTo(11);
      assertThat(books.dropped()).isEqualTo(20);
      assertThat(books.isBalanced()).as(books.describe()).isTrue();
      List<String> served = new ArrayList<>();
      gate.handled().forEach(h -> served.add(h.event().payload()));
      // the newest were kept, in order
      assertThat(served)
          .containsExactly(
              "e0", "e21", "e22", "e23", "e24", "e25", "e26", "e27", "e28", "e29", "e30");
    }
  }

  @Test
  void invalidSettings_areRefused_namingTheSetting() {
    Set<Thread> before = ConsumerThreads.alive();
    assertThatThrownBy(() -> Designs.dropOldest(0, 1, event -> {}))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("capacity");
    assertThatThrownBy(() -> Designs.dropOldest(10, 0, event -> {}))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("batch");
    assertThatThrownBy(() -> Designs.dropOldest(10, 11, event -> {}))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("batch");
    assertThatThrownBy(() -> Designs.dropOldest(10, 2, null))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("downstream must not be null");
    assertThat(ConsumerThreads.startedSince(before)).isEmpty();
  }
}
