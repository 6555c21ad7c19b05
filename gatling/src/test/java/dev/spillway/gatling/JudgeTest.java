package dev.spillway.gatling;

import static org.assertj.core.api.Assertions.assertThat;

import dev.spillway.report.BoundCheck;
import dev.spillway.toolkit.ledger.LedgerSnapshot;
import dev.spillway.toolkit.ledger.SettledBooks;
import dev.spillway.toolkit.load.Percentiles;
import dev.spillway.toolkit.record.DepthSeries;
import dev.spillway.toolkit.record.QueueTrace;
import dev.spillway.toolkit.verdict.Verdict;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;

class JudgeTest {

  static final Metric DEPTH = Metric.prometheus("depth");
  static final BookCounters BOOKS = BookCounters.prometheus("messages_total", Map.of(), "outcome");

  /** 4 s at 100 samples/s: λ = 250/s, μ = 200/s, the depth grows at 50/s. */
  static QueueTrace overflowing(double growthPerSecond) {
    int n = 400;
    long[] t = new long[n];
    long[] depth = new long[n];
    long[] sent = new long[n];
    long[] processed = new long[n];
    for (int i = 0; i < n; i++) {
      t[i] = i * 10_000_000L;
      double s = i / 100.0;
      depth[i] = Math.round(growthPerSecond * s);
      sent[i] = Math.round(250 * s);
      processed[i] = Math.round(200 * s);
    }
    return new QueueTrace(
        "test",
        Instant.EPOCH,
        0,
        Duration.ofSeconds(4),
        Duration.ofMillis(10),
        List.of(
            DepthSeries.of("q", t, depth),
            DepthSeries.of("q.sent", t, sent),
            DepthSeries.of("q.processed", t, processed)),
        List.of(),
        0,
        0);
  }

  static SettledBooks books(long sent, long processed, long rejected, long queued) {
    return SettledBooks.atRest(LedgerSnapshot.of(sent, processed, rejected, 0, 0, queued));
  }

  @Test
  void aGrowingQueue_isOverflowed_andFailsUnlessExpected() {
    WatchedQueue q = WatchedQueue.of("q", DEPTH);
    QueueResult r =
        Judge.judge(
            q,
            overflowing(50),
            books(1000, 800, 0, 200),
            Optional.empty(),
            Optional.empty(),
            Optional.empty(),
            Duration.ZERO,
            Duration.ofSeconds(4));
    assertThat(r.assessment().verdict()).isEqualTo(Verdict.OVERFLOWED);
    assertThat(r.passed()).isFalse();
    assertThat(r.failures()).singleElement().asString().startsWith("q: verdict is ");

    QueueResult expected =
        Judge.judge(
            q.expecting(Verdict.OVERFLOWED),
            overflowing(50),
            books(1000, 800, 0, 200),
            Optional.empty(),
            Optional.empty(),
            Optional.empty(),
            Duration.ZERO,
            Duration.ofSeconds(4));
    assertThat(expected.passed()).isTrue();
  }

  @Test
  void growth_isCheckedAgainstLambdaMinusMu_fromTheCounters() {
    WatchedQueue q =
        WatchedQueue.of("q", DEPTH)
            .withBooks(BOOKS)
            .expecting(Verdict.OVERFLOWED)
            .checkingGrowthAgainstRates();
    QueueResult matching =
        Judge.judge(
            q,
            overflowing(50),
            books(1000, 800, 0, 200),
            Optional.empty(),
            Optional.empty(),
            Optional.empty(),
            Duration.ZERO,
            Duration.ofSeconds(4));
    QueueResult tooFast =
        Judge.judge(
            q,
            overflowing(80),
            books(1000, 800, 0, 200),
            Optional.empty(),
            Optional.empty(),
            Optional.empty(),
            Duration.ZERO,
            Duration.ofSeconds(4));

    assertThat(matching.checks()).anySatisfy(c -> assertThat(c.name()).isEqualTo("growth ≈ λ − μ"));
    assertThat(matching.passed()).as(matching.failures().toString()).isTrue();
    assertThat(matching.assessment().rates())
        .get()
        .satisfies(rates -> assertThat(rates.excessPerSecond()).isBetween(49.0, 51.0));
    assertThat(tooFast.passed()).isFalse();
    assertThat(tooFast.failures()).singleElement().asString().contains("growth ≈ λ − μ");
  }

  @Test
  void theBound_isHeldAgainstTheExactHighWaterMark_whenRead() {
    WatchedQueue q =
        WatchedQueue.of("q", DEPTH).withBound(250).expecting(Verdict.OVERFLOWED, Verdict.SURVIVED);
    QueueResult r =
        Judge.judge(
            q,
            overflowing(50),
            books(1000, 800, 0, 200),
            Optional.empty(),
            Optional.of(260L),
            Optional.empty(),
            Duration.ZERO,
            Duration.ofSeconds(4));
    assertThat(r.bounds()).containsExactly(BoundCheck.queue("q", 250, 260));
    assertThat(r.passed()).isFalse();
    assertThat(r.highWaterMark()).isEqualTo(260);
  }

  @Test
  void aP99Bound_isHeldAgainstTheAnswersResponseTimes_andFailsWithoutAnswers() {
    WatchedQueue q =
        WatchedQueue.of("q", DEPTH)
            .withP99AtMost(Duration.ofMillis(500))
            .expecting(Verdict.OVERFLOWED);
    Histogram fast = new Histogram(3);
    fast.recordValue(2_000_000);
    Histogram slow = new Histogram(3);
    slow.recordValue(900_000_000);
    for (var latency :
        java.util.Map.of(
                Optional.of(Percentiles.of(fast)), true,
                Optional.of(Percentiles.of(slow)), false,
                Optional.<Percentiles>empty(), false)
            .entrySet()) {
      QueueResult r =
          Judge.judge(
              q,
              overflowing(50),
              books(1000, 800, 0, 200),
              Optional.empty(),
              Optional.empty(),
              latency.getKey(),
              Duration.ZERO,
              Duration.ofSeconds(4));
      assertThat(r.bounds())
          .singleElement()
          .satisfies(b -> assertThat(b.subject()).isEqualTo("q p99"));
      assertThat(r.passed()).as(latency.toString()).isEqualTo(latency.getValue());
    }
  }

  @Test
  void books_mustMatchTheAnswers() {
    ClientOutcomes told = new ClientOutcomes(900, 100, 0);
    assertThat(Judge.booksAgree(LedgerSnapshot.of(1000, 900, 100, 0, 0, 0), told).passed())
        .isTrue();
    // the target rejected 3 more than the users were told
    assertThat(Judge.booksAgree(LedgerSnapshot.of(1000, 897, 103, 0, 0, 0), told).passed())
        .isFalse();
    // a timed-out request may or may not have arrived
    ClientOutcomes timedOut = new ClientOutcomes(899, 100, 1);
    assertThat(Judge.booksAgree(LedgerSnapshot.of(1000, 900, 100, 0, 0, 0), timedOut).passed())
        .isTrue();
    assertThat(Judge.booksAgree(LedgerSnapshot.of(999, 899, 100, 0, 0, 0), timedOut).passed())
        .isTrue();
    assertThat(Judge.booksAgree(LedgerSnapshot.of(1001, 901, 100, 0, 0, 0), timedOut).passed())
        .isFalse();
  }

  @Test
  void clientFailures_overOnePercent_failTheRun() {
    assertThat(Judge.clientFailures(new ClientOutcomes(990, 0, 10)).passed()).isTrue();
    assertThat(Judge.clientFailures(new ClientOutcomes(989, 0, 11)).passed()).isFalse();
  }
}
