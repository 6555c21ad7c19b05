package dev.spillway.toolkit.sentinel;

import static dev.spillway.toolkit.record.TraceEvent.Kind.BREACH;
import static dev.spillway.toolkit.record.TraceEvent.Kind.MITIGATION;
import static dev.spillway.toolkit.record.TraceEvent.Kind.REARM;
import static dev.spillway.toolkit.sentinel.Fixtures.drainTo;
import static dev.spillway.toolkit.sentinel.Fixtures.eventually;
import static dev.spillway.toolkit.sentinel.Fixtures.fillTo;
import static org.assertj.core.api.Assertions.assertThat;

import dev.spillway.toolkit.record.InstrumentedQueue;
import dev.spillway.toolkit.record.TraceEvent;
import java.util.List;
import org.junit.jupiter.api.Test;

class SentinelEventsTest {

  private final InstrumentedQueue<Integer> queue = InstrumentedQueue.unbounded("orders");
  private final Fixtures.RecordingSink sink = new Fixtures.RecordingSink();
  private final Fixtures.RecordingSink second = new Fixtures.RecordingSink();

  @Test
  void breachMitigationAndRearm_reachEverySink_inOrder() {
    try (Sentinel sentinel =
        Sentinel.watching(queue)
            .enableAt(10)
            .disableAt(4)
            .named("orders-watch")
            .mitigate(Mitigation.shed().and(Mitigation.callback(b -> {})))
            .events(sink, second)
            .start()) {
      fillTo(queue, 10);
      sentinel.admits();
      sentinel.admits();
      drainTo(queue, 4);
      fillTo(queue, 10);

      eventually().until(() -> sink.events().size() == 8);
      assertThat(sink.kinds())
          .containsExactly(
              BREACH, MITIGATION, MITIGATION, REARM, MITIGATION, BREACH, MITIGATION, MITIGATION);
      List<TraceEvent> events = sink.events();
      assertThat(events).extracting(TraceEvent::source).containsOnly("orders-watch");
      assertThat(events.get(0).detail())
          .isEqualTo(
              "queue 'orders' reached depth 10 >= enable threshold 10 (disable threshold 4),"
                  + " excursion #1");
      assertThat(events.get(1).detail()).startsWith("shed: rejecting new messages");
      assertThat(events.get(2).detail()).isEqualTo("callback: callback completed");
      assertThat(events.get(3).detail())
          .isEqualTo(
              "queue 'orders' fell to depth 4 <= disable threshold 4, re-armed after excursion #1");
      assertThat(events.get(4).detail())
          .isEqualTo("shed: stopped at depth 4 after rejecting 2 messages in excursion #1");
      assertThat(events.get(5).detail()).endsWith("excursion #2");
      // transitions carry the time they happened, in order; a mitigation the time it acted,
      // which may come after a re-arm that follows it in the logical order
      assertThat(events)
          .filteredOn(e -> e.kind() != MITIGATION)
          .extracting(TraceEvent::nanoTime)
          .isSorted();
      assertThat(events.get(1).nanoTime()).isGreaterThanOrEqualTo(events.get(0).nanoTime());
      assertThat(events.get(0).nanoTime()).isEqualTo(sentinel.breaches().get(0).nanoTime());
      eventually().until(() -> second.events().size() == 8);
      assertThat(second.events()).isEqualTo(events);
    }
  }

  @Test
  void failedMitigation_isReportedAsFailed() {
    try (Sentinel sentinel =
        Sentinel.watching(queue)
            .enableAt(3)
            .disableAt(1)
            .actionsInline()
            .mitigate(
                Mitigation.callback(
                    b -> {
                      throw new IllegalStateException("boom");
                    }))
            .events(sink)
            .start()) {
      fillTo(queue, 3);

      assertThat(sink.events().get(1).detail())
          .startsWith("callback failed: callback failed: java.lang.IllegalStateException: boom");
      assertThat(sentinel.breaches().get(0).results().get(0).succeeded()).isFalse();
    }
  }

  @Test
  void aSinkThatThrows_doesNotStopTheOthers() {
    try (Sentinel sentinel =
        Sentinel.watching(queue)
            .enableAt(3)
            .disableAt(1)
            .actionsInline()
            .mitigate(Mitigation.none())
            .events(
                e -> {
                  throw new IllegalStateException("sink full");
                },
                sink)
            .start()) {
      fillTo(queue, 3);

      assertThat(sink.kinds()).containsExactly(BREACH);
      assertThat(sentinel.breachCount()).isEqualTo(1);
    }
  }
}
