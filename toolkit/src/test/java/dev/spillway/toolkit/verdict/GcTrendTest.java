package dev.spillway.toolkit.verdict;

import static dev.spillway.toolkit.verdict.Traces.START_NANOS;
import static dev.spillway.toolkit.verdict.Traces.trace;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.spillway.toolkit.autopsy.GcPause;
import dev.spillway.toolkit.ledger.LedgerSnapshot;
import dev.spillway.toolkit.ledger.RateBucket;
import dev.spillway.toolkit.record.QueueTrace;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

/**
 * The GC death spiral's detection: a 4 s load whose depth grows, 100 ms rate buckets on the trace's
 * clock, and collections whose pauses take a chosen share of each half.
 */
class GcTrendTest {

  private static final QueueTrace GROWING = trace(4, t -> 100 * t * t); // 0 → 1,600, accelerating
  private static final LedgerSnapshot BOOKS = LedgerSnapshot.of(2400, 800, 0, 0, 0, 1600);

  /** 100 ms buckets over [0, 4 s): {@code early} completions per bucket before 2 s, then late. */
  private static List<RateBucket> served(long early, long late) {
    List<RateBucket> buckets = new ArrayList<>();
    for (int i = 0; i < 40; i++) {
      buckets.add(
          new RateBucket(
              START_NANOS + i * 100_000_000L, Duration.ofMillis(100), 60, i < 20 ? early : late));
    }
    return buckets;
  }

  /** One 10 ms-or-so pause every 100 ms, taking {@code early} then {@code late} of the time. */
  private static List<GcPause> pauses(double early, double late) {
    List<GcPause> pauses = new ArrayList<>();
    for (int i = 0; i < 40; i++) {
      double share = i < 20 ? early : late;
      pauses.add(
          new GcPause(
              Duration.ofMillis(i * 100L + 5),
              Duration.ofNanos(Math.round(share * 100_000_000L)),
              "MarkSweepCompact",
              OptionalLong.of(10_000_000L + i * 1_000_000L)));
    }
    return pauses;
  }

  private static Assessment assess(List<RateBucket> served, List<GcPause> pauses) {
    return Verdicts.assess(
        Evidence.of(GROWING, BOOKS)
            .withGcActivity(new GcActivity(Duration.ZERO, Duration.ofSeconds(4), pauses, served)));
  }

  @Test
  void backlogGrowing_muFalling_gcRising_isNamedASpiral_inTheExplanation() {
    Assessment a = assess(served(20, 10), pauses(0.01, 0.30)); // μ 200/s → 100/s

    assertThat(a.verdict())
        .as("the verdict stays what the queue did")
        .isEqualTo(Verdict.OVERFLOWED);
    assertThat(a.gcSpiral()).isTrue();
    GcTrend trend = a.gcTrend().orElseThrow();
    assertThat(trend.early().servicePerSecond()).isCloseTo(200, within(1e-9));
    assertThat(trend.late().servicePerSecond()).isCloseTo(100, within(1e-9));
    assertThat(trend.early().gcShare()).isCloseTo(0.01, within(1e-6));
    assertThat(trend.late().gcShare()).isCloseTo(0.30, within(1e-6));
    assertThat(trend.early().collections()).isEqualTo(20);
    // mean of 100 t² over each half: ~133 and ~933
    assertThat(trend.early().meanDepth()).isBetween(125.0, 140.0);
    assertThat(trend.late().meanDepth()).isBetween(925.0, 940.0);
    assertThat(a.explanation())
        .containsPattern(
            "; GC death spiral: as the backlog grew from 1[23]\\d to 9[23]\\d messages, μ fell from"
                + " 200/s to 100/s while GC took 1\\.0% → 30\\.0% of the time");
  }

  @Test
  void withoutGcActivity_nothingIsMeasured_andNothingClaimed() {
    Assessment a = Verdicts.assess(Evidence.of(GROWING, BOOKS));
    assertThat(a.gcTrend()).isEmpty();
    assertThat(a.gcSpiral()).isFalse();
    assertThat(a.explanation()).doesNotContain("GC");
  }

  @Test
  void muFallingWithoutMuchGc_isNotASpiral() {
    Assessment a = assess(served(20, 10), pauses(0.01, 0.09)); // 9 %: below the 10 % it needs
    assertThat(a.gcTrend()).isPresent();
    assertThat(a.gcSpiral()).isFalse();
    assertThat(a.explanation()).doesNotContain("GC death spiral");
  }

