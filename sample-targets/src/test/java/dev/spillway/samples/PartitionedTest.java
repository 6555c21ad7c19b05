package dev.spillway.samples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.spillway.samples.internal.MailboxTracker;
import dev.spillway.toolkit.ledger.LedgerSnapshot;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The partitioned design: N consumers, a stable key → partition mapping, per-key order. */
class PartitionedTest {

  @Test
  void eventsOfOneKey_areHandledInOrder_underConcurrentProducers() throws Exception {
    int producers = 4;
    int keysPerProducer = 25;
    int eventsPerKey = 200;
    Map<String, List<Integer>> seen = new ConcurrentHashMap<>();
    Map<String, Set<String>> threadsOfKey = new ConcurrentHashMap<>();
    Downstream recording =
        event -> {
          seen.computeIfAbsent(event.key(), k -> Collections.synchronizedList(new ArrayList<>()))
              .add(Integer.parseInt(event.payload()));
          threadsOfKey
              .computeIfAbsent(event.key(), k -> ConcurrentHashMap.newKeySet())
              .add(Thread.currentThread().getName());
        };
    try (EventTracker partitioned = Designs.partitioned(4, recording)) {
      CountDownLatch start = new CountDownLatch(1);
      AtomicInteger rejected = new AtomicInteger();
      List<Thread> threads = new ArrayList<>();
      for (int p = 0; p < producers; p++) {
        int producer = p;
        Thread t =
            new Thread(
                () -> {
                  awaitQuietly(start);
                  for (int seq = 0; seq < eventsPerKey; seq++) {
                    for (int k = 0; k < keysPerProducer; k++) {
                      String key = "producer-" + producer + "-key-" + k;
                      if (!partitioned.track(key, Integer.toString(seq)).accepted()) {
                        rejected.incrementAndGet();
                      }
                    }
                  }
                },
                "test-producer-" + p);
        t.start();
        threads.add(t);
      }
      start.countDown();
      for (Thread t : threads) {
        t.join();
      }
      CloseSummary summary = partitioned.close(Duration.ofSeconds(30));

      assertThat(rejected).hasValue(0);
      assertThat(summary.drained()).isTrue();
      LedgerSnapshot books = summary.books();
      assertThat(books.isBalanced()).as(books.describe()).isTrue();
      assertThat(books.processed()).isEqualTo((long) producers * keysPerProducer * eventsPerKey);
      assertThat(seen).hasSize(producers * keysPerProducer);
      List<Integer> expected = new ArrayList<>();
      for (int seq = 0; seq < eventsPerKey; seq++) {
        expected.add(seq);
      }
      seen.forEach(
          (key, sequence) ->
              assertThat(sequence).as("sequence numbers of %s", key).isEqualTo(expected));
      threadsOfKey.forEach((key, names) -> assertThat(names).as("consumers of %s", key).hasSize(1));
      assertThat(threadsOfKey.values().stream().flatMap(Set::stream).collect(Collectors.toSet()))
          .as("the keys spread over every partition's consumer")
          .hasSize(4);
    }
  }

  @Test
  void aKey_alwaysGoesToThePartitionItsStableHashNames_andManyKeysSpreadEvenly() {
    int partitions = 8;
    int keys = 1_000;
    GatedDownstream recorder = GatedDownstream.opened();
    try (EventTracker partitioned = Designs.partitioned(partitions, recorder)) {
      for (int round = 0; round < 3; round++) {
        for (int k = 0; k < keys; k++) {
          partitioned.track("user-" + k, "");
        }
      }
      recorder.awaitHandled(3 * keys);
    }
    Map<String, Set<String>> threadsOfKey = new HashMap<>();
    for (GatedDownstream.Handled h : recorder.handled()) {
      threadsOfKey.computeIfAbsent(h.event().key(), k -> new HashSet<>()).add(h.thread());
    }
    int[] keysPerPartition = new int[partitions];
    threadsOfKey.forEach(
        (key, threads) -> {
          int partition = MailboxTracker.partitionOf(key, partitions);
          assertThat(threads)
              .as("consumers of %s", key)
              .containsExactly("spillway-consumer-partitioned-" + partition + "-0");
          keysPerPartition[partition]++;
        });
    // 125 keys per partition on average; a fair hash stays well within half to 1.5 times that
    for (int p = 0; p < partitions; p++) {
      assertThat(keysPerPartition[p]).as("keys in partition %d", p).isBetween(63, 187);
    }
  }

