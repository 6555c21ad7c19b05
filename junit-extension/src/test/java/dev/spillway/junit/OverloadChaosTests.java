package dev.spillway.junit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.spillway.toolkit.load.LoadProfile;
import dev.spillway.toolkit.load.Message;
import dev.spillway.toolkit.load.Sender;
import dev.spillway.toolkit.record.InstrumentedQueue;
import dev.spillway.toolkit.record.QueueTrace;
import dev.spillway.toolkit.record.TraceEvent;
import java.time.Duration;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.platform.engine.TestExecutionResult.Status;

/**
 * Chaos tied to the phases of the load ({@link OverloadHarness#during}): a switch that a consumer
 * reads shows which messages were handled while the chaos was on, and the trace shows when it was
 * switched. Counts are compared with what the profile planned for the phase, never wall-clock.
 */
class OverloadChaosTests {

  @BeforeEach
  @AfterEach
  void reset() {
    Switch.reset();
  }

  @AfterEach
  void noThreadOfOursOutlivesTheFixture() {
    assertThat(Fixtures.spillwayThreads()).isEmpty();
  }

  @Test
  void aStepTiedToAPhase_isOnExactlyForThatPhase() {
    Fixtures.Outcome outcome = Fixtures.run(Phases.class, "middlePhase");

    assertThat(outcome.status()).isEqualTo(Status.SUCCESSFUL);
    assertThat(Switch.opened.get()).isEqualTo(1);
    assertThat(Switch.closed.get()).isEqualTo(1);
    // every message the consumer handled saw the switch as the trace says it was at that moment
    assertThat(Switch.handledWhileOn.get() + Switch.handledWhileOff.get()).isEqualTo(240);
    Switch.assertEachMessageSawTheSwitchAsTheTraceSays(Phases.lastResult.get());

    QueueTrace trace = Phases.lastResult.get().trace();
    List<TraceEvent> phases = trace.events(TraceEvent.Kind.PHASE);
    assertThat(phases).hasSize(3);
    List<TraceEvent> chaos = chaosEvents(trace);
    assertThat(chaos)
        .extracting(TraceEvent::detail)
        .containsExactly("on in 'storm': switch", "off in 'after': switch");
    // on after 'storm' started and before 'after' started; off once 'after' started
    assertThat(chaos.get(0).nanoTime())
        .isGreaterThanOrEqualTo(phases.get(1).nanoTime())
        .isLessThan(phases.get(2).nanoTime());
    assertThat(chaos.get(1).nanoTime()).isGreaterThanOrEqualTo(phases.get(2).nanoTime());
  }

  @Test
  void aNameSelectingSeveralPhases_staysOnAcrossNeighbours_andOpensAgainAfterAGap() {
    Fixtures.Outcome outcome = Fixtures.run(Phases.class, "twoStorms");

    assertThat(outcome.status()).isEqualTo(Status.SUCCESSFUL);
    // 'storm one' and 'storm two' are apart: opened twice; 'storm two' runs to the end of the load
    assertThat(Switch.opened.get()).isEqualTo(2);
    assertThat(Switch.closed.get()).isEqualTo(2);
    assertThat(chaosEvents(Phases.lastResult.get().trace()))
        .extracting(TraceEvent::detail)
        .containsExactly(
            "on in 'storm one': switch",
            "off in 'calm': switch",
            "on in 'storm two': switch",
            "off at the end of the load: switch");
    // on through 'storm one', off through 'calm', on again through 'storm two'
    Switch.assertEachMessageSawTheSwitchAsTheTraceSays(Phases.lastResult.get());
  }

  @Test
  void theDeclaredSpike_isSelectedByThePartsName() {
    Fixtures.Outcome outcome = Fixtures.run(Phases.class, "declaredSpike");

    assertThat(outcome.status()).isEqualTo(Status.SUCCESSFUL);
    assertThat(Switch.opened.get()).isEqualTo(1);
    // on through the peak, off through the base and the recovery
    assertThat(Switch.handledWhileOn.get() + Switch.handledWhileOff.get()).isEqualTo(150);
    Switch.assertEachMessageSawTheSwitchAsTheTraceSays(Phases.lastResult.get());
    assertThat(chaosEvents(Phases.lastResult.get().trace()))
        .extracting(TraceEvent::detail)
        .containsExactly(
            "on in 'spike peak 300/s for 300 ms': switch",
            "off in 'spike recovery 100/s for 300 ms': switch");
  }

