package dev.spillway.samples.survival;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.spillway.junit.ConstantLoad;
import dev.spillway.junit.ExpectVerdict;
import dev.spillway.junit.OverloadHarness;
import dev.spillway.junit.OverloadResult;
import dev.spillway.junit.OverloadTest;
import dev.spillway.junit.RecordAutopsy;
import dev.spillway.junit.ReportAs;
import dev.spillway.junit.UniformKeys;
import dev.spillway.samples.Designs;
import dev.spillway.samples.EventTracker;
import dev.spillway.toolkit.autopsy.AutopsyReport;
import dev.spillway.toolkit.autopsy.GcPause;
import dev.spillway.toolkit.ledger.RateBucket;
import dev.spillway.toolkit.verdict.Assessment;
import dev.spillway.toolkit.verdict.GcTrend;
import dev.spillway.toolkit.verdict.Verdict;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Tag;

/**
 * The singleton with large messages in a small heap drowns faster than λ − μ: each waiting event
 * holds a ~31 KB document of small strings, so the backlog's memory grows with the depth; once it
 * outgrows the old generation, every collection copies or compacts the backlog and they come ever
 * sooner, the consumer stands still through the pauses, μ falls, and the backlog grows faster still
 * — a GC death spiral, which the verdict's explanation names.
 *
 * <p>Runs in a JVM of its own (sample-targets/pom.xml, execution {@code gc-spiral}): {@code
 * -Xmx}{@value #HEAP_MB}{@code m}, half of it young ({@code -XX:NewRatio=1}), and the serial
 * collector — the one a JVM picks by itself in a container with one CPU or less than 1,792 MB,
 * whose collections stop the application.
 *
 * <p>Sized so that it cannot run out of memory: even if the consumer served nothing, the documents
 * of the {@value #MILLIS} ms of load ({@value #RATE}/s, 1,200 documents) would hold about {@value
 * #WORST_CASE_MB} MB, with the ~11 MB the test's JVM holds besides (the heap after its first
 * collections) about 49 MB, where the serial collector can fill about 53 (the old generation, eden
 * and one survivor space). The books are taken as soon as the load ends, and the backlog is dropped
 * with the design.
 */
@Tag(Survival.TAG)
@Tag(LargeMessagesSurvivalTest.TAG) // its own JVM: see the pom
@Order(16) // the survival matrix lists designs and scenarios in the order they ran
@ReportAs(design = "large messages (singleton)")
class LargeMessagesSurvivalTest {

  /** The tag of the tests that run in the pom's {@code gc-spiral} execution, with a small heap. */
  static final String TAG = "gc-spiral";

  /** The heap of the test's JVM, in MB: the pom's {@code gc-spiral} execution sets it. */
  static final int HEAP_MB = 56;

  /** Fields per document: ~31 KB each (8 characters a field, ~52 bytes with its string). */
  static final int FIELDS = 600;

  /**
   * The consumer's wait per event, after it rendered the document 64 times: μ ≈ 85/s while the heap
   * has room. Short beside a full collection's pause, so that a pause is time it loses.
   */
  static final Duration SERVICE_TIME = Duration.ofMillis(10);

  /**
   * Events per second, about ten times what the consumer serves while the heap has room: nearly
   * every document sent is still queued when the load ends, whatever the machine lets the consumer
   * serve, so the heap fills the same way in every run.
   */
  static final int RATE = 800;

  /** The load's length, in milliseconds. */
  static final int MILLIS = 1_500;

  /** Every document the load sends, held at once: 1,200 × ~31 KB. */
  static final int WORST_CASE_MB = 38;

