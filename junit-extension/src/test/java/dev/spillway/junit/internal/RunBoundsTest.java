package dev.spillway.junit.internal;

import static java.time.Duration.ofMillis;
import static org.assertj.core.api.Assertions.assertThat;

import dev.spillway.report.BoundCheck;
import dev.spillway.report.BoundKind;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Each bound judged once: a failure exactly for each check that did not hold, and no other. */
class RunBoundsTest {

  @Test
  void queues_checkEveryWatchedQueueUnderItsTightestBound_atItsHighWaterMark() {
    Map<String, Long> marks = new LinkedHashMap<>();
    marks.put("a", 10L);
    marks.put("b", 11L);
    marks.put("c", 500L);
    RunBounds bounds = new RunBounds();

    bounds.queues(
        List.of(
            new QueueBoundSpec(20, ""), new QueueBoundSpec(10, "a"), new QueueBoundSpec(10, "b")),
        marks,
        Optional.empty(),
        null,
        null);

    assertThat(bounds.checks())
        .extracting(BoundCheck::subject, BoundCheck::limit, BoundCheck::held)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("a", 10.0, true), // at the bound: held
            org.assertj.core.groups.Tuple.tuple("b", 10.0, false),
            org.assertj.core.groups.Tuple.tuple("c", 20.0, false));
    assertThat(bounds.failures())
        .containsExactly(
            "@QueueBound(max = 10, queue = \"b\") breached: queue 'b' reached depth 11 (its"
                + " high-water mark, found after the load)",
            "@QueueBound(max = 20) breached: queue 'c' reached depth 500 (its high-water mark,"
                + " found after the load)");
  }

  @Test
  void drains_checkEachQueue_andFailOnceNamingEveryQueueLate() {
    DrainSpec spec = new DrainSpec(ofMillis(300), 0, "");
    RunBounds bounds = new RunBounds();

    bounds.drains(
        spec,
        List.of(
            new QueueDrain("fast", Optional.of(ofMillis(20)), 0),
            new QueueDrain("full", Optional.empty(), 42),
            new QueueDrain("late", Optional.of(ofMillis(301)), 0)));

    assertThat(bounds.checks())
        .extracting(BoundCheck::kind, BoundCheck::subject, BoundCheck::held)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(BoundKind.DRAIN, "fast", true),
            org.assertj.core.groups.Tuple.tuple(BoundKind.DRAIN, "full", false),
            org.assertj.core.groups.Tuple.tuple(BoundKind.DRAIN, "late", false));
    assertThat(bounds.failures())
        .containsExactly(
            "@DrainsWithin(\"300 ms\") failed: 'full' still held 42 messages, 'late' drained"
                + " only after 301 ms (level 0) 300 ms after the load ended");
  }

  @Test
  void latency_holdsAtItsBound_andFailsAboveIt() {
    LatencySpec p99 = new LatencySpec(99, ofMillis(50));
    RunBounds bounds = new RunBounds();

    bounds.latency(p99, ofMillis(50));
    bounds.latency(p99, ofMillis(50).plusNanos(1));

    assertThat(bounds.checks()).extracting(BoundCheck::held).containsExactly(true, false);
    assertThat(bounds.failures()).hasSize(1);
    assertThat(bounds.failures().get(0)).startsWith("@LatencyBound(percentile = 99");
  }
}