  @Test
  void aNameThatSelectsNoPhase_failsBeforeAnythingStarts_listingThePhases() {
    Fixtures.Outcome outcome = Fixtures.run(Phases.class, "unknownPhase");

    assertThat(outcome.failure()).containsInstanceOf(ExtensionConfigurationException.class);
    assertThat(outcome.message())
        .isEqualTo(
            "harness.during(\"peak\", ...) names no phase of the load; its phases are 'spike base"
                + " 100/s for 300 ms', 'spike peak 300/s for 300 ms', 'spike recovery 100/s for"
                + " 300 ms' (a name selects the phases it names in full or by their first words:"
                + " \"spike base\" selects 'spike base 100/s for 300 ms')");
    assertThat(Switch.opened.get()).isZero();
    assertThat(outcome.reports()).isEmpty();
  }

  @Test
  void aBreachedBound_stopsTheLoad_andTheOpenStepIsClosed() {
    Fixtures.Outcome outcome = Fixtures.run(Phases.class, "breachWhileOn");

    assertThat(outcome.message()).startsWith("@QueueBound(max = 20) breached");
    assertThat(Switch.opened.get()).isEqualTo(1);
    assertThat(Switch.closed.get()).isEqualTo(1);
    assertThat(chaosEvents(Phases.lastResult.get().trace()))
        .extracting(TraceEvent::detail)
        .containsExactly("on in 'storm': switch", "off at the end of the load: switch");
  }

  @Test
  void aStepThatCannotOpen_stopsTheLoad_andFailsTheRunNamingIt() {
    Fixtures.Outcome outcome = Fixtures.run(Phases.class, "stepThrows");

    assertThat(outcome.message())
        .startsWith(
            "harness.during(\"storm\", ...) failed to switch on in 'storm':"
                + " java.lang.IllegalStateException: no chaos today; the load was stopped");
    // the load stopped soon after 'storm' began: far fewer than the 240 planned were sent
    assertThat(Phases.lastResult.get().load().sent()).isLessThan(160);
    assertThat(Switch.closed.get()).as("the step that did open is closed").isEqualTo(1);
  }

  @Test
  void aStepThatCannotClose_failsTheRunAfterTheLoad() {
    Fixtures.Outcome outcome = Fixtures.run(Phases.class, "closeThrows");

    assertThat(outcome.message())
        .startsWith(
            "harness.during(\"storm\", ...) failed to switch off: java.io.IOException: stuck");
    assertThat(Phases.lastResult.get().load().sent()).isEqualTo(240);
  }

  @Test
  void misuse_isRejectedWithAMessage() {
    assertThat(Fixtures.run(Phases.class, "duringWithoutLoad").message())
        .isEqualTo(
            "test 'duringWithoutLoad' ties chaos to phases of the load with"
                + " harness.during(\"storm\", ...), but no load ran: declare @SpikeLoad,"
                + " @ConstantLoad or @RampLoad, or call harness.run(profile) in the body");
    assertThat(Fixtures.run(Phases.class, "duringAfterRun").message())
        .isEqualTo(
            "during(...) configures the harness, which must happen before run(); the run has"
                + " started");
    assertThat(Fixtures.run(Phases.class, "badArguments").status()).isEqualTo(Status.SUCCESSFUL);
  }

  private static List<TraceEvent> chaosEvents(QueueTrace trace) {
    return trace.events(TraceEvent.Kind.INJECTION).stream()
        .filter(e -> e.source().equals("chaos"))
        .toList();
  }

