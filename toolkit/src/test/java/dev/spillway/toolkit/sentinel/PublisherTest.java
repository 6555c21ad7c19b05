package dev.spillway.toolkit.sentinel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.spillway.toolkit.record.TraceEvent;
import dev.spillway.toolkit.record.TraceEvent.Kind;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class PublisherTest {

  private final Fixtures.RecordingSink sink = new Fixtures.RecordingSink();

  private static Breach breach(long excursion) {
    return new Breach(
        excursion,
        Instant.EPOCH,
        excursion,
        "q",
        10,
        10,
        5,
        new Diagnostics(List.of(), List.of(), "", List.of()),
        List.of());
  }

  private static List<TraceEvent> event(Kind kind, String detail) {
    return List.of(new TraceEvent(0, kind, "s", detail));
  }

  @Test
  void outcomesFinishedOutOfOrder_arePublishedInTransitionOrder() {
    Publisher publisher = new Publisher(List.of(sink), 10);

    publisher.publish(3, new Publisher.Outcome(breach(2), false, event(Kind.BREACH, "b2")));
    publisher.publish(2, new Publisher.Outcome(null, true, event(Kind.REARM, "r1")));
    assertThat(sink.events()).isEmpty();
    assertThat(publisher.breachCount()).isZero();

    publisher.publish(1, new Publisher.Outcome(breach(1), false, event(Kind.BREACH, "b1")));

    assertThat(sink.events()).extracting(TraceEvent::detail).containsExactly("b1", "r1", "b2");
    assertThat(publisher.breaches()).extracting(Breach::excursion).containsExactly(1L, 2L);
    assertThat(publisher.rearmCount()).isEqualTo(1);
  }

  @Test
  void keepsOnlyTheMostRecentBreaches_butCountsThemAll() {
    Publisher publisher = new Publisher(List.of(), 2);
    for (long n = 1; n <= 5; n++) {
      publisher.publish(2 * n - 1, new Publisher.Outcome(breach(n), false, List.of()));
      publisher.publish(2 * n, new Publisher.Outcome(null, true, List.of()));
    }

    assertThat(publisher.breaches()).extracting(Breach::excursion).containsExactly(4L, 5L);
    assertThat(publisher.breachCount()).isEqualTo(5);
    assertThat(publisher.rearmCount()).isEqualTo(5);
  }

  @Test
  void aBlockedSink_blocksNeitherTheBooksNorClose_andNothingIsReportedAfterClose()
      throws InterruptedException {
    CountDownLatch entered = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    Publisher publisher =
        new Publisher(
            List.of(
                event -> {
                  entered.countDown();
                  try {
                    release.await(60, TimeUnit.SECONDS);
                  } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                  }
                },
                sink),
            10);
    Thread publishing =
        new Thread(
            () -> {
              publisher.publish(
                  1, new Publisher.Outcome(breach(1), false, event(Kind.BREACH, "b1")));
              publisher.publish(2, new Publisher.Outcome(null, true, event(Kind.REARM, "r1")));
            },
            "publishing");
    publishing.setDaemon(true);
    publishing.start();
    try {
      assertThat(entered.await(5, TimeUnit.SECONDS)).isTrue();
      // the sink blocks for up to 60 s; the books and close answer at once
      assertTimeoutPreemptively(
          Duration.ofSeconds(5),
          () -> {
            assertThat(publisher.breachCount()).isEqualTo(1);
            assertThat(publisher.breaches()).hasSize(1);
            publisher.close();
          });
    } finally {
      release.countDown();
    }
    publishing.join(5_000);
    assertThat(publishing.isAlive()).isFalse();
    assertThat(sink.events()).extracting(TraceEvent::detail).containsExactly("b1");
    assertThat(publisher.rearmCount()).isZero(); // published after close: not recorded
  }
}
