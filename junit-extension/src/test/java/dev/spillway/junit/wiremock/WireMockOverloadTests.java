package dev.spillway.junit.wiremock;

import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.http.Fault;
import dev.spillway.junit.ConstantLoad;
import dev.spillway.junit.DrainsWithin;
import dev.spillway.junit.Fixture;
import dev.spillway.junit.Fixtures;
import dev.spillway.junit.OverloadHarness;
import dev.spillway.junit.OverloadResult;
import dev.spillway.junit.OverloadTest;
import dev.spillway.toolkit.inject.Delay;
import dev.spillway.toolkit.ledger.LedgerSnapshot;
import dev.spillway.toolkit.load.LoadProfile;
import dev.spillway.toolkit.load.Message;
import dev.spillway.toolkit.load.Sender;
import dev.spillway.toolkit.record.InstrumentedQueue;
import dev.spillway.toolkit.record.TraceEvent;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.platform.engine.TestExecutionResult.Status;

/**
 * A WireMock downstream in an overload run: chaos tied to a phase of the load, and WireMock's own
 * bottleneck named in the result instead of the target's. Each fixture's consumers call the
 * downstream over HTTP, one call per message.
 */
class WireMockOverloadTests {

  @AfterEach
  void noThreadOfOursOutlivesTheFixture() {
    assertThat(Fixtures.spillwayThreads()).isEmpty();
  }

  @Test
  void aDownstreamWithFewerThreadsThanTheConsumers_isNamedInTheResult_asTheBottleneck() {
    Fixtures.Outcome outcome = Fixtures.run(Runs.class, "twoThreadsForFourConsumers");

    assertThat(outcome.status()).isEqualTo(Status.SUCCESSFUL);
    OverloadResult result = Runs.lastResult.get();
    assertThat(result.caveats())
        .singleElement()
        .asString()
        .startsWith("WireMock's own pool limited the service rate: during the load ");
    Matcher m =
        Pattern.compile(
                "during the load (\\d+) of the (\\d+) requests to the downstream \\S+ \\((\\d+) %\\)"
                    + " started while others waited for one of its 2 request threads \\(at most"
                    + " (\\d+) busy at once\\)")
            .matcher(result.caveats().get(0));
    assertThat(m.find()).as(result.caveats().get(0)).isTrue();
    // the figures are the run's own and consistent: waited / all = the share, above the rule's
    // limit (how far above depends on the clients' own per-call overhead: 49-70 % was seen)
    long waited = Long.parseLong(m.group(1));
    long all = Long.parseLong(m.group(2));
    assertThat(Integer.parseInt(m.group(3))).isEqualTo((int) Math.round(100.0 * waited / all));
    assertThat((double) waited / all).isGreaterThan(DownstreamStats.LIMITING_SHARE);
    assertThat(Integer.parseInt(m.group(4))).isEqualTo(2);
    assertThat(result.summary()).contains("; CAVEAT: WireMock's own pool limited the service rate");
    assertThat(result.assessment().explanation())
        .contains("; CAVEAT: WireMock's own pool limited the service rate");
    assertThat(outcome.reports()).singleElement().asString().contains("CAVEAT: WireMock's own");
  }

  @Test
  void aDownstreamWithThreadsToSpare_addsNoCaveat() {
    Fixtures.Outcome outcome = Fixtures.run(Runs.class, "plentyOfThreadsForFourConsumers");

    assertThat(outcome.status()).isEqualTo(Status.SUCCESSFUL);
    assertThat(Runs.lastResult.get().caveats()).isEmpty();
    assertThat(Runs.lastResult.get().summary()).doesNotContain("CAVEAT");
  }

