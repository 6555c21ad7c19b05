package dev.spillway.samples;

import static dev.spillway.samples.Soon.soon;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.spillway.toolkit.ledger.LedgerSnapshot;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * The singleton with large messages: documents wait in its unbounded queue, the consumer renders
 * each and sleeps its service time; the books balance, also when a close drops a backlog.
 */
class LargeMessagesTest {

  @Test
  void everyDocument_isServed_andCountedProcessed() {
    try (EventTracker design = Designs.largeMessages(50, Duration.ZERO)) {
      assertThat(design.name()).isEqualTo("large-messages");
      assertThat(design.queues()).extracting(QueueView::name).containsExactly("large-messages");
      for (int i = 0; i < 20; i++) {
        assertThat(design.track("k" + i, "e" + i)).isEqualTo(TrackResult.ACCEPTED);
      }
      soon().until(() -> design.books().processed() == 20);
      LedgerSnapshot books = design.books();
      assertThat(books.isBalanced()).as(books.describe()).isTrue();
      assertThat(design.queues().get(0).capacity()).isEqualTo(Integer.MAX_VALUE);
    }
  }

  @Test
  void aCloseWithoutDrainTime_dropsTheBacklog_andCountsIt() {
    EventTracker design = Designs.largeMessages(50, Duration.ofSeconds(10));
    for (int i = 0; i < 5; i++) {
      design.track("k", "e" + i);
    }
    soon().until(() -> design.queues().get(0).inFlight() == 1); // asleep on the first

    LedgerSnapshot books = design.close(Duration.ZERO).books();

    assertThat(books.dropped()).isEqualTo(5); // four queued and the one interrupted
    assertThat(books.processed()).isZero();
    assertThat(books.isBalanced()).as(books.describe()).isTrue();
    assertThat(design.track("k", "late").accepted()).isFalse();
  }

  @Test
  void badArguments_areRejected_namingThem() {
    assertThatThrownBy(() -> Designs.largeMessages(0, Duration.ZERO))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("document fields")
        .hasMessageContaining("0");
    assertThatThrownBy(() -> Designs.largeMessages(Designs.MAX_DOCUMENT_FIELDS + 1, Duration.ZERO))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("document fields");
    assertThatThrownBy(() -> Designs.largeMessages(10, Duration.ofMillis(-1)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("service time");
  }
}
