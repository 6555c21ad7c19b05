package dev.spillway.junit.examples;

import static java.lang.annotation.ElementType.METHOD;
import static java.lang.annotation.RetentionPolicy.RUNTIME;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.withinPercentage;

import dev.spillway.junit.ConstantLoad;
import dev.spillway.junit.DrainsWithin;
import dev.spillway.junit.ExpectVerdict;
import dev.spillway.junit.FixedDelay;
import dev.spillway.junit.OverloadHarness;
import dev.spillway.junit.OverloadResult;
import dev.spillway.junit.OverloadTest;
import dev.spillway.junit.QueueBound;
import dev.spillway.junit.SpikeLoad;
import dev.spillway.toolkit.inject.Delay;
import dev.spillway.toolkit.inject.Injector;
import dev.spillway.toolkit.inject.Stall;
import dev.spillway.toolkit.load.LoadProfile;
import dev.spillway.toolkit.load.Message;
import dev.spillway.toolkit.load.Sender;
import dev.spillway.toolkit.record.InstrumentedQueue;
import dev.spillway.toolkit.verdict.Assessment;
import dev.spillway.toolkit.verdict.Verdict;
import java.lang.annotation.Retention;
import java.lang.annotation.Target;
import java.time.Duration;

/**
 * The examples of the module's README, run as the overload tests they are. {@link
 * ReadmeSnippetTest} keeps the README's copies identical to these.
 */
class ReadmeExamplesTest {

  // README-SNIPPET-START quick-start
  @OverloadTest
  @SpikeLoad(base = 150, peak = 250, at = "500ms", hold = "1s", duration = "2s")
  @FixedDelay("5ms") // the consumer serves about 200 messages/s
  @QueueBound(max = 25) // fails at the first enqueue above 25
  @DrainsWithin("1s")
  @ExpectVerdict(Verdict.SHED)
  void aBoundedMailbox_shedsTheSpike(OverloadHarness harness) {
    InstrumentedQueue<Message> mailbox = InstrumentedQueue.bounded("orders", 25);
    harness
        .consume(mailbox, order -> {}) // a consumer thread: slowed by @FixedDelay, counted
        .sendTo(Sender.offering(mailbox::offer)); // a full mailbox refuses: counted as rejected
    // the body returns: the extension plays the spike, then checks the bounds and the verdict
  }

  // README-SNIPPET-END quick-start

  // README-SNIPPET-START in-code
  @OverloadTest
  @FixedDelay("5ms")
  void anUnboundedMailbox_growsAtArrivalMinusService(OverloadHarness harness) {
    InstrumentedQueue<Message> mailbox = InstrumentedQueue.unbounded("orders");
    harness.consume(mailbox, order -> {}).sendTo(Sender.offering(mailbox::offer));

    OverloadResult result =
        harness.run(
            LoadProfile.builder().constant(300).perSecond().during(Duration.ofSeconds(1)).build());

    Assessment assessment = result.assessment();
    assertThat(result.verdict()).isEqualTo(Verdict.OVERFLOWED);
    // the queue grew at λ − μ, both measured in this run
    assertThat(assessment.growth().slopePerSecond())
        .isCloseTo(assessment.predictedGrowthPerSecond().orElseThrow(), withinPercentage(30));
  }

  // README-SNIPPET-END in-code

  // README-SNIPPET-START composed
  /** The seed incident: 150 msg/s, a spike to 250/s for a second, a 5 ms handler. */
  @Target(METHOD)
  @Retention(RUNTIME)
  @OverloadTest
  @SpikeLoad(base = 150, peak = 250, at = "500ms", hold = "1s", duration = "2s")
  @FixedDelay("5ms")
  @interface SeedIncident {}

  @SeedIncident
  @ExpectVerdict(Verdict.SURVIVED)
  void twoConsumers_keepUpWithTheSeedIncident(OverloadHarness harness) {
    InstrumentedQueue<Message> mailbox = InstrumentedQueue.unbounded("orders");
    harness
        .consume(mailbox, order -> {}) // two consumer threads on one mailbox: about 400/s
        .consume(mailbox, order -> {})
        .sendTo(Sender.offering(mailbox::offer));
  }

  // README-SNIPPET-END composed

  // README-SNIPPET-START injector
  @OverloadTest
  @ConstantLoad(rate = 150, duration = "1500ms")
  @DrainsWithin("2s")
  void aConsumerFrozenByAPause_catchesUpAfterwards(OverloadHarness harness) {
    InstrumentedQueue<Message> mailbox = InstrumentedQueue.unbounded("orders");
    harness
        .inject(
            Injector.named("gc-pause")
                .withDelay(Delay.fixed(Duration.ofMillis(2)))
                .withStall(Stall.once(Duration.ofMillis(500), Duration.ofMillis(300))))
        .consume(mailbox, order -> {})
        .sendTo(Sender.offering(mailbox::offer));

    OverloadResult result = harness.run();

    // 300 ms without service at 150/s: about 45 messages pile up, then drain
    assertThat(result.highWaterMark()).isBetween(30L, 90L);
    assertThat(result.drainTime("orders")).isPresent();
    assertThat(result.books().isBalanced()).isTrue();
  }
  // README-SNIPPET-END injector
}
