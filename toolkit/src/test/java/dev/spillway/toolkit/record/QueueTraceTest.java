package dev.spillway.toolkit.record;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class QueueTraceTest {

  private static final DepthSeries A = DepthSeries.of("a", new long[] {0, 10}, new long[] {1, 2});
  private static final DepthSeries B = DepthSeries.of("b", new long[] {0}, new long[] {7});

  private static QueueTrace trace(List<DepthSeries> series, List<TraceEvent> events) {
    return new QueueTrace(
        "rec",
        Instant.EPOCH,
        1000,
        Duration.ofSeconds(1),
        Duration.ofMillis(1),
        series,
        events,
        0,
        0);
  }

  @Test
  void series_areFoundByNameAndUnknownNamesListTheKnownOnes() {
    QueueTrace t = trace(List.of(A, B), List.of());
    assertThat(t.series("b")).isSameAs(B);
    assertThat(t.stats("a").highWaterMark()).isEqualTo(2);
    assertThat(t.probeNames()).containsExactly("a", "b");
    assertThatThrownBy(() -> t.series("c"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("probe name must be one of [a, b], but was 'c'");
    assertThatThrownBy(t::onlySeries)
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("trace 'rec' has 2 probes [a, b], not 1");
    assertThat(trace(List.of(A), List.of()).onlySeries()).isSameAs(A);
  }

  @Test
  void events_areSortedByTimeStablyAndCopied() {
    List<TraceEvent> events = new ArrayList<>();
    events.add(new TraceEvent(1300, TraceEvent.Kind.MARK, "x", "third"));
    events.add(new TraceEvent(1100, TraceEvent.Kind.MARK, "x", "first"));
    events.add(new TraceEvent(1100, TraceEvent.Kind.BREACH, "x", "second"));
    QueueTrace t = trace(List.of(A), events);
    events.clear();

    assertThat(t.events())
        .extracting(TraceEvent::detail)
        .containsExactly("first", "second", "third");
    assertThat(t.offsetOf(t.events().get(0))).isEqualTo(Duration.ofNanos(100));
    assertThat(t.endNanos()).isEqualTo(1000 + 1_000_000_000L);
  }

  @Test
  void construction_withBadComponents_isRejected() {
    assertThatThrownBy(() -> trace(List.of(A, A), List.of()))
        .hasMessage("probe name must be unique in a trace, but was a");
    assertThatThrownBy(
            () ->
                new QueueTrace(
                    "rec",
                    Instant.EPOCH,
                    0,
                    Duration.ofSeconds(-1),
                    Duration.ofMillis(1),
                    List.of(),
                    List.of(),
                    0,
                    0))
        .hasMessage("duration must be a duration >= 0, but was PT-1S");
    assertThatThrownBy(
            () ->
                new QueueTrace(
                    "rec",
                    Instant.EPOCH,
                    0,
                    Duration.ZERO,
                    Duration.ZERO,
                    List.of(),
                    List.of(),
                    0,
                    0))
        .hasMessage("interval must be a positive duration, but was PT0S");
    assertThatThrownBy(
            () ->
                new QueueTrace(
                    "rec",
                    Instant.EPOCH,
                    0,
                    Duration.ZERO,
                    Duration.ofMillis(1),
                    List.of(),
                    List.of(),
                    -1,
                    0))
        .hasMessage("dropped events must be >= 0, but was -1");
  }
}
