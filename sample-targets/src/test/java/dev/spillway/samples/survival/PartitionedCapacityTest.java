package dev.spillway.samples.survival;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.spillway.junit.ConstantLoad;
import dev.spillway.junit.DrainsWithin;
import dev.spillway.junit.ExpectVerdict;
import dev.spillway.junit.OverloadHarness;
import dev.spillway.junit.OverloadResult;
import dev.spillway.junit.OverloadTest;
import dev.spillway.junit.RecordAutopsy;
import dev.spillway.junit.ReportAs;
import dev.spillway.junit.UniformKeys;
import dev.spillway.samples.Designs;
import dev.spillway.samples.Downstream;
import dev.spillway.samples.EventTracker;
import dev.spillway.samples.QueueView;
import dev.spillway.toolkit.load.Message;
import dev.spillway.toolkit.load.Outcome;
import dev.spillway.toolkit.probe.QueueProbe;
import dev.spillway.toolkit.record.QueueTrace;
import dev.spillway.toolkit.verdict.Verdict;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Tag;

/**
 * Capacity: with a consumer that sleeps 5 ms per event, N partitions serve about N times what one
 * consumer serves. The singleton (N = 1), partitioned(2) and partitioned(4) are flooded side by
 * side in one run — same machine, same moment — each offered 1.25 × N × 200/s so that every one of
 * their queues keeps a backlog, and each design's service rate μ is counted by its own ledger over
 * whole buckets while all of them were backlogged.
 */
@Tag(Survival.TAG)
@Order(6) // the survival matrix lists designs and scenarios in the order they ran
class PartitionedCapacityTest {

  /** Of every 7 messages: 1 to the singleton, 2 to partitioned(2), 4 to partitioned(4). */
  private static final int SHARES = 7;

  /** 1.25 × 7 × 200/s: 250, 500 and 1,000/s, each 25 % above its design's capacity. */
  private static final int RATE = 1_750;

  @OverloadTest
  @ConstantLoad(rate = RATE, duration = "3s")
  @RecordAutopsy
  @UniformKeys(keys = 1_000, seed = 5)
  @DrainsWithin("4s") // each queue holds ~150 at the end, drained at ~200/s
  @ExpectVerdict(Verdict.OVERFLOWED)
  @ReportAs(design = "singleton | partitioned(2) | partitioned(4)", scenario = "capacity ×1 ×2 ×4")
  void partitions_serveAboutNTimesTheSingletonsRate(OverloadHarness harness) {
    EventTracker one = design(harness, "singleton", Designs.singleton(counted(harness)));
    EventTracker two = design(harness, "partitioned(2)", Designs.partitioned(2, counted(harness)));
    EventTracker four = design(harness, "partitioned(4)", Designs.partitioned(4, counted(harness)));
    harness.sendTo(message -> route(message, one, two, four));

    OverloadResult result = Survival.run(harness);

    // from 1 s after the start (every queue has a backlog by then) to the end of the load
    Duration from = result.loadStart().plusSeconds(1);
    Duration to = result.loadEnd();
    QueueTrace trace = result.trace();
    RateWindow w1 = backlogged(one, "singleton", trace, from, to);
    RateWindow w2 = backlogged(two, "partitioned(2)", trace, from, to);
    RateWindow w4 = backlogged(four, "partitioned(4)", trace, from, to);
    double mu1 = w1.servicePerSecond();
    System.out.printf(
        Locale.ROOT,
        "[survival] capacity: μ1 = %.1f/s, μ2 = %.1f/s (%.2f×), μ4 = %.1f/s (%.2f×)%n",
        mu1,
        w2.servicePerSecond(),
        w2.servicePerSecond() / mu1,
        w4.servicePerSecond(),
        w4.servicePerSecond() / mu1);

    // μ1 is one 5 ms consumer's capacity on this machine now (it kept a backlog all along): at
    // most what a 5 ms consumer can serve, and the others are compared with it, not with 200/s
    assertThat(mu1)
        .as(w1.describe())
        .isPositive()
        .isLessThanOrEqualTo(Survival.serviceCeiling(1, w1));
    assertThat(w2.servicePerSecond() / mu1).as(w2.describe()).isCloseTo(2.0, within(0.2));
    assertThat(w4.servicePerSecond() / mu1).as(w4.describe()).isCloseTo(4.0, within(0.4));
    assertThat(result.books().isBalanced()).as(result.books().describe()).isTrue();
  }

  /** A 5 ms handler whose completions the harness counts in its books. */
  private static Downstream counted(OverloadHarness harness) {
    return harness.wrap(Downstream.class, Survival.fiveMillis(), "handle");
  }

  /** Watches each of the design's queues under a name of its own; closes it after the test. */
  private static EventTracker design(OverloadHarness harness, String name, EventTracker design) {
    harness.closeAfterTest(() -> design.close(Duration.ZERO));
    List<QueueView> queues = design.queues();
    for (int i = 0; i < queues.size(); i++) {
      QueueView queue = queues.get(i);
      String probe = queues.size() == 1 ? name : name + "-" + i;
      harness.watch(QueueProbe.of(probe, queue::depth));
    }
    return design;
  }

  private static Outcome route(
      Message message, EventTracker one, EventTracker two, EventTracker four) {
    int slot = (int) (message.sequence() % SHARES);
    EventTracker target = slot == 0 ? one : slot <= 2 ? two : four;
    return Survival.track(target, message);
  }

  /**
   * The design's rates over its whole buckets in [from, to], after checking that every one of its
   * queues held a backlog all along (else the completions would measure the arrivals, not the
   * capacity).
   */
  private static RateWindow backlogged(
      EventTracker design, String name, QueueTrace trace, Duration from, Duration to) {
    RateWindow window = RateWindow.within(design.ledger(), trace, from, to);
    int queues = design.queues().size();
    for (int i = 0; i < queues; i++) {
      String probe = queues == 1 ? name : name + "-" + i;
      assertThat(Survival.lowestDepth(trace.series(probe), window.from(), window.to()))
          .as("queue '%s' must keep a backlog while its capacity is measured", probe)
          .isPositive();
    }
    return window;
  }
}