  /** A piece of chaos a consumer can see: on or off, and how often it was switched. */
  static final class Switch implements AutoCloseable {
    static final AtomicBoolean on = new AtomicBoolean();
    static final AtomicInteger opened = new AtomicInteger();
    static final AtomicInteger closed = new AtomicInteger();
    static final AtomicInteger handledWhileOn = new AtomicInteger();
    static final AtomicInteger handledWhileOff = new AtomicInteger();

    /** Each handled message: {nanoTime before reading the switch, after, 1 if on}. */
    static final Queue<long[]> handled = new ConcurrentLinkedQueue<>();

    static void reset() {
      on.set(false);
      opened.set(0);
      closed.set(0);
      handledWhileOn.set(0);
      handledWhileOff.set(0);
      handled.clear();
    }

    /**
     * Checks every handled message against the run's trace: the switch is flipped on after its
     * phase is entered (PHASE event) and before its "on" event is recorded, and off after the next
     * phase is entered (or the load ended) and before its "off" event. A message that read the
     * switch strictly after an "on" event and before the next phase began must have seen it on; one
     * that read it outside every [phase entered, "off" event] span must have seen it off; the few
     * read while a flip was under way may have seen either. Each span must hold messages seen on,
     * and there must be messages seen off, so that the check cannot pass vacuously.
     */
    static void assertEachMessageSawTheSwitchAsTheTraceSays(OverloadResult result) {
      QueueTrace trace = result.trace();
      List<Long> phaseStarts =
          trace.events(TraceEvent.Kind.PHASE).stream().map(TraceEvent::nanoTime).toList();
      long loadEnd = trace.startNanos() + result.loadEnd().toNanos();
      List<TraceEvent> switches = chaosEvents(trace);
      assertThat(switches.size() % 2).as("switched on and off in pairs").isZero();
      long certainOff = 0;
      long[] certainOn = new long[switches.size() / 2];
      for (long[] m : handled) {
        long before = m[0];
        long after = m[1];
        boolean sawOn = m[2] == 1;
        boolean maybeOn = false;
        for (int i = 0; i < switches.size(); i += 2) {
          long onEvent = switches.get(i).nanoTime();
          long offEvent = switches.get(i + 1).nanoTime();
          long entered = latestBefore(phaseStarts, onEvent);
          long offNoSooner = Math.min(latestBefore(phaseStarts, offEvent), loadEnd);
          if (offNoSooner < onEvent) {
            offNoSooner = loadEnd; // switched off at the end of the load
          }
          if (before > onEvent && after < offNoSooner) {
            assertThat(sawOn)
                .as("a message read at %d, inside switch span %d", before, i / 2)
                .isTrue();
            certainOn[i / 2]++;
          }
          maybeOn |= after >= entered && before <= offEvent;
        }
        if (!maybeOn) {
          assertThat(sawOn).as("a message read at %d, outside every switch span", before).isFalse();
          certainOff++;
        }
      }
      assertThat(java.util.Arrays.stream(certainOn).min().orElse(0))
          .as("the fewest messages seen on in a span")
          .isPositive();
      assertThat(certainOff).as("messages seen off").isPositive();
    }

    private static long latestBefore(List<Long> times, long t) {
      long latest = Long.MIN_VALUE;
      for (long time : times) {
        if (time - t <= 0 && (latest == Long.MIN_VALUE || time - latest > 0)) {
          latest = time;
        }
      }
      return latest;
    }

    static Switch flip() {
      on.set(true);
      opened.incrementAndGet();
      return new Switch();
    }

    static void handle(Message message) {
      long before = System.nanoTime();
      boolean seen = on.get();
      long after = System.nanoTime();
      (seen ? handledWhileOn : handledWhileOff).incrementAndGet();
      handled.add(new long[] {before, after, seen ? 1 : 0});
    }

    @Override
    public void close() {
      on.set(false);
      closed.incrementAndGet();
    }

    @Override
    public String toString() {
      return "switch";
    }
  }

  @Fixture
  static class Phases {

    static final AtomicReference<OverloadResult> lastResult = new AtomicReference<>();

