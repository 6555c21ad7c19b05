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
    // 200/s for 400 ms in each phase: 80 messages were sent in 'storm', 160 around it; a message
    // is handled within a millisecond or two of its send, so only the few at the edges may swap
    assertThat(Switch.handledWhileOn.get()).isBetween(72, 88);
    assertThat(Switch.handledWhileOff.get()).isBetween(152, 168);
    assertThat(Switch.handledWhileOn.get() + Switch.handledWhileOff.get()).isEqualTo(240);

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
    // 'storm one' 60 + 'storm two' 60 messages on, 'calm' 60 off
    assertThat(Switch.handledWhileOn.get()).isBetween(112, 128);
  }

  @Test
  void theDeclaredSpike_isSelectedByThePartsName() {
    Fixtures.Outcome outcome = Fixtures.run(Phases.class, "declaredSpike");

    assertThat(outcome.status()).isEqualTo(Status.SUCCESSFUL);
    assertThat(Switch.opened.get()).isEqualTo(1);
    // the peak: 300/s for 300 ms = 90 messages; base and recovery: 100/s for 600 ms = 60
    assertThat(Switch.handledWhileOn.get()).isBetween(82, 98);
    assertThat(Switch.handledWhileOff.get()).isBetween(52, 68);
    assertThat(chaosEvents(Phases.lastResult.get().trace()))
        .extracting(TraceEvent::detail)
        .containsExactly(
            "on in 'spike peak 300/s for 300ms': switch",
            "off in 'spike recovery 100/s for 300ms': switch");
  }

  @Test
  void aNameThatSelectsNoPhase_failsBeforeAnythingStarts_listingThePhases() {
    Fixtures.Outcome outcome = Fixtures.run(Phases.class, "unknownPhase");

    assertThat(outcome.failure()).containsInstanceOf(ExtensionConfigurationException.class);
    assertThat(outcome.message())
        .isEqualTo(
            "harness.during(\"peak\", ...) names no phase of the load; its phases are 'spike base"
                + " 100/s for 300ms', 'spike peak 300/s for 300ms', 'spike recovery 100/s for"
                + " 300ms' (a name selects the phases it names in full or by their first words:"
                + " \"spike base\" selects 'spike base 100/s for 300ms')");
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

    static void reset() {
      on.set(false);
      opened.set(0);
      closed.set(0);
      handledWhileOn.set(0);
      handledWhileOff.set(0);
    }

    static Switch flip() {
      on.set(true);
      opened.incrementAndGet();
      return new Switch();
    }

    static void handle(Message message) {
      (on.get() ? handledWhileOn : handledWhileOff).incrementAndGet();
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