  @Test
  void partitionOf_isStableAcrossRunsAndJvms() {
    // pinned values: String.hashCode is specified, and the mixing is ours; a change here moves
    // every key of a running system to another partition
    assertThat(
            List.of(
                MailboxTracker.partitionOf("user-42", 8),
                MailboxTracker.partitionOf("user-43", 8),
                MailboxTracker.partitionOf("order-1", 16),
                MailboxTracker.partitionOf("", 3),
                MailboxTracker.partitionOf("k", 1024)))
        .containsExactly(3, 2, 11, 0, 725);
    for (int n = 1; n <= 64; n++) {
      assertThat(MailboxTracker.partitionOf("anything-" + n, n)).isBetween(0, n - 1);
    }
  }

  @Test
  void everyPartitionHasAProbe_andTheDesignAProbeOfTheTotal() {
    GatedDownstream gate = GatedDownstream.closed();
    try (EventTracker partitioned = Designs.partitioned(3, gate)) {
      assertThat(partitioned.queues())
          .extracting(QueueView::name)
          .containsExactly("partitioned-0", "partitioned-1", "partitioned-2");
      assertThat(partitioned.queues())
          .extracting(q -> q.probe().name())
          .containsExactly("partitioned-0", "partitioned-1", "partitioned-2");
      assertThat(partitioned.depthProbe().name()).isEqualTo("partitioned");

      // 1 event for partition 0, 3 for partition 1, 6 for partition 2
      int[] wanted = {1, 3, 6};
      for (int p = 0; p < 3; p++) {
        String key = keyIn(p, 3);
        for (int i = 0; i < wanted[p]; i++) {
          partitioned.track(key, "");
        }
      }
      gate.awaitEntered(3); // each consumer holds one event at the gate

      assertThat(partitioned.queues()).extracting(QueueView::depth).containsExactly(0L, 2L, 5L);
      assertThat(partitioned.queues())
          .extracting(q -> q.probe().depth())
          .containsExactly(0L, 2L, 5L);
      assertThat(partitioned.depthProbe().depth()).isEqualTo(7);
      assertThat(partitioned.books().queued()).isEqualTo(7);
      gate.open();
    }
  }

  @Test
  void byDefault_thereIsOnePartitionPerAvailableProcessor() {
    try (EventTracker partitioned = Designs.partitioned(event -> {})) {
      assertThat(partitioned.queues())
          .hasSize(Math.min(1024, Runtime.getRuntime().availableProcessors()));
    }
  }

  @ParameterizedTest
  @ValueSource(ints = {1, 1024})
  void partitionCountsAtTheLimits_areAccepted(int partitions) {
    Set<Thread> before = ConsumerThreads.alive();
    EventTracker partitioned = Designs.partitioned(partitions, event -> {});
    try {
      assertThat(partitioned.queues()).hasSize(partitions);
      assertThat(ConsumerThreads.startedSince(before)).hasSize(partitions);
      assertThat(partitioned.track("k", "").accepted()).isTrue();
    } finally {
      partitioned.close();
    }
    assertThat(ConsumerThreads.startedSince(before)).isEmpty();
  }

  @ParameterizedTest
  @ValueSource(ints = {Integer.MIN_VALUE, -1, 0, 1025, 100_000})
  void partitionCountsOutside1To1024_areRejectedWithTheRule_beforeAnyThreadStarts(int partitions) {
    Set<Thread> before = ConsumerThreads.alive();
    assertThatThrownBy(() -> Designs.partitioned(partitions, event -> {}))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("partitions must be in [1, 1024], but was " + partitions);
    assertThat(ConsumerThreads.startedSince(before)).isEmpty();
  }

  @Test
  void aNullDownstream_isRejected() {
    assertThatThrownBy(() -> Designs.partitioned(2, null))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("downstream must not be null");
  }

  /** A key that the partitioned design puts in {@code partition} of {@code partitions}. */
  static String keyIn(int partition, int partitions) {
    for (int i = 0; ; i++) {
      String key = "key-" + i;
      if (MailboxTracker.partitionOf(key, partitions) == partition) {
        return key;
      }
    }
  }

  private static void awaitQuietly(CountDownLatch latch) {
    try {
      latch.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