    private static void target(OverloadHarness harness) {
      InstrumentedQueue<Message> mailbox = InstrumentedQueue.unbounded("mailbox");
      harness.consume(mailbox, Switch::handle).sendTo(Sender.offering(mailbox::offer));
    }

    private static LoadProfile calmStormAfter() {
      Duration phase = Duration.ofMillis(400);
      return LoadProfile.builder()
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
          .build();
    }

    private static void runAndKeep(OverloadHarness harness, LoadProfile profile) {
      try {
        lastResult.set(harness.run(profile));
      } finally {
        harness.result().ifPresent(lastResult::set);
      }
    }

    @OverloadTest(grace = "2s")
    void middlePhase(OverloadHarness harness) {
      target(harness);
      harness.during("storm", Switch::flip);
      runAndKeep(harness, calmStormAfter());
    }

    @OverloadTest(grace = "2s")
    void twoStorms(OverloadHarness harness) {
      target(harness);
      harness.during("storm", Switch::flip);
      Duration phase = Duration.ofMillis(300);
      runAndKeep(
          harness,
          LoadProfile.builder()
              .named("storm one")
              .constant(200)
              .perSecond()
              .during(phase)
              .named("calm")
              .constant(200)
              .perSecond()
              .during(phase)
              .named("storm two")
              .constant(200)
              .perSecond()
              .during(phase)
              .build());
    }

    @OverloadTest(grace = "2s")
    @SpikeLoad(base = 100, peak = 300, at = "300ms", hold = "300ms", duration = "900ms")
    void declaredSpike(OverloadHarness harness) {
      target(harness);
      harness.during("spike peak", Switch::flip);
      lastResult.set(harness.run());
    }

    @OverloadTest(grace = "2s")
    @SpikeLoad(base = 100, peak = 300, at = "300ms", hold = "300ms", duration = "900ms")
    void unknownPhase(OverloadHarness harness) {
      target(harness);
      harness.during("peak", Switch::flip);
    }

    @OverloadTest(grace = "2s")
    @QueueBound(max = 20)
    @AllowSilentLoss("the load is stopped by the bound")
    void breachWhileOn(OverloadHarness harness) {
      InstrumentedQueue<Message> mailbox = InstrumentedQueue.unbounded("mailbox");
      harness.watch(mailbox).sendTo(Sender.offering(mailbox::offer)); // nothing consumes
      harness.during("storm", Switch::flip);
      runAndKeep(
          harness,
          LoadProfile.builder()
              .named("storm")
              .constant(200)
              .perSecond()
              .during(Duration.ofSeconds(1))
              .build());
    }

    @OverloadTest(grace = "2s")
    void stepThrows(OverloadHarness harness) {
      target(harness);
      harness.during("calm", Switch::flip);
      harness.during(
          "storm",
          () -> {
            throw new IllegalStateException("no chaos today");
          });
      runAndKeep(harness, calmStormAfter());
    }

    @OverloadTest(grace = "2s")
    void closeThrows(OverloadHarness harness) {
      target(harness);
      harness.during(
          "storm",
          () ->
              () -> {
                throw new java.io.IOException("stuck");
              });
      runAndKeep(harness, calmStormAfter());
    }

    @OverloadTest(grace = "2s")
    void duringWithoutLoad(OverloadHarness harness) {
      target(harness);
      harness.during("storm", Switch::flip);
    }

    @OverloadTest(grace = "2s")
    @ConstantLoad(rate = 100, duration = "100ms")
    void duringAfterRun(OverloadHarness harness) {
      target(harness);
      harness.run();
      harness.during("storm", Switch::flip);
    }

    @OverloadTest(grace = "2s")
    void badArguments(OverloadHarness harness) {
      assertThatThrownBy(() -> harness.during(" ", Switch::flip))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessage("phase name must not be blank, but was ' '");
      assertThatThrownBy(() -> harness.during("storm", null))
          .hasMessage("chaos step must not be null");
      assertThatThrownBy(() -> harness.caveat(null)).hasMessage("caveat must not be null");
    }
  }
}
