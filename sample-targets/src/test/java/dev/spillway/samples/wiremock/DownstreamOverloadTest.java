package dev.spillway.samples.wiremock;

import static dev.spillway.samples.Soon.soon;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.github.tomakehurst.wiremock.http.Fault;
import dev.spillway.junit.ConstantLoad;
import dev.spillway.junit.DrainsWithin;
import dev.spillway.junit.ExpectVerdict;
import dev.spillway.junit.OverloadHarness;
import dev.spillway.junit.OverloadResult;
import dev.spillway.junit.OverloadTest;
import dev.spillway.junit.UniformKeys;
import dev.spillway.junit.wiremock.DownstreamStats;
import dev.spillway.junit.wiremock.WireMockChaos;
import dev.spillway.junit.wiremock.WireMockDownstream;
import dev.spillway.samples.Designs;
import dev.spillway.samples.Downstream;
import dev.spillway.samples.EventTracker;
import dev.spillway.samples.QueueView;
import dev.spillway.toolkit.inject.Delay;
import dev.spillway.toolkit.ledger.LedgerSnapshot;
import dev.spillway.toolkit.ledger.RateBucket;
import dev.spillway.toolkit.load.LoadProfile;
import dev.spillway.toolkit.load.Outcome;
import dev.spillway.toolkit.record.Growth;
import dev.spillway.toolkit.record.QueueTrace;
import dev.spillway.toolkit.record.TraceEvent;
import dev.spillway.toolkit.verdict.Verdict;
import java.time.Duration;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.function.Function;

/**
 * The designs behind a WireMock downstream, as overload tests: {@link WireMockDownstream} gives
 * each test its own WireMock, the harness floods the design, the verdict and the books come from
 * the run, and the result says when WireMock's own pool, not the design, limited the service rate.
 */
class DownstreamOverloadTest {

  private static final Duration FIVE_MS = Duration.ofMillis(5);

  /**
   * Floods {@code design}, built on {@code downstream}: it keeps the books in its own ledger, all
   * its queues are watched, and it is closed when the test ends.
   */
  private static EventTracker flood(
      OverloadHarness harness,
      WireMockChaos downstream,
      Function<Downstream, EventTracker> design) {
    EventTracker target = design.apply(Downstream.http(downstream.url(), Duration.ofSeconds(2)));
    harness.closeAfterTest(() -> target.close(Duration.ZERO));
    harness.useLedger(target.ledger()).inFlight(target.inFlight());
    for (QueueView queue : target.queues()) {
      harness.watch(queue.probe());
    }
    harness
        .reportDetail("downstream", "WireMock " + downstream.url())
        .sendTo(m -> target.track(m.key(), "").accepted() ? Outcome.ACCEPTED : Outcome.REJECTED);
    return target;
  }

  @OverloadTest
  @ConstantLoad(rate = 200, duration = "1500ms")
  @UniformKeys(keys = 1_000, seed = 42)
  @DrainsWithin("4s") // ~100 left when the load ends, drained at μ
  @WireMockDownstream(requestThreads = 16)
  @ExpectVerdict(Verdict.OVERFLOWED)
  void singleton_behindA5msDownstream_overflows(OverloadHarness harness, WireMockChaos downstream) {
    downstream.slow(Delay.fixed(FIVE_MS));
    EventTracker singleton = flood(harness, downstream, Designs::singleton);

    OverloadResult result = harness.run();

    // one consumer behind a 5 ms call (and the HTTP round trip) serves less than 200/s: its queue
    // grows at λ − μ, both measured in this run over the same span — the ledger's whole buckets
    // inside the window the verdict fits its growth over (the late half of the load). Not λ − μ
    // over the whole load: the first calls of a run are slower (connections, the JIT), so μ is
    // lower early, and the late half grew at 58/s where the whole load's λ − μ said 79/s (seen).
    Growth judged = result.growth();
    QueueTrace trace = result.trace();
    long from = trace.startNanos() + judged.from().toNanos();
    long to = trace.startNanos() + judged.to().toNanos();
    long first = Long.MAX_VALUE;
    long last = Long.MIN_VALUE;
    long sent = 0;
    long completed = 0;
    for (RateBucket bucket : singleton.ledger().rateSeries()) {
      long end = bucket.startNanos() + bucket.length().toNanos();
      if (bucket.startNanos() - from >= 0 && to - end >= 0) {
        first = Math.min(first, bucket.startNanos());
        last = Math.max(last, end);
        sent += bucket.sent();
        completed += bucket.completed();
      }
    }
    double seconds = (last - first) / 1e9;
    double excess = (sent - completed) / seconds;
    Growth growth =
        trace
            .series(singleton.queues().get(0).name())
            .growth(trace.offsetOf(first), trace.offsetOf(last));
    assertThat(seconds).isGreaterThan(0.5);
    assertThat(excess).isGreaterThan(10);
    assertThat(growth.slopePerSecond())
        .as("growth over %.2f s of whole buckets: %d sent, %d completed", seconds, sent, completed)
        .isCloseTo(excess, within(excess * 0.2 + 5));
    assertThat(result.caveats())
        .as("one caller: WireMock's 16 threads are not the limit")
        .isEmpty();
    assertThat(result.books().isBalanced()).as(result.books().describe()).isTrue();
  }