  @OverloadTest(settleLimit = "0s") // the books at once: a backlog of documents is not drained
  @ConstantLoad(rate = RATE, duration = MILLIS + "ms")
  @UniformKeys(keys = 1_000, seed = 11)
  @RecordAutopsy
  @ReportAs(scenario = "800/s of ~31 KB documents, 56 MB heap")
  @ExpectVerdict(Verdict.OVERFLOWED)
  void largeMessages_inASmallHeap_fallIntoAGcDeathSpiral_namedInTheVerdict(
      OverloadHarness harness) {
    EventTracker design = Designs.largeMessages(FIELDS, SERVICE_TIME);
    harness.watch(design.queues().get(0).probe());
    harness.closeAfterTest(() -> design.close(Duration.ZERO));
    harness.useLedger(design.ledger()).inFlight(design.inFlight());
    harness.reportDetail(
        "consumer", "in process, renders each ~31 KB document 64 times, then 10 ms (μ ≈ 85/s)");
    harness.autopsyOf(t -> t.getName().startsWith("spillway-consumer-large-messages"));
    harness.sendTo(message -> Survival.track(design, message));

    OverloadResult result = harness.run();

    Assessment verdict = result.assessment();
    GcTrend trend = verdict.gcTrend().orElseThrow();
    AutopsyReport autopsy = result.autopsy().orElseThrow();
    System.out.printf(
        Locale.ROOT,
        "[survival] %s: depth %.0f → %.0f, μ %.1f/s → %.1f/s, GC %.1f%% → %.1f%% (%d → %d"
            + " collections), heap after collections ≤ %d MB; %s%n",
        design.name(),
        trend.early().meanDepth(),
        trend.late().meanDepth(),
        trend.early().servicePerSecond(),
        trend.late().servicePerSecond(),
        trend.early().gcShare() * 100,
        trend.late().gcShare() * 100,
        trend.early().collections(),
        trend.late().collections(),
        autopsy.gc().pauses().stream().mapToLong(p -> p.heapUsedAfter().orElse(0)).max().orElse(0)
            >> 20,
        autopsy.summary());

    // named, with its figures
    assertThat(verdict.gcSpiral()).as(verdict.summary()).isTrue();
    assertThat(verdict.explanation())
        .contains("GC death spiral: " + trend.describe())
        .contains("as the backlog grew from");

    // μ, counted again from the design's own ledger over the same whole buckets: it fell by a
    // quarter or more while the backlog grew
    long base = result.trace().startNanos();
    double early = served(design, base, trend.early());
    double late = served(design, base, trend.late());
    assertThat(early).isCloseTo(trend.early().servicePerSecond(), within(1e-6));
    assertThat(late).isCloseTo(trend.late().servicePerSecond(), within(1e-6));
    assertThat(late).as("μ late vs early").isLessThanOrEqualTo(0.75 * early);
    assertThat(trend.late().meanDepth()).isGreaterThan(1.5 * trend.early().meanDepth());

    // the GC share, from the autopsy's own collections: the late part paused at least twice as
    // much of its time as the early part, and the heap left after its collections was fuller —
    // the backlog is live memory (the autopsy's window opens when the load starts)
    List<GcPause> pauses = autopsy.gc().pauses();
    Duration shift = verdict.loadStart();
    assertThat(pausedShare(pauses, shift, trend.late()))
        .isCloseTo(trend.late().gcShare(), within(1e-9))
        .isGreaterThanOrEqualTo(0.10)
        .isGreaterThanOrEqualTo(2 * pausedShare(pauses, shift, trend.early()));
    assertThat(meanHeapAfter(pauses, shift, trend.late()))
        .isGreaterThan(meanHeapAfter(pauses, shift, trend.early()));

    // and it stopped in time: no consumer failed (an OutOfMemoryError would count as a failure)
    assertThat(result.books().failed()).isZero();
  }

  /** μ over the whole buckets of {@code part}, from {@code design}'s ledger. */
  private static double served(EventTracker design, long base, GcTrend.Part part) {
    RateBucket buckets =
        design
            .ledger()
            .wholeBuckets(base + part.from().toNanos(), base + part.to().toNanos())
            .orElseThrow();
    return buckets.servicePerSecond();
  }

  /** The share of {@code part}'s time inside the pauses (at from the autopsy window's start). */
  private static double pausedShare(List<GcPause> pauses, Duration shift, GcTrend.Part part) {
    long from = part.from().toNanos();
    long to = part.to().toNanos();
    long paused = 0;
    for (GcPause p : pauses) {
      long start = shift.toNanos() + p.at().toNanos();
      long end = start + p.pause().toNanos();
      paused += Math.max(0, Math.min(end, to) - Math.max(start, from));
    }
    return (double) paused / (to - from);
  }

  /** The mean heap used after the collections that started in {@code part}. */
  private static double meanHeapAfter(List<GcPause> pauses, Duration shift, GcTrend.Part part) {
    return pauses.stream()
        .filter(p -> p.heapUsedAfter().isPresent())
        .filter(
            p -> {
              Duration at = shift.plus(p.at());
              return at.compareTo(part.from()) >= 0 && at.compareTo(part.to()) < 0;
            })
        .mapToLong(p -> p.heapUsedAfter().getAsLong())
        .average()
        .orElse(0);
  }
}
