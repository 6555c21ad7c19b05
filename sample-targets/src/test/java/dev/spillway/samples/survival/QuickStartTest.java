package dev.spillway.samples.survival;

import static dev.spillway.toolkit.load.Outcome.ACCEPTED;
import static dev.spillway.toolkit.load.Outcome.REJECTED;

import dev.spillway.junit.DrainsWithin;
import dev.spillway.junit.ExpectVerdict;
import dev.spillway.junit.OverloadHarness;
import dev.spillway.junit.OverloadTest;
import dev.spillway.junit.QueueBound;
import dev.spillway.junit.ReportAs;
import dev.spillway.junit.SpikeLoad;
import dev.spillway.samples.Designs;
import dev.spillway.samples.Downstream;
import dev.spillway.samples.EventTracker;
import dev.spillway.toolkit.verdict.Verdict;
import java.time.Duration;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Tag;

/**
 * The root README's quick start, compiled and run as part of the survival suite; {@link
 * ReadmeQuickStartTest} keeps the README's copy identical to this one.
 */
@Tag(Survival.TAG)
@Order(4) // the survival matrix lists designs and scenarios in the order they ran
class QuickStartTest {

  // README-SNIPPET-START quick-start
  @OverloadTest // a @Test that floods: one at a time, under a watchdog, cleaned up after
  @SpikeLoad(base = 150, peak = 250, at = "1s", hold = "4s", duration = "6s") // messages/s
  @QueueBound(max = 25) // the mailbox never holds more than 25
  @DrainsWithin("1s") // and is empty within a second after the load
  @ExpectVerdict(Verdict.SHED) // the excess is turned away, explicitly, and counted
  @ReportAs(design = "bounded(25)", scenario = "seed spike 150→250/s")
  void aBoundedMailbox_shedsTheSeedSpike(OverloadHarness harness) {
    // the component under test: one consumer taking 5 ms per event (~200/s), a mailbox of 25
    EventTracker orders =
        harness.closeAfterTest(Designs.bounded(25, Downstream.inProcess(Duration.ofMillis(5))));
    harness
        .useLedger(orders.ledger()) // it counts every event: sent, processed, rejected
        .watch(orders.depthProbe()) // sampled every millisecond
        .sendTo(event -> orders.track(event.key(), "click").accepted() ? ACCEPTED : REJECTED);
    // the body returns: the extension drives the spike, checks the bound, the drain, the verdict
    // and that nothing was lost silently, and writes the run's report
  }
  // README-SNIPPET-END quick-start
}
