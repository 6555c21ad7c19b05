package dev.spillway.samples;

import static dev.spillway.samples.Soon.soon;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.spillway.samples.internal.Mailbox;
import dev.spillway.samples.internal.MailboxTracker;
import dev.spillway.toolkit.ledger.LedgerSnapshot;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A close returns within drain timeout + {@link EventTracker#CONSUMER_STOP_TIMEOUT} even when every
 * consumer is stuck in a handler that ignores interrupts, names each consumer it leaves behind, and
 * a sentinel's diagnostics never wait behind a close. The stuck handlers stay blocked for {@link
 * #BLOCKED_FOR} unless released; every test releases them when it ends.
 */
class CloseDeadlineTest {

  private static final Duration BLOCKED_FOR = Duration.ofSeconds(60);
  private static final Duration STOP = EventTracker.CONSUMER_STOP_TIMEOUT;

  private final CountDownLatch release = new CountDownLatch(1);
  private final AtomicInteger entered = new AtomicInteger();
  private final AtomicInteger interruptsIgnored = new AtomicInteger();
  private final List<String> warnings = new ArrayList<>();
  private final Logger mailboxLog = Logger.getLogger(Mailbox.class.getName());
  private final Handler capture =
      new Handler() {
        @Override
        public void publish(LogRecord record) {
          if (record.getLevel().intValue() >= Level.WARNING.intValue()) {
            synchronized (warnings) {
              warnings.add(record.getMessage());
            }
          }
        }

        @Override
        public void flush() {}

        @Override
        public void close() {}
      };

  /** Blocks until released, ignoring interrupts (a handler in code that does not answer them). */
  private final Downstream stubborn =
      event -> {
        entered.incrementAndGet();
        long end = System.nanoTime() + BLOCKED_FOR.toNanos();
        while (release.getCount() > 0 && System.nanoTime() - end < 0) {
          try {
            release.await(end - System.nanoTime(), TimeUnit.NANOSECONDS);
          } catch (InterruptedException e) {
            interruptsIgnored.incrementAndGet();
          }
        }
      };

  CloseDeadlineTest() {
    mailboxLog.addHandler(capture);
  }

  @AfterEach
  void release() {
    release.countDown();
    mailboxLog.removeHandler(capture);
  }

  private List<String> warnings() {
    synchronized (warnings) {
      return List.copyOf(warnings);
    }
  }

  @Test
  void everyConsumerStuckInAHandler_isWaitedForOnce_notOneStopTimeoutEach() {
    int partitions = 4;
    Set<Thread> before = ConsumerThreads.alive();
    EventTracker partitioned = Designs.partitioned(partitions, stubborn);
    for (int p = 0; p < partitions; p++) {
      assertThat(partitioned.track(PartitionedTest.keyIn(p, partitions), "").accepted()).isTrue();
    }
    soon().until(() -> entered.get() == partitions);

    long start = System.nanoTime();
    CloseSummary summary = partitioned.close(Duration.ZERO);
    Duration took = Duration.ofNanos(System.nanoTime() - start);

    // one stop timeout in all (one each, in turn, would be 4 × 2 s = 8 s); the handlers would have
    // held it for a minute
    assertThat(took).isGreaterThanOrEqualTo(STOP).isLessThan(STOP.multipliedBy(2));
    assertThat(interruptsIgnored).hasValue(partitions);
    List<String> named = new ArrayList<>();
    for (int p = 0; p < partitions; p++) {
      named.add(
          "mailbox 'partitioned-"
              + p
              + "': consumer spillway-consumer-partitioned-"
              + p
              + "-0 did not stop within 2000 ms of being interrupted; it is left running (daemon),"
              + " and its event will be counted when it ends");
    }
    assertThat(warnings()).containsExactlyInAnyOrderElementsOf(named);
    assertThat(summary.drained()).isFalse();

    release.countDown();
    soon().until(() -> ConsumerThreads.startedSince(before).isEmpty());
    LedgerSnapshot books = partitioned.books();
    assertThat(books.processed()).isEqualTo(partitions); // counted when they ended
    assertThat(books.isBalanced()).as(books.describe()).isTrue();
  }

  @Test
  void theConsumerThread_isReadAtOnce_whileACloseWaitsForTheDrain() throws Exception {
    GatedDownstream gate = GatedDownstream.closed();
    MailboxTracker singleton = (MailboxTracker) Designs.singleton(gate);
    singleton.track("k", "");
    gate.awaitEntered(1);
    Mailbox mailbox = singleton.mailboxFor("k");
    Thread consumer = mailbox.consumerThread();
    CompletableFuture<CloseSummary> closing =
        CompletableFuture.supplyAsync(() -> singleton.close(BLOCKED_FOR));
    AtomicInteger acceptedBeforeClose = new AtomicInteger();
    soon() // until the close is draining: it accepts nothing more
        .until(
            () -> {
              boolean accepted = singleton.track("k", "probe").accepted();
              if (accepted) {
                acceptedBeforeClose.incrementAndGet();
              }
              return !accepted;
            });

    // a sentinel's diagnostics ask for the consumer thread during a close: no waiting behind it,
    // and no restart any more
    assertTimeoutPreemptively(
        Duration.ofSeconds(5),
        () -> {
          assertThat(mailbox.consumerThread()).isSameAs(consumer);
          assertThat(mailbox.restart().dropped()).isZero();
        });
    assertThat(closing).isNotDone();
    gate.open();
    LedgerSnapshot books = closing.get(30, TimeUnit.SECONDS).books();
    assertThat(books.processed()).isEqualTo(1 + acceptedBeforeClose.get());
    assertThat(books.isBalanced()).as(books.describe()).isTrue();
    assertThat(warnings()).isEmpty();
  }
}