  // The design, not the machine, must decide this verdict. At the singleton's 5 ms and 200/s each
  // call's CPU (the HTTP client, WireMock, on both sides of the hop) is what a loaded 2-core
  // machine runs out of, whatever the design: eight consumers served 56/s in all, below λ, with
  // another flood and two CPU hogs beside them (four had served 124/s at load average 6–8). Behind
  // a 100 ms downstream, eight consumers serve up to 80/s: offered 25/s they have 3× the headroom
  // (the singleton, at most 10/s there, would drown), and the machine makes 25 calls a second, not
  // 200.
  @OverloadTest
  @ConstantLoad(rate = 25, duration = "3s")
  @UniformKeys(keys = 1_000, seed = 42)
  @WireMockDownstream(requestThreads = 32)
  @ExpectVerdict(Verdict.SURVIVED)
  void partitioned_behindASlowDownstream_survivesALoadItsConsumersCanServe(
      OverloadHarness harness, WireMockChaos downstream) {
    downstream.slow(Delay.fixed(Duration.ofMillis(100)));
    flood(harness, downstream, d -> Designs.partitioned(8, d));

    OverloadResult result = harness.run();

    assertThat(result.highWaterMark()).isLessThan(60);
    assertThat(result.caveats()).isEmpty();
    assertThat(result.books().failed()).isZero();
    assertThat(result.books().isBalanced()).as(result.books().describe()).isTrue();
    assertThat(result.books().sent()).isEqualTo(75);
  }

  @OverloadTest
  @ConstantLoad(rate = 250, duration = "1500ms")
  @UniformKeys(keys = 1_000, seed = 42)
  @DrainsWithin("4s")
  @WireMockDownstream(requestThreads = 2)
  void partitioned_behindTwoWireMockThreads_isNotBlamed_theResultNamesWireMock(
      OverloadHarness harness, WireMockChaos downstream) {
    downstream.slow(Delay.fixed(Duration.ofMillis(10)));
    flood(harness, downstream, d -> Designs.partitioned(4, d));

    OverloadResult result = harness.run();

    // four consumers could serve 400/s; WireMock serves two calls at once: ≤ 200/s, so it grows
    assertThat(result.verdict()).isEqualTo(Verdict.OVERFLOWED);
    assertThat(result.caveats())
        .singleElement()
        .asString()
        .startsWith("WireMock's own pool limited the service rate: during the load ")
        .contains("one of its 2 request threads");
    assertThat(result.summary()).contains("; CAVEAT: WireMock's own pool limited");
    assertThat(result.assessment().explanation()).contains("; CAVEAT: WireMock's own pool");
  }

