package dev.spillway.samples;

import static dev.spillway.samples.Soon.soon;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.spillway.toolkit.ledger.LedgerSnapshot;
import java.time.Duration;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The balancer design: one thread in front of a pool (poolboy) checks out an idle worker for each
 * event and hands the event to it; the worker checks itself back in when done.
 */
class BalancerTest {

  @Test
  void theBalancer_handsOneEventToEachIdleWorker_andHoldsTheNextUntilOneIsCheckedIn() {
    GatedDownstream gate = GatedDownstream.closed();
    try (EventTracker balancer = Designs.balancer(4, Duration.ZERO, gate)) {
      assertThat(balancer.name()).isEqualTo("balancer");
      assertThat(balancer.queues())
          .extracting(QueueView::name)
          .containsExactly(
              "balancer",
              "balancer-worker-0",
              "balancer-worker-1",
              "balancer-worker-2",
              "balancer-worker-3");
      for (int i = 0; i < 10; i++) {
        assertThat(balancer.track("k", "e" + i)).isEqualTo(TrackResult.ACCEPTED);
      }

      gate.awaitEntered(4);
      QueueView inbox = balancer.queues().get(0);
      // four events at the gate, one in the balancer's hands waiting for a worker, five queued
      soon().until(() -> inbox.inFlight() == 1 && inbox.depth() == 5);
      assertThat(gate.entered()).isEqualTo(4);
      for (QueueView worker : balancer.queues().subList(1, 5)) {
        assertThat(worker.capacity()).isEqualTo(1);
        assertThat(worker.depth()).isZero();
        assertThat(worker.inFlight()).isEqualTo(1);
      }
      LedgerSnapshot during = balancer.books();
      assertThat(during.queued()).isEqualTo(5);
      assertThat(during.inFlight()).isEqualTo(5);
      assertThat(during.isBalanced()).as(during.describe()).isTrue();

      gate.open();
      CloseSummary summary = balancer.close(Duration.ofSeconds(30));

      assertThat(summary.drained()).isTrue();
      LedgerSnapshot books = summary.books();
      assertThat(books.processed()).isEqualTo(10);
      assertThat(books.isBalanced()).as(books.describe()).isTrue();
      Set<String> threads =
          gate.handled().stream().map(GatedDownstream.Handled::thread).collect(Collectors.toSet());
      assertThat(threads).hasSize(4).allMatch(t -> t.startsWith("spillway-consumer-balancer-w"));
      // every hand-off found its worker idle: none was refused for a full queue
      assertThat(books.dropped()).isZero();
    }
  }

  @Test
  void aWorkerWhoseHandlingFails_countsTheEventFailed_andIsCheckedInAgain() {
    Downstream flaky =
        event -> {
          if (event.payload().startsWith("bad")) {
            throw new IllegalStateException("downstream refused " + event.payload());
          }
        };
    try (EventTracker balancer = Designs.balancer(2, Duration.ZERO, flaky)) {
      for (int i = 0; i < 100; i++) {
        balancer.track("k", (i % 4 == 0 ? "bad-" : "good-") + i);
      }
      // every worker failed at least once: were a failing worker not checked in, the rest would
      // wait for it forever
      soon().until(() -> balancer.books().completed() == 100);

      LedgerSnapshot books = balancer.close(Duration.ofSeconds(10)).books();
      assertThat(books.failed()).isEqualTo(25);
      assertThat(books.processed()).isEqualTo(75);
      assertThat(books.isBalanced()).as(books.describe()).isTrue();
    }
  }

  @Test
  void theBalancersDispatchCost_isItsOwn_notTheWorkers() {
    // 20 events at 20 ms of the balancer's time each: the workers (instant) cannot go faster
    GatedDownstream recorder = GatedDownstream.opened();
    try (EventTracker balancer = Designs.balancer(4, Duration.ofMillis(20), recorder)) {
      long start = System.nanoTime();
      for (int i = 0; i < 20; i++) {
        balancer.track("k", "e" + i);
      }
      recorder.awaitHandled(20);
      Duration took = Duration.ofNanos(System.nanoTime() - start);

      // one event at a time through the balancer: at least 20 × 20 ms, whatever the pool's size
      assertThat(took).isGreaterThanOrEqualTo(Duration.ofMillis(20 * 20));
      assertThat(balancer.queues().get(0).highWaterMark()).isGreaterThan(1);
    }
  }

  @Test
  void invalidSettings_areRefused_namingTheSetting() {
    Set<Thread> before = ConsumerThreads.alive();
    assertThatThrownBy(() -> Designs.balancer(0, Duration.ZERO, event -> {}))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("workers")
        .hasMessageContaining("0");
    assertThatThrownBy(() -> Designs.balancer(2, Duration.ofMillis(-1), event -> {}))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("dispatch cost");
    assertThatThrownBy(() -> Designs.balancer(2, Duration.ZERO, null))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("downstream must not be null");
    assertThat(ConsumerThreads.startedSince(before)).isEmpty();
  }
}
