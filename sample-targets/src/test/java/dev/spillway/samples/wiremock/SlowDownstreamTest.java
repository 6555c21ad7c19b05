package dev.spillway.samples.wiremock;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.spillway.junit.wiremock.DownstreamStats;
import dev.spillway.junit.wiremock.WireMockChaos;
import dev.spillway.samples.CloseSummary;
import dev.spillway.samples.Designs;
import dev.spillway.samples.Downstream;
import dev.spillway.samples.EventTracker;
import dev.spillway.toolkit.inject.Delay;
import dev.spillway.toolkit.ledger.LedgerSnapshot;
import dev.spillway.toolkit.ledger.Rates;
import dev.spillway.toolkit.load.KeyDistribution;
import dev.spillway.toolkit.load.LoadDriver;
import dev.spillway.toolkit.load.LoadProfile;
import dev.spillway.toolkit.load.LoadReport;
import dev.spillway.toolkit.load.Sender;
import dev.spillway.toolkit.record.Growth;
import dev.spillway.toolkit.record.QueueRecorder;
import dev.spillway.toolkit.record.QueueTrace;
import dev.spillway.toolkit.record.TraceEvent;
import java.time.Duration;
import java.util.Locale;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/**
 * The designs' HTTP downstream pointed at a WireMock that takes 5 ms per call: the seed incident,
 * with a real network hop. The singleton overflows at λ − μ, the partitioned design holds, and a
 * WireMock with too few threads is named as the bottleneck instead of the target.
 */
class SlowDownstreamTest {

  private static final Duration FIVE_MS = Duration.ofMillis(5);
  private static final double RATE = 250;
  private static final Duration SPIKE = Duration.ofSeconds(3);

  /** The start of the spike is left out of the fit: connections open, the JIT warms up. */
  private static final Duration SETTLE = Duration.ofMillis(500);

  /** What one run measured. */
  record Run(
      int consumers,
      LoadReport load,
      Rates rates,
      Growth growth,
      long highWaterMark,
      LedgerSnapshot books,
      DownstreamStats downstream) {

    String describe(String design) {
      return String.format(
          Locale.ROOT,
          "%s (%d consumers): λ %.0f/s, μ %.0f/s, λ − μ %.0f/s; queue growth %.0f/s (± %.1f); high-water mark %d;"
              + " %s%n  %s",
          design,
          consumers,
          rates.arrivalPerSecond(),
          rates.servicePerSecond(),
          rates.excessPerSecond(),
          growth.slopePerSecond(),
          growth.standardError(),
          highWaterMark,
          books.describe(),
          downstream.describe());
    }
  }

  @Test
  void singleton_behindA5msDownstream_overflows_atArrivalMinusServiceRate() {
    try (WireMockChaos downstream = WireMockChaos.withRequestThreads(16).start()) {
      downstream.slow(Delay.fixed(FIVE_MS));
      Run run = spike(downstream, Designs::singleton);
      System.out.println(run.describe("singleton"));

      assertThat(run.rates().arrivalPerSecond()).isCloseTo(RATE, within(RATE * 0.1));
      // one consumer behind a ≥ 5 ms call serves at most 200/s (less on a busy machine)
      assertThat(run.rates().servicePerSecond()).isBetween(1.0, 205.0);
      double excess = run.rates().excessPerSecond();
      assertThat(excess).isGreaterThan(40);
      // depth(t) = arrivals − completions: the queue grows at λ − μ, measured in the same run
      assertThat(run.growth().slopePerSecond()).isCloseTo(excess, within(excess * 0.15 + 5));
      assertThat(run.highWaterMark()).isGreaterThan((long) (excess * 2));
      assertThat(run.downstream().limitsServiceRate()).as(run.downstream().describe()).isFalse();
      // a thread is busy until WireMock has finished with the request, a moment after the consumer
      // has its answer: one consumer may show as two or three, far below the 16 threads
      assertThat(run.downstream().peakBusy()).isBetween(1, 3);
      assertThat(run.books().isBalanced()).as(run.books().describe()).isTrue();
      assertThat(run.books().failed()).isZero();
    }
  }

