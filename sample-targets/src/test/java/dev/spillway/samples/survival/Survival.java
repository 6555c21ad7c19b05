package dev.spillway.samples.survival;

import static dev.spillway.samples.Soon.soon;
import static org.assertj.core.api.Assertions.assertThat;

import dev.spillway.junit.OverloadHarness;
import dev.spillway.junit.OverloadResult;
import dev.spillway.samples.Downstream;
import dev.spillway.samples.EventTracker;
import dev.spillway.samples.QueueView;
import dev.spillway.toolkit.ledger.LedgerSnapshot;
import dev.spillway.toolkit.ledger.RateBucket;
import dev.spillway.toolkit.load.Ending;
import dev.spillway.toolkit.load.Message;
import dev.spillway.toolkit.load.Outcome;
import dev.spillway.toolkit.load.PhaseReport;
import dev.spillway.toolkit.record.DepthSeries;
import dev.spillway.toolkit.verdict.Assessment;
import dev.spillway.toolkit.verdict.GcTrend;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;

/** What every survival test shares: the 5 ms consumer, and how a design is put under the flood. */
final class Survival {

  /** The tag of the survival suite: {@code ./mvnw verify -Dgroups=survival}. */
  static final String TAG = "survival";

  /** The seed incident's handler: 5 ms per event, so one consumer serves about 200/s. */
  static final Duration SERVICE_TIME = Duration.ofMillis(5);

  /**
   * How much of a consumer's lateness its 5 ms handler pays back on the next events: up to 100 ms
   * (the toolkit's {@code Injection} documents it). A consumer held up by the machine catches up by
   * at most that much, so it can serve a little above 1 / 5 ms over a window, never more.
   */
  static final Duration PAID_BACK = Duration.ofMillis(100);

  /**
   * The most {@code consumers} 5 ms consumers can complete per second over {@code window}: each
   * completes at most one event per 5 ms of the window plus what it pays back, plus the event in
   * its hands when the window opens. What a loaded machine lets them serve is less, by an amount
   * that is the machine's business; the tests check that μ is the consumers' capacity by checking
   * that they had a backlog throughout, not by comparing it with 200/s.
   */
  static double serviceCeiling(int consumers, RateWindow window) {
    double seconds = window.seconds();
    double perConsumer = (seconds + PAID_BACK.toNanos() / 1e9) / (SERVICE_TIME.toNanos() / 1e9) + 1;
    return consumers * perConsumer / seconds;
  }

  private Survival() {}

  /**
   * The lowest depth {@code series} sampled in [{@code from}, {@code to}] (offsets in its trace).
   */
  static long lowestDepth(DepthSeries series, Duration from, Duration to) {
    long min = Long.MAX_VALUE;
    for (int i = 0; i < series.size(); i++) {
      long t = series.timeNanos(i);
      if (t >= from.toNanos() && t <= to.toNanos()) {
        min = Math.min(min, series.depth(i));
      }
    }
    return min;
  }

  /**
   * Checks an unbounded queue's exact high-water mark against its design's books, bucket by whole
   * bucket: at each bucket's end the queue held what was sent minus what was completed so far, less
   * the events in the {@code consumers}' hands and the one the driver (one thread) may have counted
   * sent but not yet enqueued; inside a bucket it can have risen by at most what was sent in it.
   * The peak the spike leaves is whatever λ − μ of this run made it, not a figure for a nominal μ.
   * For designs that turn nothing away.
   */
  static void assertPeakMatchesTheBooks(long highWaterMark, EventTracker design, int consumers) {
    long queued = 0;
    long lowest = 0; // the peak is at least the deepest bucket end
    long highest = 0; // and at most a bucket's start plus all it received
    for (RateBucket bucket : design.ledger().rateSeries()) {
      highest = Math.max(highest, queued + bucket.sent());
      queued += bucket.sent() - bucket.completed();
      lowest = Math.max(lowest, queued - consumers - 1);
    }
    assertThat(design.books().shed()).isZero();
    assertThat(highWaterMark)
        .as("exact high-water mark of '%s' vs its books' whole buckets", design.name())
        .isBetween(lowest, highest);
  }

  /**
   * {@code design}'s books once every message it was sent has an outcome: nothing queued, nothing
   * in its consumers' hands, nothing between the two (a consumer counts an event out of its hands
   * just before it counts the outcome). A run's books may be taken while its last messages are
   * still being handled, so an equality between what was accepted and what was processed holds only
   * then.
   */
  static LedgerSnapshot idleBooks(EventTracker design) {
    soon()
        .alias(design.name() + ": every message with an outcome")
        .until(
            () -> {
              LedgerSnapshot books = design.books();
              return books.queued() == 0 && books.inFlight() == 0 && books.unaccounted() == 0;
            });
    return design.books();
  }

