package dev.spillway.samples;

import static dev.spillway.samples.Soon.soon;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.spillway.toolkit.ledger.LedgerSnapshot;
import dev.spillway.toolkit.record.EventSink;
import dev.spillway.toolkit.record.TraceEvent;
import dev.spillway.toolkit.sentinel.Breach;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * The sentinel-watched design: an unbounded queue watched by a Sentinel that fires at its enable
 * threshold and sheds, restarts the consumer, or only alerts. The consumer waits at a gate, so the
 * depth is exactly what the test put in the queue.
 */
class SentinelWatchedTest {

  private static final int ENABLE = 10;
  private static final int DISABLE = 4;
  private static final String SHEDDING =
      "sentinel-watched is shedding: its queue reached 10 (enable threshold); admitting again at 4";

  private final List<TraceEvent> events = new CopyOnWriteArrayList<>();
  private final EventSink sink = events::add;

  @Test
  void shed_holdsTheDepthAtTheEnableThreshold_andAdmitsAgainAfterFallingToDisable() {
    GatedDownstream gate = GatedDownstream.closed();
    try (SentinelWatched watched =
        Designs.sentinelWatched(ENABLE, DISABLE, SentinelMitigation.SHED, gate, sink)) {
      assertThat(watched.mitigation()).isEqualTo(SentinelMitigation.SHED);
      watched.track("k", "in hand");
      gate.awaitEntered(1);

      int accepted = 0;
      List<String> reasons = new ArrayList<>();
      for (int i = 0; i < 100; i++) {
        TrackResult r = watched.track("k", "flood");
        if (r.accepted()) {
          accepted++;
        } else {
          reasons.add(r.reason());
        }
      }
      QueueView queue = watched.queues().get(0);
      assertThat(accepted).isEqualTo(ENABLE);
      assertThat(queue.depth()).isEqualTo(ENABLE);
      assertThat(queue.highWaterMark()).isEqualTo(ENABLE);
      assertThat(reasons).hasSize(100 - ENABLE).containsOnly(SHEDDING);
      assertThat(watched.sentinel().isShedding()).isTrue();
      assertThat(watched.sentinel().shedCount()).isEqualTo(100 - ENABLE);
      soon().until(() -> watched.sentinel().breachCount() == 1);
      Breach breach = watched.sentinel().breaches().get(0);
      assertThat(breach.depth()).isEqualTo(ENABLE);
      assertThat(breach.enableThreshold()).isEqualTo(ENABLE);
      assertThat(breach.disableThreshold()).isEqualTo(DISABLE);
      assertThat(breach.results()).extracting(r -> r.action()).contains("shed");

      // down to 5: still above disable, still shedding
      gate.release(ENABLE - DISABLE - 1);
      soon().until(() -> queue.depth() == DISABLE + 1);
      assertThat(watched.track("k", "still shed").reason()).isEqualTo(SHEDDING);

      // down to 4 = disable: admitting again
      gate.release(1);
      soon().until(() -> !watched.sentinel().isShedding());
      assertThat(queue.depth()).isEqualTo(DISABLE);
      assertThat(watched.track("k", "admitted").accepted()).isTrue();
      soon().until(() -> watched.sentinel().rearmCount() == 1);

      gate.open();
      CloseSummary summary = watched.close(Duration.ofSeconds(30));
      LedgerSnapshot books = summary.books();
      assertThat(books.isBalanced()).as(books.describe()).isTrue();
      assertThat(books.rejected()).isEqualTo(100 - ENABLE + 1);
      assertThat(books.processed()).isEqualTo(1 + ENABLE + 1);
      assertThat(events).extracting(TraceEvent::kind).contains(TraceEvent.Kind.BREACH);
      assertThat(events).extracting(TraceEvent::kind).contains(TraceEvent.Kind.REARM);
      assertThat(events)
          .filteredOn(e -> e.kind() == TraceEvent.Kind.BREACH)
          .extracting(TraceEvent::source)
          .containsOnly("sentinel-watched");
    }
  }

