package dev.spillway.samples;

import static dev.spillway.samples.Soon.soon;
import static org.assertj.core.api.Assertions.assertThat;

import dev.spillway.toolkit.ledger.LedgerSnapshot;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.LongAdder;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * track() racing close(): producers keep tracking while the design closes, and after it. Every
 * event a producer was told was accepted ends processed or dropped, every rejection is counted, and
 * the books balance — whichever side wins each race.
 */
class CloseRaceTest {

  private static final int ROUNDS = 12;
  private static final int PRODUCERS = 3;

  static Stream<DesignFactory> designs() {
    return Stream.concat(DesignFactory.all(), DesignFactory.whoseCallersWait());
  }

  @ParameterizedTest
  @MethodSource("designs")
  void trackRacingClose_neverLosesAnEvent(DesignFactory design) throws Exception {
    Set<Thread> before = ConsumerThreads.alive();
    for (int round = 0; round < ROUNDS; round++) {
      // alternately a close that drains and one that gives up at once and drops
      Duration drainTimeout = round % 2 == 0 ? Duration.ZERO : Duration.ofSeconds(10);
      hammer(design, drainTimeout, round);
    }
    assertThat(ConsumerThreads.startedSince(before)).isEmpty();
  }

  private static void hammer(DesignFactory design, Duration drainTimeout, int round)
      throws InterruptedException {
    LongAdder handled = new LongAdder();
    EventTracker tracker = design.over(event -> handled.increment());
    LongAdder accepted = new LongAdder();
    LongAdder rejected = new LongAdder();
    AtomicBoolean stop = new AtomicBoolean();
    CountDownLatch running = new CountDownLatch(PRODUCERS);
    List<Thread> producers = new ArrayList<>();
    for (int p = 0; p < PRODUCERS; p++) {
      int producer = p;
      Thread t =
          new Thread(
              () -> {
                long i = 0;
                while (!stop.get()) {
                  TrackResult r = tracker.track("p" + producer + "-" + (i % 64), "");
                  (r.accepted() ? accepted : rejected).increment();
                  if (++i == 200) {
                    running.countDown(); // some traffic before the close
                  }
                }
              },
              "test-producer-" + p);
      t.start();
      producers.add(t);
    }
    running.await();
    CloseSummary summary = tracker.close(drainTimeout);
    // the producers go on for a while against the closed design
    long rejectedAtClose = rejected.sum();
    soon().until(() -> rejected.sum() >= rejectedAtClose + 100);
    stop.set(true);
    for (Thread t : producers) {
      t.join();
    }

    LedgerSnapshot books = tracker.books();
    String context = design + " round " + round + ": " + books.describe();
    assertThat(books.isBalanced()).as(context).isTrue();
    assertThat(books.queued()).as(context).isZero();
    assertThat(books.sent()).as(context).isEqualTo(accepted.sum() + rejected.sum());
    assertThat(books.rejected()).as(context).isEqualTo(rejected.sum());
    assertThat(books.processed() + books.dropped() + books.failed())
        .as(context)
        .isEqualTo(accepted.sum());
    assertThat(books.processed()).as(context).isEqualTo(handled.sum());
    // at close, producers may have counted sends and not yet their rejections: never the reverse
    assertThat(summary.books().unaccounted()).as(context).isNotNegative();
  }
}