  @Test
  void muSteadyUnderHeavyGc_isNotASpiral() {
    Assessment a = assess(served(20, 16), pauses(0.01, 0.40)); // μ fell 20 %: less than a quarter
    assertThat(a.gcTrend().orElseThrow().serviceFell()).isFalse();
    assertThat(a.gcSpiral()).isFalse();
  }

  @Test
  void muFallingByExactlyAQuarter_isEnough() {
    assertThat(assess(served(20, 15), pauses(0.01, 0.30)).gcSpiral()).isTrue();
  }

  @Test
  void gcHeavyFromTheStart_didNotRise_andIsNotASpiral() {
    Assessment a = assess(served(20, 10), pauses(0.20, 0.30)); // 1.5×: not twice
    assertThat(a.gcTrend().orElseThrow().gcRose()).isFalse();
    assertThat(a.gcSpiral()).isFalse();
  }

  @Test
  void aBacklogThatDidNotGrow_isNotASpiral() {
    Evidence flat =
        Evidence.of(trace(4, t -> 500), BOOKS)
            .withGcActivity(
                new GcActivity(
                    Duration.ZERO, Duration.ofSeconds(4), pauses(0.01, 0.30), served(20, 10)));
    Assessment a = Verdicts.assess(flat);
    assertThat(a.gcTrend().orElseThrow().depthGrew()).isFalse();
    assertThat(a.gcSpiral()).isFalse();
  }

  @Test
  void aPauseAcrossTheBoundary_countsInBothParts_forTheTimeInEach() {
    // one 200 ms pause from 1.9 s: 100 ms in each 2 s half (5 %)
    List<GcPause> one =
        List.of(
            new GcPause(
                Duration.ofMillis(1900), Duration.ofMillis(200), "G1Old", OptionalLong.empty()));
    GcTrend trend = assess(served(20, 10), one).gcTrend().orElseThrow();
    assertThat(trend.early().gcShare()).isCloseTo(0.05, within(1e-9));
    assertThat(trend.late().gcShare()).isCloseTo(0.05, within(1e-9));
    assertThat(trend.early().collections()).isEqualTo(1);
    assertThat(trend.late().collections()).isZero();
  }

  @Test
  void collectionsRecordedOverTooShortASpan_measureNothing() {
    // recorded only from 3.8 s: the early part is empty, the late one holds one whole bucket
    Evidence late =
        Evidence.of(GROWING, BOOKS)
            .withGcActivity(
                new GcActivity(
                    Duration.ofMillis(3800),
                    Duration.ofSeconds(4),
                    pauses(0.01, 0.30),
                    served(20, 10)));
    assertThat(Verdicts.assess(late).gcTrend()).isEmpty();
  }

  @Test
  void rateBucketsOnAnotherClock_measureNothing() {
    List<RateBucket> elsewhere =
        served(20, 10).stream()
            .map(b -> new RateBucket(b.startNanos() + 3_600_000_000_000L, b.length(), 60, 1))
            .toList();
    assertThat(assess(elsewhere, pauses(0.01, 0.30)).gcTrend()).isEmpty();
  }

  @Test
  void theWithCaveatsCopy_keepsTheTrend() {
    Assessment a = assess(served(20, 10), pauses(0.01, 0.30)).withCaveats(List.of("a caveat"));
    assertThat(a.gcSpiral()).isTrue();
    assertThat(a.explanation()).contains("GC death spiral").endsWith("; CAVEAT: a caveat");
  }

  @Test
  void badActivityOrParts_areRejected() {
    assertThatThrownBy(
            () ->
                new GcActivity(Duration.ofSeconds(2), Duration.ofSeconds(1), List.of(), List.of()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("GC recording end must be not before its start PT2S");
    assertThatThrownBy(() -> Evidence.of(GROWING, BOOKS).withGcActivity(null))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("GC activity must not be null");
    assertThatThrownBy(
            () -> new GcTrend.Part(Duration.ofSeconds(1), Duration.ofSeconds(1), 0, 0, 0, 0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("part end");
    assertThatThrownBy(() -> new GcTrend.Part(Duration.ZERO, Duration.ofSeconds(1), 0, 0, 1.5, 0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("GC share");
  }
}
