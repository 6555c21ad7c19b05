package dev.spillway.samples.survival;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.spillway.junit.DrainsWithin;
import dev.spillway.junit.ExpectVerdict;
import dev.spillway.junit.OverloadHarness;
import dev.spillway.junit.OverloadResult;
import dev.spillway.junit.OverloadTest;
import dev.spillway.junit.QueueBound;
import dev.spillway.junit.RecordAutopsy;
import dev.spillway.junit.ReportAs;
import dev.spillway.junit.SpikeLoad;
import dev.spillway.junit.UniformKeys;
import dev.spillway.samples.Designs;
import dev.spillway.samples.SentinelMitigation;
import dev.spillway.samples.SentinelWatched;
import dev.spillway.toolkit.record.DepthSeries;
import dev.spillway.toolkit.record.TraceEvent;
import dev.spillway.toolkit.sentinel.Breach;
import dev.spillway.toolkit.verdict.Verdict;
import java.time.Duration;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The sentinel-watched design — one consumer, an unbounded queue, a Sentinel that fires when the
 * queue reaches 500 and sheds until it is back at 250 (OTP 27's {@code long_message_queue} monitor
 * with a mitigation). Its threshold decides what it survives.
 */
@Tag(Survival.TAG)
@Order(5) // the survival matrix lists designs and scenarios in the order they ran
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@ReportAs(design = "sentinel-watched(500/250)")
class SentinelWatchedSurvivalTest {

  private static final int ENABLE = 500;
  private static final int DISABLE = 250;

  /**
   * Under the seed incident the queue grows at λ − μ ≈ 50/s for 4 s: about 200 deep at the peak,
   * far from 500. The sentinel never fires, and the design behaves as the singleton: a threshold
   * the spike cannot reach does not protect anything.
   */
  @Order(1)
  @SeedIncident
  @ReportAs(scenario = SeedIncident.SCENARIO)
  @UniformKeys(keys = 1_000, seed = 7)
  @DrainsWithin("4s")
  @ExpectVerdict(Verdict.OVERFLOWED)
  void sentinelWatched_underTheSeedSpike_neverReachesItsThreshold(OverloadHarness harness) {
    SentinelWatched watched = Survival.flood(harness, sentinelWatched(harness));

    OverloadResult result = Survival.run(harness);

    GrowthCheck.growsAtArrivalMinusService(result, watched);
    assertThat(watched.sentinel().breachCount()).isZero();
    assertThat(result.books().rejected()).isZero();
    // the peak is what 4 s at λ − μ leave, by this run's books: far from 500
    Survival.assertPeakMatchesTheBooks(watched.queues().get(0).highWaterMark(), watched, 1);
    assertThat(watched.queues().get(0).highWaterMark()).isLessThan(ENABLE);
  }

  /**
   * A spike that reaches the threshold: 400/s against ~200/s grows the queue by ~200/s, so it
   * reaches 500 about 2.5 s into a 4 s spike (the seed spike's 250/s would need 10 s, and this
   * suite keeps each test under 8 s of load). From there the sentinel sheds everything until the
   * consumer has brought the queue down to 250 (~1.25 s at 200/s), then admits again and the queue
   * climbs back: the depth stays between the two thresholds, and each shed event is counted.
   */
  @Order(2)
  @OverloadTest
  @SpikeLoad(base = 150, peak = 400, at = "1s", hold = "4s", duration = "5500ms")
  @RecordAutopsy
  @ReportAs(scenario = "hard spike 150→400/s")
  @UniformKeys(keys = 1_000, seed = 7)
  @QueueBound(max = ENABLE) // what the sentinel promises; checked on every sample
  @DrainsWithin("4s") // up to ~300 left when the load ends
  @ExpectVerdict(Verdict.SHED)
  void sentinelWatched_underAHardSpike_shedsAtItsThreshold_andCountsEveryShedEvent(
      OverloadHarness harness) {
    SentinelWatched watched = Survival.flood(harness, sentinelWatched(harness));

    OverloadResult result = Survival.run(harness);

    // detected and recorded: a breach at exactly the threshold (one producer: no race past it)
    await().atMost(Duration.ofSeconds(2)).until(() -> watched.sentinel().breaches().size() >= 1);
    Breach first = watched.sentinel().breaches().get(0);
    assertThat(first.depth()).isEqualTo(ENABLE);
    assertThat(first.results()).extracting(r -> r.action()).contains("shed");
    assertThat(result.trace().events(TraceEvent.Kind.BREACH)).isNotEmpty();
    // held near the threshold: never above it, and after the first breach never below the disable
    // threshold by more than the consumer could take while no message arrived: one message after
    // the re-arm, and what it serves in the longest gap between two sends (a 2.5 ms interval plus
    // the driver's largest lateness in this run)
    assertThat(watched.queues().get(0).highWaterMark()).isEqualTo(ENABLE);
    DepthSeries depth = result.trace().series("sentinel-watched");
    Duration breachAt = result.trace().offsetOf(first.nanoTime());
    long lowest = Survival.lowestDepth(depth, breachAt, result.assessment().loadEnd());
    Duration gap = result.load().lateness().max().plus(Duration.ofNanos(2_500_000));
    long servedInGap = gap.plus(Survival.PAID_BACK).toNanos() / Survival.SERVICE_TIME.toNanos() + 1;
    assertThat(lowest)
        .as("lowest depth after the breach; largest gap between sends %s", gap)
        .isBetween(DISABLE - servedInGap - 1, (long) ENABLE);
    // nothing lost without a count: every shed event is a rejection in the books and an answer
    // REJECTED to the driver
    assertThat(watched.sentinel().shedCount()).isPositive();
    assertThat(result.books().rejected())
        .isEqualTo(watched.sentinel().shedCount())
        .isEqualTo(result.load().rejected());
    // each accepted message is processed once the last ones have left the consumer's hands (the
    // run may take its books a moment before)
    assertThat(Survival.idleBooks(watched).processed()).isEqualTo(result.load().accepted());
    assertThat(result.books().isBalanced()).as(result.books().describe()).isTrue();
  }

  private static SentinelWatched sentinelWatched(OverloadHarness harness) {
    return Designs.sentinelWatched(
        ENABLE, DISABLE, SentinelMitigation.SHED, Survival.fiveMillis(), harness.events());
  }
}
