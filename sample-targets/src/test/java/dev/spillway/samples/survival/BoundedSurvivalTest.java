package dev.spillway.samples.survival;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.spillway.junit.DrainsWithin;
import dev.spillway.junit.ExpectVerdict;
import dev.spillway.junit.OverloadHarness;
import dev.spillway.junit.OverloadResult;
import dev.spillway.junit.QueueBound;
import dev.spillway.junit.ReportAs;
import dev.spillway.junit.StopWhenCertain;
import dev.spillway.junit.UniformKeys;
import dev.spillway.samples.Designs;
import dev.spillway.samples.EventTracker;
import dev.spillway.toolkit.ledger.LedgerSnapshot;
import dev.spillway.toolkit.load.Outcome;
import dev.spillway.toolkit.record.QueueTrace;
import dev.spillway.toolkit.verdict.Verdict;
import java.time.Duration;
import java.util.Locale;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Tag;

/**
 * The bounded design — one consumer, a mailbox of 100, an explicit REJECTED when it is full (a
 * mailbox limit replying {@code {:error, :overloaded}}) — sheds the seed incident: its depth never
 * passes 100, and once the mailbox is full it turns away the excess, (λ − μ)/λ of the arrivals,
 * each rejection counted.
 */
@Tag(Survival.TAG)
@Order(3) // the survival matrix lists designs and scenarios in the order they ran
@ReportAs(design = "bounded(100)")
class BoundedSurvivalTest {

  private static final int CAPACITY = 100;

  @SeedIncident
  @ReportAs(scenario = SeedIncident.SCENARIO)
  @UniformKeys(keys = 1_000, seed = 7)
  @QueueBound(max = CAPACITY) // checked on every sample; the exact mark is checked below
  @DrainsWithin("3s")
  @ExpectVerdict(Verdict.SHED)
  // full ~2 s into the spike; flat (and shedding) for 1.5 s before a call: the window checked
  // below, from the first rejection to the end of the load, is longer than 1.2 s either way
  @StopWhenCertain(minimumObservation = "1500ms")
  void bounded_underTheSeedSpike_shedsTheExcess_andCountsEveryRejection(OverloadHarness harness) {
    EventTracker bounded = Designs.bounded(CAPACITY, Survival.fiveMillis());
    // when each rejection happened, to count those inside the measuring window
    Queue<Long> rejectedAt = new ConcurrentLinkedQueue<>();
    Survival.watch(harness, bounded)
        .sendTo(
            message -> {
              Outcome outcome = Survival.track(bounded, message);
              if (outcome == Outcome.REJECTED) {
                rejectedAt.add(System.nanoTime());
              }
              return outcome;
            });

    OverloadResult result = Survival.run(harness);

    // the exact high-water mark, kept at every enqueue: full, never above
    assertThat(bounded.queues().get(0).highWaterMark()).isEqualTo(CAPACITY);
    // at ~+50/s the mailbox fills about 2 s into the spike; from the first rejection to the end
    // of the spike it stays full, and turns away what the consumer cannot take: (λ − μ)/λ
    QueueTrace trace = result.trace();
    Duration full =
        trace.offsetOf(rejectedAt.stream().mapToLong(Long::longValue).min().orElseThrow());
    Duration spikeEnd = result.assessment().loadEnd();
    assertThat(spikeEnd.minus(full)).as("time the mailbox was full").isGreaterThan(ofMillis(1_200));
    RateWindow window = RateWindow.within(bounded.ledger(), trace, full, spikeEnd);
    long rejected = countWithin(rejectedAt, trace, window);
    double shed = (double) rejected / window.sent();
    double predicted = window.excessPerSecond() / window.arrivalPerSecond();
    System.out.printf(
        Locale.ROOT,
        "[survival] bounded: shed %.1f%% of the spike while full vs (λ − μ)/λ = %.1f%% (%s)%n",
        shed * 100,
        predicted * 100,
        window.describe());
    // μ is the consumer's capacity (a full mailbox: a backlog all along), at most what one 5 ms
    // consumer can serve; what the machine made of it is measured, not assumed to be 200/s
    assertThat(
            Survival.lowestDepth(
                trace.series(bounded.queues().get(0).name()), window.from(), window.to()))
        .as("the mailbox keeps a backlog while full")
        .isPositive();
    assertThat(window.servicePerSecond())
        .as(window.describe())
        .isPositive()
        .isLessThanOrEqualTo(Survival.serviceCeiling(1, window));
    assertThat(shed).as(window.describe()).isCloseTo(predicted, within(0.05));
    // nothing lost without a count: the driver's answers and the design's books agree (each
    // accepted message is processed once the last ones have left the consumer's hands: the run may
    // take its books a moment before)
    LedgerSnapshot books = result.books();
    assertThat(books.isBalanced()).as(books.describe()).isTrue();
    assertThat(books.rejected()).isEqualTo(result.load().rejected()).isEqualTo(rejectedAt.size());
    assertThat(Survival.idleBooks(bounded).processed()).isEqualTo(result.load().accepted());
    assertThat(books.sent())
        .isEqualTo(result.load().sent())
        .isEqualTo(Survival.sentAsPlanned(result, 1_300));
  }

  private static Duration ofMillis(long millis) {
    return Duration.ofMillis(millis);
  }

  private static long countWithin(Queue<Long> times, QueueTrace trace, RateWindow window) {
    return times.stream()
        .map(trace::offsetOf)
        .filter(at -> at.compareTo(window.from()) >= 0 && at.compareTo(window.to()) < 0)
        .count();
  }
}
