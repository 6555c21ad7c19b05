package dev.spillway.samples;

import static dev.spillway.samples.Soon.soon;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.spillway.toolkit.ledger.LedgerSnapshot;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The worker-locks design: clients check out a worker that is not checked out, wait while none is,
 * and race for a worker in the moment before it locks itself.
 */
class WorkerLocksTest {

  @Test
  void eachWorkerTakesOneClient_andACallerWaitsWhileEveryWorkerIsCheckedOut() throws Exception {
    GatedDownstream gate = GatedDownstream.closed();
    try (WorkerLocks design = Designs.workerLocks(2, gate)) {
      assertThat(design.name()).isEqualTo("worker-locks");
      // one at a time, each event reaching its worker before the next is tracked: no race
      assertThat(design.track("k", "first")).isEqualTo(TrackResult.ACCEPTED);
      gate.awaitEntered(1);
      assertThat(design.track("k", "second")).isEqualTo(TrackResult.ACCEPTED);
      gate.awaitEntered(2);
      for (QueueView worker : design.queues()) {
        assertThat(worker.inFlight()).as(worker.name()).isEqualTo(1);
      }

      // both workers checked out: the third caller waits for a check-in
      CompletableFuture<TrackResult> third =
          CompletableFuture.supplyAsync(() -> design.track("k", "third"));
      soon().until(() -> design.lockWaits() == 1);
      assertThat(third).isNotDone();
      assertThat(design.books().sent()).isEqualTo(3);
      assertThat(design.books().queued()).isZero();

      gate.release(1); // a worker checks in; the waiting caller hands it the third event
      assertThat(third.get(10, TimeUnit.SECONDS)).isEqualTo(TrackResult.ACCEPTED);
      gate.awaitEntered(3);

      gate.open();
      LedgerSnapshot books = design.close(Duration.ofSeconds(30)).books();
      assertThat(books.processed()).isEqualTo(3);
      assertThat(books.isBalanced()).as(books.describe()).isTrue();
      assertThat(design.lockRaces()).isZero();
      assertThat(design.lockWaits()).isEqualTo(1);
    }
  }

  @Test
  void underContention_clientsRaceForAWorker_andEachWorkersQueueHoldsAtMostOnePlusItsRaces()
      throws Exception {
    try (WorkerLocks design = Designs.workerLocks(2, Downstream.inProcess(Duration.ofMillis(1)))) {
      assertThat(design.lock()).isEqualTo(WorkerLocks.Lock.registry());
      contend(design);

      // eight clients for two 1 ms workers: however the races fell in this run (the machine decides
      // how many there are; the next test makes one for certain), no worker's queue ever held more
      // than its own event and the events of the races it lost
      long races = 0;
      for (int w = 0; w < 2; w++) {
        QueueView worker = design.queues().get(w);
        // counted apart: the queue's exact mark, the design's races at the hand-over
        assertThat(worker.highWaterMark())
            .as("%s, %d races", worker.name(), design.lockRaces(w))
            .isLessThanOrEqualTo(1 + design.lockRaces(w));
        races += design.lockRaces(w);
      }
      assertThat(races).isEqualTo(design.lockRaces());
    }
  }

  @Test
  void aCheckOutNobodySeesYet_letsAClientHandABusyWorkerAnother_event_aRace() throws Exception {
    GatedDownstream gate = GatedDownstream.closed();
    // the registry shows a worker's mark a minute after it makes it: until then every client reads
    // both workers as free
    try (WorkerLocks design =
        Designs.workerLocks(2, WorkerLocks.Lock.registry(Duration.ofMinutes(1)), gate)) {
      for (int i = 0; i < 3; i++) {
        assertThat(design.track("k", "e" + i)).isEqualTo(TrackResult.ACCEPTED);
      }

      // three events, two workers held in the downstream: one of them was handed two
      assertThat(design.lockRaces()).isPositive();
      assertThat(design.lockWaits()).isZero();
      for (int w = 0; w < 2; w++) {
        QueueView worker = design.queues().get(w);
        assertThat(worker.highWaterMark())
            .as("%s, %d races", worker.name(), design.lockRaces(w))
            .isLessThanOrEqualTo(1 + design.lockRaces(w));
      }
      gate.open();
      LedgerSnapshot books = design.close(Duration.ofSeconds(30)).books();
      assertThat(books.processed()).isEqualTo(3);
      assertThat(books.isBalanced()).as(books.describe()).isTrue();
    }
  }