  /**
   * Checks that a target which holds its caller held it under the spike: the spike's peak fell
   * short of its planned rate, and the phase held most is the peak or the recovery after it (a
   * backlog the peak left may keep holding the caller into the recovery).
   */
  static void assertPeakHeldBack(OverloadResult result) {
    PhaseReport peak =
        result.load().phases().stream()
            .filter(p -> p.name().startsWith("spike peak"))
            .findFirst()
            .orElseThrow();
    assertThat(peak.fellShort()).as(peak.describe()).isTrue();
    assertThat(result.assessment().heldPhase().orElseThrow().name())
        .matches("spike (peak|recovery) .*");
    // the summary says what was held: the sends held one after another, or else how long the
    // caller spent inside the target
    PhaseReport held = result.assessment().heldPhase().orElseThrow();
    assertThat(result.summary())
        .contains(
            held.heldMessages() > 0
                ? "; held up " + String.format(Locale.ROOT, "%,d", held.heldMessages())
                : "; held its caller in '" + held.name() + "', ");
  }

  /**
   * Runs the flood and checks what every survival run but the large-messages one shares: the run
   * recorded its collections ({@link SeedIncident} and the suite's other loads carry
   * {@code @RecordAutopsy}), the verdict of every judged queue measured how depth, μ and the GC's
   * share moved ({@link GcTrend}), and none names a GC death spiral: the designs here keep small
   * messages in a heap with room to spare, whatever their queues do.
   */
  static OverloadResult run(OverloadHarness harness) {
    OverloadResult result = harness.run();
    assertThat(result.autopsy()).as("%s: the autopsy's collections", result.name()).isPresent();
    for (Map.Entry<String, Assessment> judged : result.assessments().entrySet()) {
      Assessment verdict = judged.getValue();
      GcTrend trend = verdict.gcTrend().orElseThrow();
      System.out.printf(
          Locale.ROOT,
          "[survival] gc %s/%s: depth %.0f → %.0f, μ %.1f/s → %.1f/s, GC %.2f%% → %.2f%%%n",
          result.name(),
          judged.getKey(),
          trend.early().meanDepth(),
          trend.late().meanDepth(),
          trend.early().servicePerSecond(),
          trend.late().servicePerSecond(),
          trend.early().gcShare() * 100,
          trend.late().gcShare() * 100);
      assertThat(verdict.gcSpiral()).as(verdict.summary()).isFalse();
      assertThat(verdict.explanation()).doesNotContain("GC death spiral");
    }
    return result;
  }

  /**
   * The messages the run sent, checked against its plan: all {@code planned} when the load ran to
   * its end, fewer when it stopped early because its verdict was certain ({@link
   * dev.spillway.junit.StopWhenCertain}).
   */
  static long sentAsPlanned(OverloadResult result, long planned) {
    long sent = result.load().sent();
    if (result.load().ending() == Ending.COMPLETED) {
      assertThat(sent).as("sent by the whole plan").isEqualTo(planned);
    } else {
      assertThat(result.load().ending()).as("how the load ended").isEqualTo(Ending.STOPPED);
      assertThat(sent).as("sent before the early stop").isPositive().isLessThan(planned);
    }
    return sent;
  }

  /** A fresh 5 ms in-process handler. */
  static Downstream fiveMillis() {
    return Downstream.inProcess(SERVICE_TIME);
  }

  /**
   * Puts {@code design} under the harness's flood: the design keeps the books in its own ledger
   * (sent at {@code track}, processed by its consumers, rejected at admission), every one of its
   * queues is watched, and each message becomes {@code track(key, payload)} where the payload is
   * the message's sequence number. The design is closed when the test ends.
   */
  static <T extends EventTracker> T flood(OverloadHarness harness, T design) {
    watch(harness, design).sendTo(message -> track(design, message));
    return design;
  }

  /**
   * {@link #flood} without the target: the design keeps the books, its queues are watched, it is
   * closed when the test ends; the test sends to it itself.
   */
  static OverloadHarness watch(OverloadHarness harness, EventTracker design) {
    for (QueueView queue : design.queues()) {
      harness.watch(queue.probe());
    }
    return keepBooks(harness, design);
  }

  /**
   * {@link #watch} without the queues: the design keeps the books and is closed when the test ends;
   * the test chooses what to watch.
   */
  static OverloadHarness keepBooks(OverloadHarness harness, EventTracker design) {
    harness.closeAfterTest(() -> design.close(Duration.ZERO));
    harness.useLedger(design.ledger()).inFlight(design.inFlight());
    return harness.reportDetail("consumer", "in process, 5 ms per event (μ ≈ 200/s per consumer)");
  }

  /** {@code track(key, sequence)}, as a load driver's outcome. */
  static Outcome track(EventTracker design, Message message) {
    return design.track(message.key(), Long.toString(message.sequence())).accepted()
        ? Outcome.ACCEPTED
        : Outcome.REJECTED;
  }
}
