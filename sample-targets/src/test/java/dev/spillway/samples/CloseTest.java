package dev.spillway.samples;

import static dev.spillway.samples.Soon.soon;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.spillway.samples.internal.MailboxTracker;
import dev.spillway.toolkit.ledger.LedgerSnapshot;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Closing, for every design: it stops accepting, then drains within the timeout or counts what is
 * left as dropped; nothing is ever lost, and no consumer thread outlives it.
 */
class CloseTest {

  static Stream<DesignFactory> designs() {
    return DesignFactory.all();
  }

  @ParameterizedTest
  @MethodSource("designs")
  void afterClose_trackIsRejectedWithAReason_andCountedAsSentAndRejected(DesignFactory design) {
    EventTracker tracker = design.over(event -> {});
    tracker.track("k", "before");
    tracker.close();

    TrackResult late = tracker.track("k", "after");

    assertThat(late.accepted()).isFalse();
    assertThat(late.reason()).isEqualTo(design.name() + " is closed: not accepting events");
    LedgerSnapshot books = tracker.books();
    assertThat(books.sent()).isEqualTo(2);
    assertThat(books.rejected()).isEqualTo(1);
    assertThat(books.isBalanced()).as(books.describe()).isTrue();
  }

  @ParameterizedTest
  @MethodSource("designs")
  void close_stopsAccepting_thenDrainsEverythingQueued_withinTheTimeout(DesignFactory design)
      throws Exception {
    GatedDownstream gate = GatedDownstream.closed();
    EventTracker tracker = design.over(gate);
    for (int i = 0; i < 40; i++) {
      assertThat(tracker.track("key-" + i, "").accepted()).isTrue();
    }
    CompletableFuture<CloseSummary> closing =
        CompletableFuture.supplyAsync(() -> tracker.close(Duration.ofSeconds(60)));

    // while it drains, it accepts nothing (the events tracked before it stopped are still served)
    AtomicInteger acceptedMeanwhile = new AtomicInteger();
    soon()
        .until(
            () -> {
              TrackResult r = tracker.track("key-late", "");
              if (r.accepted()) {
                acceptedMeanwhile.incrementAndGet();
              }
              return !r.accepted();
            });
    assertThat(closing).isNotDone();
    for (int i = 0; i < 40; i++) {
      assertThat(tracker.track("key-" + i, "").accepted()).as("key-%d while closing", i).isFalse();
    }
    gate.open();
    CloseSummary summary = closing.get(30, TimeUnit.SECONDS);

    assertThat(summary.drained()).isTrue();
    assertThat(summary.dropped()).isZero();
    LedgerSnapshot books = summary.books();
    assertThat(books.isBalanced()).as(books.describe()).isTrue();
    assertThat(books.processed()).isEqualTo(40 + acceptedMeanwhile.get());
    assertThat(books.rejected()).isEqualTo(41);
    assertThat(books.queued()).isZero();
  }

  @Test
  void close_stopsAcceptingOnEveryPartition_beforeDrainingAny() throws Exception {
    GatedDownstream gate = GatedDownstream.closed();
    EventTracker partitioned = Designs.partitioned(2, gate);
    String inFirst = PartitionedTest.keyIn(0, 2);
    String inSecond = PartitionedTest.keyIn(1, 2);
    partitioned.track(inFirst, "waits at the gate");
    partitioned.track(inFirst, "queued");
    gate.awaitEntered(1);
    CompletableFuture<CloseSummary> closing =
        CompletableFuture.supplyAsync(() -> partitioned.close(Duration.ofSeconds(60)));
    AtomicInteger acceptedBeforeClose = new AtomicInteger();
    soon()
        .until(
            () -> {
              boolean accepted = partitioned.track(inFirst, "probe").accepted();
              if (accepted) {
                acceptedBeforeClose.incrementAndGet();
              }
              return !accepted;
            });

    // partition 0 is still draining; partition 1 must not take new events meanwhile
    assertThat(partitioned.track(inSecond, "late").accepted()).isFalse();
    assertThat(closing).isNotDone();
    gate.open();
    CloseSummary summary = closing.get(30, TimeUnit.SECONDS);
    assertThat(summary.books().processed()).isEqualTo(2 + acceptedBeforeClose.get());
    assertThat(summary.books().rejected()).isEqualTo(2);
    assertThat(summary.books().isBalanced()).as(summary.books().describe()).isTrue();
  }

  @ParameterizedTest
  @MethodSource("designs")
  void close_pastItsTimeout_countsWhatIsLeftAsDropped_includingTheEventsBeingHandled(
      DesignFactory design) {
    GatedDownstream gate = GatedDownstream.closed();
    EventTracker tracker = design.over(gate);
    int sent = 40;
    for (int i = 0; i < sent; i++) {
      tracker.track("key-" + i, "");
    }
    long consumersWithWork =
        switch (design.name()) {
          case "partitioned" -> busyPartitions(sent, 4);
          case "balancer" -> 4; // every worker checked out, the balancer waiting with the 5th
          // the workers the callers' random picks gave an event (its mark is exact, at enqueue)
          case "free-for-all" ->
              tracker.queues().stream().filter(q -> q.highWaterMark() > 0).count();
          default -> 1;
        };
    gate.awaitEntered((int) consumersWithWork);

    CloseSummary summary = tracker.close(Duration.ofMillis(50));

    assertThat(summary.drained()).isFalse();
    assertThat(summary.dropped()).isEqualTo(sent);
    assertThat(gate.interrupted())
        .as("each consumer was interrupted in the middle of its event")
        .isEqualTo(consumersWithWork);
    assertThat(gate.handled()).isEmpty();
    LedgerSnapshot books = summary.books();
    assertThat(books.dropped()).isEqualTo(sent);
    assertThat(books.processed()).isZero();
    assertThat(books.queued()).isZero();
    assertThat(books.isBalanced()).as(books.describe()).isTrue();
  }

  private static long busyPartitions(int keys, int partitions) {
    return IntStream.range(0, keys)
        .map(i -> MailboxTracker.partitionOf("key-" + i, partitions))
        .distinct()
        .count();
  }

  @ParameterizedTest
  @MethodSource("designs")
  void close_isIdempotent_andLeavesNoConsumerThreadAlive(DesignFactory design) {
    Set<Thread> before = ConsumerThreads.alive();
    GatedDownstream gate = GatedDownstream.closed();
    EventTracker tracker = design.over(gate);
    assertThat(ConsumerThreads.startedSince(before)).hasSize(tracker.queues().size());
    tracker.track("k", "");
    gate.awaitEntered(1);

    CloseSummary first = tracker.close(Duration.ZERO);
    CloseSummary second = tracker.close(Duration.ofSeconds(5));
    tracker.close();

    assertThat(second).isSameAs(first);
    assertThat(first.dropped()).isEqualTo(1);
    assertThat(ConsumerThreads.startedSince(before)).isEmpty();
  }

  @Test
  void close_rejectsANegativeTimeout_andAcceptsAHugeOne() {
    GatedDownstream recorder = GatedDownstream.opened();
    EventTracker tracker = Designs.singleton(recorder);
    assertThatThrownBy(() -> tracker.close(Duration.ofMillis(-1)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("drain timeout must be a duration >= 0, but was PT-0.001S");
    assertThatThrownBy(() -> tracker.close(null))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("drain timeout must not be null");
    tracker.track("k", "");
    CloseSummary summary = tracker.close(Duration.ofDays(365L * 1_000));
    assertThat(summary.drained()).isTrue();
    assertThat(summary.books().processed()).isEqualTo(1);
  }
}
