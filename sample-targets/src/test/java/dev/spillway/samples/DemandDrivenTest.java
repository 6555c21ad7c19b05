package dev.spillway.samples;

import static dev.spillway.samples.Soon.soon;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.spillway.toolkit.ledger.LedgerSnapshot;
import java.time.Duration;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The demand-driven pipeline (GenStage): each stage holds no more than it asked for, and what the
 * consumer cannot take piles up in front of the first stage.
 */
class DemandDrivenTest {

  @Test
  void aStalledConsumer_stopsTheDemand_andTheEventsPileUpAtTheSource_onlyThere() {
    GatedDownstream gate = GatedDownstream.closed();
    try (EventTracker pipeline = Designs.demandDriven(3, Duration.ZERO, gate)) {
      assertThat(pipeline.name()).isEqualTo("demand-driven");
      assertThat(pipeline.queues())
          .extracting(QueueView::name)
          .containsExactly("demand-driven-source", "demand-driven-stage", "demand-driven-sink");
      for (int i = 0; i < 50; i++) {
        assertThat(pipeline.track("k", "e" + i)).isEqualTo(TrackResult.ACCEPTED);
      }

      // the consumer holds one at the gate; then, at rest: its inbox full (3), the stage holding
      // one it cannot hand on and its inbox full (3), the producer holding one: 9 inside, 41 at
      // the source
      gate.awaitEntered(1);
      QueueView source = pipeline.queues().get(0);
      QueueView stage = pipeline.queues().get(1);
      QueueView sink = pipeline.queues().get(2);
      soon().until(() -> source.depth() == 41 && source.inFlight() == 1);
      assertThat(stage.depth()).isEqualTo(3);
      assertThat(stage.inFlight()).isEqualTo(1);
      assertThat(sink.depth()).isEqualTo(3);
      assertThat(sink.inFlight()).isEqualTo(1);
      LedgerSnapshot during = pipeline.books();
      assertThat(during.queued()).isEqualTo(47);
      assertThat(during.inFlight()).isEqualTo(3);
      assertThat(during.isBalanced()).as(during.describe()).isTrue();

      gate.open();
      LedgerSnapshot books = pipeline.close(Duration.ofSeconds(30)).books();
      assertThat(books.processed()).isEqualTo(50);
      assertThat(books.isBalanced()).as(books.describe()).isTrue();
      // no stage ever held more than its demand
      assertThat(stage.highWaterMark()).isLessThanOrEqualTo(3);
      assertThat(sink.highWaterMark()).isLessThanOrEqualTo(3);
      // and the events went through in order
      assertThat(gate.handled())
          .extracting(h -> Integer.parseInt(h.event().payload().substring(1)))
          .isSorted()
          .hasSize(50);
    }
  }

  @Test
  void invalidSettings_areRefused_namingTheSetting() {
    Set<Thread> before = ConsumerThreads.alive();
    assertThatThrownBy(() -> Designs.demandDriven(0, Duration.ZERO, event -> {}))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("max demand");
    assertThatThrownBy(() -> Designs.demandDriven(1, Duration.ofMillis(-1), event -> {}))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("stage cost");
    assertThatThrownBy(() -> Designs.demandDriven(1, Duration.ZERO, null))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("downstream must not be null");
    assertThat(ConsumerThreads.startedSince(before)).isEmpty();
  }
}