  @OverloadTest
  @UniformKeys(keys = 100, seed = 7)
  @DrainsWithin("2s")
  @WireMockDownstream(requestThreads = 16)
  void connectionResets_midRun_areCountedAsFailed_andNothingIsLost(
      OverloadHarness harness, WireMockChaos downstream) {
    downstream.slow(Delay.fixed(Duration.ofMillis(2)));
    Queue<long[]> calls = new ConcurrentLinkedQueue<>(); // {start, end, 1 if it failed}
    EventTracker target =
        flood(harness, downstream, d -> Designs.partitioned(4, recorded(d, calls)));
    harness.during("resets", () -> downstream.failing(Fault.CONNECTION_RESET_BY_PEER));
    Duration part = Duration.ofMillis(600);
    LoadProfile profile =
        LoadProfile.builder()
            .named("calm")
            .constant(200)
            .perSecond()
            .during(part)
            .named("resets")
            .constant(200)
            .perSecond()
            .during(part)
            .named("calm again")
            .constant(200)
            .perSecond()
            .during(part)
            .build();

    OverloadResult result = harness.run(profile);

    // Every message is accounted for when the run takes its books — done, or still in a call: a
    // call that met a connection a reset had killed waits for its 2 s timeout, and may outlast the
    // drain. Once those calls have ended, every message was processed or failed.
    assertThat(result.books().isBalanced()).as(result.books().describe()).isTrue();
    assertThat(result.books().queued()).isZero();
    soon().until(() -> target.books().inFlight() == 0);
    LedgerSnapshot books = target.books();
    DownstreamStats served = downstream.stats();
    long answered = served.received() - served.failedOnPurpose();
    System.out.printf("%s%n  %s%n", books.describe(), served.describe());
    assertThat(books.sent()).isEqualTo(360);
    assertThat(books.isBalanced()).as(books.describe()).isTrue();
    assertThat(books.dropped()).isZero();
    assertThat(books.queued()).isZero();
    assertThat(books.processed() + books.failed()).isEqualTo(360);
    // Every reset call FAILED. A reset also takes down calls sharing the HttpClient's connection
    // (FaultyDownstreamTest), among them calls WireMock had already answered: WireMock counts such
    // a call answered, the design counts it failed. So processed and answered may differ, but only
    // by calls that failed beyond the resets on purpose, and never the other way.
    long collateral = books.failed() - served.failedOnPurpose();
    assertThat(collateral).isNotNegative();
    assertThat(books.processed()).isLessThanOrEqualTo(answered);
    assertThat(answered - books.processed()).isLessThanOrEqualTo(collateral);
    assertThat(collateral).isLessThan(served.failedOnPurpose());
    List<TraceEvent> chaos =
        result.trace().events(TraceEvent.Kind.INJECTION).stream()
            .filter(e -> e.source().equals("chaos"))
            .toList();
    assertThat(chaos)
        .extracting(TraceEvent::detail)
        .containsExactly(
            "on in 'resets': DownstreamChange[fail: CONNECTION_RESET_BY_PEER, open]",
            "off in 'calm again': DownstreamChange[fail: CONNECTION_RESET_BY_PEER, closed]");
    // The resets were on from a moment between 'resets' starting and the "on" event (the switch
    // is flipped after the phase starts, and the event recorded once it is) to a moment between
    // 'calm again' starting and the "off" event; WireMock decides a call's answer between the
    // call's start and its end. So each call is judged against the times this run recorded, not
    // counted against the plan (when the chaos thread switches is up to the machine): a call made
    // wholly inside the span the resets were surely on must have failed, and WireMock cannot have
    // reset more calls than overlap the span they were possibly on.
    List<TraceEvent> phases = result.trace().events(TraceEvent.Kind.PHASE);
    long resetsEntered = phases.get(1).nanoTime();
    long calmEntered = phases.get(2).nanoTime();
    long on = chaos.get(0).nanoTime();
    long off = chaos.get(1).nanoTime();
    List<long[]> surelyReset = calls.stream().filter(c -> c[0] > on && c[1] < calmEntered).toList();
    long possiblyReset = calls.stream().filter(c -> c[1] >= resetsEntered && c[0] <= off).count();
    assertThat(surelyReset).as("calls made while the resets were surely on").isNotEmpty();
    assertThat(surelyReset).allSatisfy(c -> assertThat(c[2]).as("failed").isOne());
    assertThat(served.failedOnPurpose())
        .as("%d calls surely met a reset, %d possibly", surelyReset.size(), possiblyReset)
        .isPositive()
        .isLessThanOrEqualTo(possiblyReset);
  }

  /** {@code http}, each call recorded in {@code calls}: its start, its end, and 1 if it failed. */
  private static Downstream recorded(Downstream http, Queue<long[]> calls) {
    return event -> {
      long start = System.nanoTime();
      try {
        http.handle(event);
        calls.add(new long[] {start, System.nanoTime(), 0});
      } catch (Exception e) {
        calls.add(new long[] {start, System.nanoTime(), 1});
        throw e;
      }
    };
  }
}