  @Test
  void shed_holdsTheDepthWithinOneEventPerProducer_underConcurrentProducers() throws Exception {
    int producers = 4;
    GatedDownstream gate = GatedDownstream.closed();
    try (SentinelWatched watched =
        Designs.sentinelWatched(ENABLE, DISABLE, SentinelMitigation.SHED, gate)) {
      watched.track("k", "in hand");
      gate.awaitEntered(1);
      AtomicInteger accepted = new AtomicInteger();
      CountDownLatch start = new CountDownLatch(1);
      List<Thread> threads = new ArrayList<>();
      for (int p = 0; p < producers; p++) {
        Thread t =
            new Thread(
                () -> {
                  try {
                    start.await();
                  } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                  }
                  for (int i = 0; i < 1_000; i++) {
                    if (watched.track("k", "").accepted()) {
                      accepted.incrementAndGet();
                    }
                  }
                });
        t.start();
        threads.add(t);
      }
      start.countDown();
      for (Thread t : threads) {
        t.join();
      }
      // a producer that passed admission may enqueue once more before its own enqueue trips the
      // sentinel, so the depth can pass enable by at most producers - 1
      long highWaterMark = watched.queues().get(0).highWaterMark();
      assertThat(highWaterMark).isBetween((long) ENABLE, (long) ENABLE + producers - 1);
      assertThat(accepted).hasValue((int) highWaterMark);
      gate.open();
      LedgerSnapshot books = watched.close(Duration.ofSeconds(30)).books();
      assertThat(books.isBalanced()).as(books.describe()).isTrue();
      assertThat(books.rejected()).isEqualTo(producers * 1_000L - highWaterMark);
    }
  }

  @Test
  void restart_dropsWhatIsQueued_countsItAsDropped_andTheNewConsumerServes() {
    Set<Thread> before = ConsumerThreads.alive();
    GatedDownstream gate = GatedDownstream.closed();
    try (SentinelWatched watched =
        Designs.sentinelWatched(ENABLE, DISABLE, SentinelMitigation.RESTART, gate, sink)) {
      Set<Thread> firstConsumer = ConsumerThreads.startedSince(before);
      assertThat(firstConsumer).hasSize(1);
      watched.track("k", "in hand");
      gate.awaitEntered(1);
      for (int i = 0; i < ENABLE; i++) {
        assertThat(watched.track("k", "queued").accepted()).as("restart never rejects").isTrue();
      }

      soon().until(() -> watched.sentinel().breachCount() == 1);
      Breach breach = watched.sentinel().breaches().get(0);
      assertThat(breach.dropped()).as("queued + the one interrupted at the gate").isEqualTo(11);
      assertThat(gate.interrupted()).isEqualTo(1);
      assertThat(watched.queues().get(0).depth()).isZero();
      LedgerSnapshot afterRestart = watched.books();
      assertThat(afterRestart.dropped()).isEqualTo(ENABLE + 1);
      assertThat(afterRestart.isBalanced()).as(afterRestart.describe()).isTrue();
      assertThat(firstConsumer.iterator().next().isAlive()).isFalse();
      Set<Thread> consumers = ConsumerThreads.startedSince(before);
      assertThat(consumers)
          .singleElement()
          .extracting(Thread::getName)
          .isEqualTo("spillway-consumer-sentinel-watched-1");

      gate.open();
      for (int i = 0; i < 5; i++) {
        assertThat(watched.track("k", "after").accepted()).isTrue();
      }
      gate.awaitHandled(5);
      assertThat(gate.handled())
          .extracting(GatedDownstream.Handled::thread)
          .containsOnly("spillway-consumer-sentinel-watched-1");

      LedgerSnapshot books = watched.close(Duration.ofSeconds(30)).books();
      assertThat(books.isBalanced()).as(books.describe()).isTrue();
      assertThat(books.processed()).isEqualTo(5);
      assertThat(books.dropped()).isEqualTo(ENABLE + 1);
      assertThat(books.rejected()).isZero();
      assertThat(events).filteredOn(e -> e.kind() == TraceEvent.Kind.MITIGATION).isNotEmpty();
    }
    assertThat(ConsumerThreads.startedSince(before)).isEmpty();
  }

  @Test
  void alert_onlyRecordsTheBreach_andKeepsAccepting() {
    GatedDownstream gate = GatedDownstream.closed();
    try (SentinelWatched watched =
        Designs.sentinelWatched(ENABLE, DISABLE, SentinelMitigation.ALERT, gate, sink)) {
      watched.track("k", "in hand");
      gate.awaitEntered(1);
      for (int i = 0; i < 3 * ENABLE; i++) {
        assertThat(watched.track("k", "").accepted()).isTrue();
      }
      soon().until(() -> watched.sentinel().breachCount() == 1);

      assertThat(watched.queues().get(0).depth()).isEqualTo(3 * ENABLE);
      assertThat(watched.sentinel().isShedding()).isFalse();
      assertThat(watched.sentinel().shedCount()).isZero();
      Breach breach = watched.sentinel().breaches().get(0);
      assertThat(breach.results()).extracting(r -> r.action()).containsExactly("log");
      assertThat(breach.dropped()).isZero();
      // read when the sentinel's thread handled the breach: at or after the crossing
      assertThat(breach.diagnostics().ranking())
          .as("the watched queue, once")
          .singleElement()
          .satisfies(p -> assertThat(p.name()).isEqualTo("sentinel-watched"))
          .satisfies(p -> assertThat(p.depth()).isBetween((long) ENABLE, 3L * ENABLE));
      assertThat(breach.diagnostics().consumerThread())
          .contains("spillway-consumer-sentinel-watched-0");
      assertThat(events).filteredOn(e -> e.kind() == TraceEvent.Kind.BREACH).hasSize(1);
      assertThat(watched.books().dropped()).isZero();

      gate.open();
      LedgerSnapshot books = watched.close(Duration.ofSeconds(30)).books();
      assertThat(books.processed()).isEqualTo(1 + 3 * ENABLE);
      assertThat(books.isBalanced()).as(books.describe()).isTrue();
    }
  }

  @Test
  void theSentinelFiresAtItsThreshold_notBefore() {
    GatedDownstream gate = GatedDownstream.closed();
    try (SentinelWatched watched =
        Designs.sentinelWatched(ENABLE, DISABLE, SentinelMitigation.ALERT, gate, sink)) {
      watched.track("k", "in hand");
      gate.awaitEntered(1);
      for (int i = 0; i < ENABLE - 1; i++) {
        watched.track("k", "");
      }
      assertThat(watched.sentinel().isArmed()).as("depth 9 < enable 10").isTrue();
      watched.track("k", "");
      assertThat(watched.sentinel().isArmed()).as("depth 10 = enable").isFalse();
      soon().until(() -> watched.sentinel().breachCount() == 1);
      gate.open();
    }
  }

  @Test
  void badThresholdsAndArguments_areRejectedBeforeAnyThreadStarts() {
    Set<Thread> before = ConsumerThreads.alive();
    Downstream ok = event -> {};
    assertThatThrownBy(() -> Designs.sentinelWatched(10, -1, SentinelMitigation.SHED, ok))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("disable threshold must be >= 0, but was -1");
    assertThatThrownBy(() -> Designs.sentinelWatched(4, 4, SentinelMitigation.SHED, ok))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("enable threshold must be > disable threshold 4, but was 4");
    assertThatThrownBy(() -> Designs.sentinelWatched(10, 4, null, ok))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("mitigation must not be null");
    assertThatThrownBy(() -> Designs.sentinelWatched(10, 4, SentinelMitigation.SHED, null))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("downstream must not be null");
    assertThatThrownBy(
            () -> Designs.sentinelWatched(10, 4, SentinelMitigation.SHED, ok, sink, null))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("events[1] must not be null");
    assertThat(ConsumerThreads.startedSince(before)).isEmpty();
  }
}
