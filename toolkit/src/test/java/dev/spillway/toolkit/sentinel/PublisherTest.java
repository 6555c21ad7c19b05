package dev.spillway.toolkit.sentinel;

import static org.assertj.core.api.Assertions.assertThat;

import dev.spillway.toolkit.record.TraceEvent;
import dev.spillway.toolkit.record.TraceEvent.Kind;
import java.time.Instant;
import java.util.List;
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
}
