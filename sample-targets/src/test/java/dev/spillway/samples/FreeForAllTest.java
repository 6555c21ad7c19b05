package dev.spillway.samples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.spillway.toolkit.ledger.LedgerSnapshot;
import java.time.Duration;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The free-for-all design: every event goes to a worker the caller picks at random. */
class FreeForAllTest {

  @Test
  void eventsOfOneKey_areSpreadOverEveryWorker_asBallsThrownIntoBins() {
    int workers = 4;
    int events = 4_000;
    GatedDownstream gate = GatedDownstream.closed();
    try (EventTracker design = Designs.freeForAll(workers, gate)) {
      assertThat(design.name()).isEqualTo("free-for-all");
      for (int i = 0; i < events; i++) {
        assertThat(design.track("the-one-key", "e" + i)).isEqualTo(TrackResult.ACCEPTED);
      }

      // each worker received Binomial(4,000, 1/4) events: 1,000 ± 27.4 (one σ); six σ either side
      // is missed by chance about once in 10^8 runs. One key: a partitioned design would have put
      // all 4,000 on one worker
      double mean = (double) events / workers;
      double sigma = Math.sqrt(events * (1.0 / workers) * (1 - 1.0 / workers));
      gate.awaitEntered(workers); // each worker holds one event at the gate, the rest queued
      long total = 0;
      for (QueueView worker : design.queues()) {
        long received = worker.depth() + worker.inFlight();
        total += received;
        assertThat((double) received)
            .as("%s received %d of %d", worker.name(), received, events)
            .isBetween(mean - 6 * sigma, mean + 6 * sigma);
      }
      assertThat(total).isEqualTo(events);

      gate.open();
      LedgerSnapshot books = design.close(Duration.ofSeconds(30)).books();
      assertThat(books.processed()).isEqualTo(events);
      assertThat(books.isBalanced()).as(books.describe()).isTrue();
    }
  }

  @Test
  void invalidSettings_areRefused_namingTheSetting() {
    Set<Thread> before = ConsumerThreads.alive();
    assertThatThrownBy(() -> Designs.freeForAll(0, event -> {}))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("workers");
    assertThatThrownBy(() -> Designs.freeForAll(Designs.MAX_PARTITIONS + 1, event -> {}))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("workers");
    assertThatThrownBy(() -> Designs.freeForAll(2, null))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("downstream must not be null");
    assertThat(ConsumerThreads.startedSince(before)).isEmpty();
  }
}