  @Test
  void withAnImmediateLock_noTwoClientsShareAWorker_underTheSameContention() throws Exception {
    try (WorkerLocks design =
        Designs.workerLocks(
            2, WorkerLocks.Lock.immediate(), Downstream.inProcess(Duration.ofMillis(1)))) {
      contend(design);

      assertThat(design.lockWaits()).isPositive();
      assertThat(design.lockRaces()).isZero();
      for (QueueView worker : design.queues()) {
        assertThat(worker.highWaterMark()).as(worker.name()).isEqualTo(1);
      }
    }
  }

  /**
   * Eight clients track 250 events each, all at once; checks that every event was accepted and
   * processed once the design closed.
   */
  private static void contend(WorkerLocks design) throws Exception {
    int clients = 8;
    int perClient = 250;
    ExecutorService pool = Executors.newFixedThreadPool(clients);
    try {
      List<Future<Long>> accepted = new ArrayList<>();
      for (int c = 0; c < clients; c++) {
        int client = c;
        accepted.add(
            pool.submit(
                () -> {
                  long n = 0;
                  for (int i = 0; i < perClient; i++) {
                    n += design.track("c" + client, "e" + i).accepted() ? 1 : 0;
                  }
                  return n;
                }));
      }
      long total = 0;
      for (Future<Long> f : accepted) {
        total += f.get(60, TimeUnit.SECONDS);
      }
      assertThat(total).isEqualTo((long) clients * perClient);
    } finally {
      pool.shutdownNow();
    }
    LedgerSnapshot books = design.close(Duration.ofSeconds(30)).books();
    assertThat(books.processed()).isEqualTo((long) clients * perClient);
    assertThat(books.isBalanced()).as(books.describe()).isTrue();
  }

  @Test
  void aCloseReleasesTheCallersWaitingForAWorker() throws Exception {
    GatedDownstream gate = GatedDownstream.closed();
    WorkerLocks design = Designs.workerLocks(1, gate);
    design.track("k", "held at the gate");
    gate.awaitEntered(1);
    CompletableFuture<TrackResult> waiting =
        CompletableFuture.supplyAsync(() -> design.track("k", "waits"));
    soon().until(() -> design.lockWaits() == 1);

    CloseSummary summary = design.close(Duration.ZERO);

    // the waiting caller is turned away (its event never reached the worker)
    TrackResult answer = waiting.get(10, TimeUnit.SECONDS);
    assertThat(answer.accepted()).isFalse();
    assertThat(answer.reason()).contains("closed");
    LedgerSnapshot books = design.books();
    assertThat(books.sent()).isEqualTo(2);
    assertThat(books.rejected()).isEqualTo(1);
    assertThat(books.dropped()).isEqualTo(1); // the event interrupted at the gate
    assertThat(books.isBalanced()).as(books.describe()).isTrue();
    assertThat(summary.drained()).isFalse();
  }

  @Test
  void invalidSettings_areRefused_namingTheSetting() {
    Set<Thread> before = ConsumerThreads.alive();
    assertThatThrownBy(() -> Designs.workerLocks(0, event -> {}))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("workers");
    assertThatThrownBy(() -> Designs.workerLocks(Designs.MAX_PARTITIONS + 1, event -> {}))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("workers");
    assertThatThrownBy(() -> Designs.workerLocks(2, (Downstream) null))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("downstream must not be null");
    assertThatThrownBy(() -> Designs.workerLocks(2, null, event -> {}))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("lock must not be null");
    assertThatThrownBy(() -> WorkerLocks.Lock.registry(Duration.ofMillis(-1)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("visible after");
    assertThatThrownBy(() -> new WorkerLocks.Lock(true, Duration.ofMillis(1)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("visible after")
        .hasMessageContaining("zero with the immediate lock");
    try (WorkerLocks design = Designs.workerLocks(2, event -> {})) {
      assertThatThrownBy(() -> design.lockRaces(2))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("worker");
    }
    assertThat(ConsumerThreads.startedSince(before)).isEmpty();
  }
}