  @Test
  void partitioned_behindTheSame5msDownstream_survivesTheSameSpike() {
    try (WireMockChaos downstream = WireMockChaos.withRequestThreads(16).start()) {
      downstream.slow(Delay.fixed(FIVE_MS));
      Run run = spike(downstream, d -> Designs.partitioned(4, d));
      System.out.println(run.describe("partitioned(4)"));

      // four consumers serve up to ~800/s: they keep up with λ, so μ follows λ
      assertThat(run.rates().servicePerSecond())
          .isCloseTo(run.rates().arrivalPerSecond(), within(RATE * 0.1));
      assertThat(Math.abs(run.growth().slopePerSecond())).isLessThan(10);
      assertThat(run.highWaterMark()).isLessThan(60);
      assertThat(run.downstream().peakBusy()).isBetween(1, 6);
      assertThat(run.downstream().limitsServiceRate()).as(run.downstream().describe()).isFalse();
      assertThat(run.books().isBalanced()).as(run.books().describe()).isTrue();
      assertThat(run.books().processed()).isEqualTo(run.books().sent());
    }
  }

  @Test
  void aDownstreamWithFewerThreadsThanConsumers_isNamedAsTheBottleneck_notTheTarget() {
    // partitioned(4) could serve 4 / 10 ms = 400/s, but WireMock serves 2 calls at once: ≤ 200/s
    try (WireMockChaos downstream = WireMockChaos.withRequestThreads(2).start()) {
      downstream.slow(Delay.fixed(Duration.ofMillis(10)));
      Run run = spike(downstream, d -> Designs.partitioned(4, d));
      System.out.println(run.describe("partitioned(4) behind 2 WireMock threads"));

      assertThat(run.rates().servicePerSecond()).isLessThan(205);
      assertThat(run.growth().slopePerSecond()).isGreaterThan(25);
      assertThat(run.downstream().peakBusy()).isEqualTo(2);
      assertThat(run.downstream().limitsServiceRate()).as(run.downstream().describe()).isTrue();
      assertThat(run.downstream().describe())
          .contains("WIREMOCK'S OWN POOL LIMITED THE SERVICE RATE");
      assertThat(run.books().isBalanced()).as(run.books().describe()).isTrue();
    }
  }

  /** Drives RATE/s for SPIKE into the design built on {@code downstream}, then closes it. */
  private static Run spike(WireMockChaos downstream, Function<Downstream, EventTracker> design) {
    EventTracker target = design.apply(Downstream.http(downstream.url(), Duration.ofSeconds(2)));
    try (QueueRecorder recorder =
        QueueRecorder.sampling(target.depthProbe()).every(Duration.ofMillis(5)).start()) {
      LoadReport load =
          LoadDriver.drive(LoadProfile.builder().constant(RATE).perSecond().during(SPIKE).build())
              .named(target.name())
              .keys(KeyDistribution.uniform(1_000), 42)
              .events(recorder)
              .sendTo(Sender.offering(m -> target.track(m.key(), "").accepted()))
              .run();
      QueueTrace trace = recorder.stop();
      long start = trace.events(TraceEvent.Kind.PHASE).get(0).nanoTime();
      long from = start + SETTLE.toNanos();
      // the run may end a moment before the spike's planned end (its last message is due then)
      long to = Math.min(start + SPIKE.toNanos(), System.nanoTime());
      Rates rates = target.ledger().ratesBetween(from, to);
      Growth growth = trace.onlySeries().growth(trace.offsetOf(from), trace.offsetOf(to));
      long highWaterMark = target.queues().stream().mapToLong(q -> q.highWaterMark()).sum();
      CloseSummary closed = target.close(Duration.ofMillis(200)); // what is left is dropped
      return new Run(
          target.queues().size(),
          load,
          rates,
          growth,
          highWaterMark,
          closed.books(),
          downstream.stats());
    } finally {
      target.close(Duration.ZERO);
    }
  }
}