  @Test
  void aFaultTiedToAPhase_failsTheCallsOfThatPhase_andOnlyThose() {
    Fixtures.Outcome outcome = Fixtures.run(Runs.class, "resetsDuringTheStorm");

    assertThat(outcome.status()).isEqualTo(Status.SUCCESSFUL);
    OverloadResult result = Runs.lastResult.get();
    LedgerSnapshot books = result.books();
    DownstreamStats served = Runs.stats.get();
    // every call WireMock reset, and no other, is FAILED in the books
    assertThat(books.sent()).isEqualTo(240);
    assertThat(served.received()).isEqualTo(240);
    assertThat(books.failed()).isEqualTo(served.failedOnPurpose());
    assertThat(books.processed()).isEqualTo(240 - served.failedOnPurpose());
    assertThat(books.isBalanced()).as(books.describe()).isTrue();

    // the calls of the run, against its timeline: 'storm' entered (t0), resets on (t1), 'after'
    // entered (t2), resets off (t3). Calls made (started and ended) between t1 and t2 all failed,
    // calls made before t0 or after t3 all succeeded; those in flight while a switch was being
    // made may go either way.
    List<TraceEvent> phases = result.trace().events(TraceEvent.Kind.PHASE);
    List<TraceEvent> chaos =
        result.trace().events(TraceEvent.Kind.INJECTION).stream()
            .filter(e -> e.source().equals("chaos"))
            .toList();
    assertThat(phases).hasSize(3);
    assertThat(chaos).hasSize(2);
    long t0 = phases.get(1).nanoTime();
    long t1 = chaos.get(0).nanoTime();
    long t2 = phases.get(2).nanoTime();
    long t3 = chaos.get(1).nanoTime();
    assertThat(t0).isLessThanOrEqualTo(t1);
    assertThat(t1).isLessThan(t2);
    assertThat(t2).isLessThanOrEqualTo(t3);
    List<Call> calls = List.copyOf(Runs.calls);
    assertThat(calls).hasSize(240);
    List<Call> whileOn = calls.stream().filter(c -> c.start() > t1 && c.end() < t2).toList();
    List<Call> whileOff = calls.stream().filter(c -> c.end() < t0 || c.start() > t3).toList();
    assertThat(whileOn).allMatch(Call::failed);
    assertThat(whileOff).noneMatch(Call::failed);
    String timeline =
        String.format(
            "switched on %.1f ms into 'storm', off %.1f ms into 'after'; %d calls while on, %d"
                + " while off",
            (t1 - t0) / 1e6, (t3 - t2) / 1e6, whileOn.size(), whileOff.size());
    // the switch takes a moment, far less than the phase; both windows hold many calls
    assertThat(t1 - t0).as(timeline).isLessThan((t2 - t0) / 2);
    assertThat(whileOn.size()).as(timeline).isGreaterThan(20);
    assertThat(whileOff.size()).as(timeline).isGreaterThan(40);
    assertThat(served.failedOnPurpose())
        .as(timeline)
        .isBetween((long) whileOn.size(), 240L - whileOff.size());

    List<String> injections =
        result.trace().events(TraceEvent.Kind.INJECTION).stream()
            .map(e -> e.source() + ": " + e.detail())
            .toList();
    assertThat(injections)
        .containsSubsequence(
            "wiremock-downstream: fail: CONNECTION_RESET_BY_PEER",
            "chaos: on in 'storm': DownstreamChange[fail: CONNECTION_RESET_BY_PEER, open]",
            "wiremock-downstream: ended: fail: CONNECTION_RESET_BY_PEER",
            "chaos: off in 'after': DownstreamChange[fail: CONNECTION_RESET_BY_PEER, closed]");
  }

  /** A call to the downstream: when it started and ended, and whether it failed. */
  record Call(long start, long end, boolean failed) {}

  /** Calls the downstream for each message; a failed call throws, and the harness counts it. */
  private static void callFor(WireMockChaos downstream, Message message, Calls calls) {
    long start = System.nanoTime();
    try {
      calls.post();
      Runs.calls.add(new Call(start, System.nanoTime(), false));
    } catch (IOException e) {
      Runs.calls.add(new Call(start, System.nanoTime(), true));
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
  }

  @Fixture
  static class Runs {

    static final AtomicReference<OverloadResult> lastResult = new AtomicReference<>();
    static final AtomicReference<DownstreamStats> stats = new AtomicReference<>();
    static final java.util.Queue<Call> calls = new java.util.concurrent.ConcurrentLinkedQueue<>();

    /** Four consumer threads on one mailbox, each calling the 10 ms downstream: up to 400/s. */
    private static void fourConsumers(OverloadHarness harness, WireMockChaos downstream) {
      downstream.slow(Delay.fixed(Duration.ofMillis(10)));
      Calls calls = Calls.to(downstream);
      InstrumentedQueue<Message> mailbox = InstrumentedQueue.unbounded("mailbox");
      for (int i = 0; i < 4; i++) {
        harness.consume(mailbox, m -> callFor(downstream, m, calls));
      }
      harness.sendTo(Sender.offering(mailbox::offer));
    }

    @OverloadTest(grace = "2s")
    @ConstantLoad(rate = 250, duration = "600ms")
    @DrainsWithin("4s")
    @WireMockDownstream(requestThreads = 2)
    void twoThreadsForFourConsumers(OverloadHarness harness, WireMockChaos downstream) {
      fourConsumers(harness, downstream);
      lastResult.set(harness.run());
    }

    @OverloadTest(grace = "2s")
    @ConstantLoad(rate = 250, duration = "600ms")
    @DrainsWithin("4s")
    @WireMockDownstream(requestThreads = 32)
    void plentyOfThreadsForFourConsumers(OverloadHarness harness, WireMockChaos downstream) {
      fourConsumers(harness, downstream);
      lastResult.set(harness.run());
    }

    @OverloadTest(grace = "2s")
    @DrainsWithin("2s")
    @WireMockDownstream(requestThreads = 8)
    void resetsDuringTheStorm(OverloadHarness harness, WireMockChaos downstream) {
      Runs.calls.clear();
      Calls calls = Calls.to(downstream);
      InstrumentedQueue<Message> mailbox = InstrumentedQueue.unbounded("mailbox");
      harness
          .consume(mailbox, m -> callFor(downstream, m, calls))
          .sendTo(Sender.offering(mailbox::offer))
          .during("storm", () -> downstream.failing(Fault.CONNECTION_RESET_BY_PEER));
      Duration phase = Duration.ofMillis(400);
      lastResult.set(
          harness.run(
              LoadProfile.builder()
                  .named("calm")
                  .constant(200)
                  .perSecond()
                  .during(phase)
                  .named("storm")
                  .constant(200)
                  .perSecond()
                  .during(phase)
                  .named("after")
                  .constant(200)
                  .perSecond()
                  .during(phase)
                  .build()));
      stats.set(downstream.stats());
    }
  }
}
