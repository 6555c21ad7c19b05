package dev.spillway.toolkit.load;

import static java.time.Duration.ofMillis;
import static java.time.Duration.ofSeconds;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.awaitility.Awaitility.await;

import dev.spillway.toolkit.record.TraceEvent;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The driver in direct mode: pacing, counting, lateness, events, stopping. */
class LoadDriverTest {

  private static final LoadProfile TEN_K_FOR_200_MS =
      LoadProfile.builder().constant(10_000).perSecond().during(ofMillis(200)).build();

  @Test
  void shortProfile_sendsExactlyThePlannedMessages_inOrder_atOrAfterTheirIntendedTimes() {
    Recording target = new Recording();

    LoadReport report = LoadDriver.drive(TEN_K_FOR_200_MS).sendTo(target.sender()).run();

    assertThat(report.planned()).isEqualTo(2000);
    assertThat(report.sent()).isEqualTo(2000);
    assertThat(report.accepted()).isEqualTo(2000);
    assertThat(report.notSent()).isZero();
    assertThat(report.unfinished()).isZero();
    assertThat(report.ending()).isEqualTo(Ending.COMPLETED);
    assertThat(target.received).hasSize(2000);
    long firstIntended = target.received.get(0).message().intendedNanoTime();
    for (int i = 0; i < 2000; i++) {
      Recording.Received got = target.received.get(i);
      assertThat(got.message().sequence()).isEqualTo(i);
      assertThat(got.message().intendedNanoTime() - firstIntended)
          .isEqualTo(TEN_K_FOR_200_MS.intendedOffsetNanos(i));
      assertThat(got.receivedNanoTime()).isGreaterThanOrEqualTo(got.message().intendedNanoTime());
    }
    assertThat(report.lateness().count()).isEqualTo(2000);
    assertThat(report.latency().count()).isEqualTo(2000);
  }

  @Test
  void achievedRate_matchesTheIntendedRate_withinTheLatenessMeasuredInTheSameRun() {
    Recording target = new Recording();

    LoadReport report = LoadDriver.drive(TEN_K_FOR_200_MS).sendTo(target.sender()).run();

    PhaseReport phase = report.phases().get(0);
    long maxLateness = report.lateness().max().toNanos();
    long maxLatency = report.latency().max().toNanos();
    long slop = ofMillis(1).toNanos(); // histogram precision and clock reads
    // the target saw the messages spread over the planned span, stretched or shrunk at most by
    // how long after its intended time a message reached it (which its latency bounds)
    long plannedSpan = TEN_K_FOR_200_MS.intendedOffsetNanos(1999);
    long observedSpan =
        target.received.get(1999).receivedNanoTime() - target.received.get(0).receivedNanoTime();
    assertThat(observedSpan)
        .isBetween(plannedSpan - maxLatency - slop, plannedSpan + maxLatency + slop);
    // the report's achieved rate agrees: never above intended, below only by the lateness
    double lowest = 10_000 * 0.2e9 / (0.2e9 + maxLateness + slop);
    assertThat(phase.achievedRatePerSecond()).isBetween(lowest, 10_000.0);
    assertThat(phase.sentMessages()).isEqualTo(2000);
    assertThat(phase.measuredDuration()).isGreaterThanOrEqualTo(ofMillis(200));
    assertThat(report.achievedRatePerSecond())
        .isLessThanOrEqualTo(10_000.0)
        .isCloseTo(2000 * 1e9 / report.elapsed().toNanos(), within(1e-6));
  }

  @Test
  void aTargetThatBlocks50ms_makesTheMessagesBehindItLate_andTheReportFlagsBackPressure() {
    Duration block = ofMillis(50);
    Recording target = new Recording();
    Sender slowOnce =
        message -> {
          if (message.sequence() == 500) {
            Recording.blockFor(block);
          }
          return target.accept(message);
        };

    LoadReport report = LoadDriver.drive(TEN_K_FOR_200_MS).sendTo(slowOnce).run();

    assertThat(report.sent()).isEqualTo(2000);
    // message 501 was due 0.1 ms after 500 but could only start once 500 returned
    Recording.Received next = target.received.get(501);
    long nextLateness = next.receivedNanoTime() - next.message().intendedNanoTime();
    // and the target saw it no later than its send ended: within the latency the report measured
    // (both count from the intended time), however long a loaded machine made the run
    assertThat(nextLateness)
        .isGreaterThanOrEqualTo(block.toNanos() - 200_000)
        .isLessThanOrEqualTo(report.latency().max().toNanos());
    // a send starts before it ends: lateness never exceeds latency, message by message
    assertThat(report.lateness().max())
        .isGreaterThanOrEqualTo(ofMillis(49))
        .isLessThanOrEqualTo(report.latency().max());
    assertThat(report.latency().max()).isGreaterThanOrEqualTo(ofMillis(49));
    // messages 501..899 were due less than 40 ms after 500 started: each is > 10 ms late
    assertThat(report.backPressure())
        .hasValueSatisfying(
            pressure -> {
              assertThat(pressure.maxLateness()).isGreaterThanOrEqualTo(ofMillis(49));
              assertThat(pressure.latenessP99()).isGreaterThan(ofMillis(10));
              assertThat(pressure.messagesLate()).isGreaterThanOrEqualTo(399);
              // a phase is named as the slowest only when it really fell short of its rate
              // (whether the driver caught up within the phase depends on the machine)
              assertThat(pressure.slowestPhase().isPresent())
                  .isEqualTo(report.phases().get(0).fellShort());
            });
    PhaseReport phase = report.phases().get(0);
    assertThat(phase.callTime()).isGreaterThanOrEqualTo(block);
    assertThat(report.summary().lines().collect(Collectors.toList()).get(1))
        .startsWith("BACK-PRESSURE: the driver fell behind schedule: lateness p99");
  }

  @Test
  void oneStall_howeverLong_isAnIncident_notATargetThatHoldsItsCallers() {
    // 200/s: 5 ms between messages, so a quick send is held only if the machine stops the driver
    // inside it for 5 ms three sends in a row (at 10k/s, 0.1 ms apart, a loaded machine does that)
    LoadProfile profile =
        LoadProfile.builder().constant(200).perSecond().during(ofMillis(300)).build();
    Recording target = new Recording();
    Sender slowOnce =
        message -> {
          if (message.sequence() == 20) {
            Recording.blockFor(ofMillis(50));
          }
          return target.accept(message);
        };

    LoadReport report = LoadDriver.drive(profile).sendTo(slowOnce).run();

    // the 50 ms send is not counted as held (its time inside the target is)
    PhaseReport phase = report.phases().get(0);
    assertThat(phase.heldMessages()).isZero();
    assertThat(phase.callTime()).isGreaterThanOrEqualTo(ofMillis(50));
  }

  @Test
  void aTargetThatHoldsEverySend_holdsThemAll() {
    LoadProfile profile =
        LoadProfile.builder().constant(500).perSecond().during(ofMillis(200)).build(); // 2 ms gap
    LoadReport every =
        LoadDriver.drive(profile)
            .sendTo(
                message -> {
                  Recording.blockFor(ofMillis(3));
                  return Outcome.ACCEPTED;
                })
            .run();

    // every send but the last lasted more than the gap (a busy machine only makes them longer):
    // all but the last are held (the last has no next message to have held up). That a slow send
    // between two quick ones never makes a run is SendStatsTest's: end to end, a machine that
    // preempts a quick send for a whole gap would make it one, and the test would be a bet on the
    // machine
    assertThat(every.phases().get(0).heldMessages()).isEqualTo(every.sent() - 1);
  }

  @Test
  void aFastTarget_isNotFlagged_whenTheThresholdIsFarAboveTheNoise() {
    LoadReport report =
        LoadDriver.drive(TEN_K_FOR_200_MS)
            .lateThreshold(ofSeconds(2))
            .sendTo(message -> Outcome.ACCEPTED)
            .run();

    assertThat(report.backPressure()).isEmpty();
    assertThat(report.fellBehind()).isFalse();
    // a target that returns at once holds (next to) nothing up, however late the driver itself
    // wakes: only a send that stays in the target for a whole gap holds (a pause of the JVM or the
    // machine that lands inside one); far below the default push-back share of 5 %
    assertThat(report.phases()).allSatisfy(p -> assertThat(p.heldShare()).isLessThan(0.01));
    assertThat(report.summary())
        .contains("on schedule: lateness p99")
        .doesNotContain("BACK-PRESSURE");
  }

  @Test
  void phaseEvents_areReportedInOrder_whenEachPhaseStarts_beforeItsFirstMessage() {
    LoadProfile profile =
        LoadProfile.builder()
            .constant(2000)
            .perSecond()
            .during(ofMillis(50))
            .pause(ofMillis(30))
            .burst(10)
            .named("climb")
            .ramp(1000)
            .to(2000)
            .perSecond()
            .during(ofMillis(50))
            .build();
    Recording target = new Recording();

    LoadDriver.drive(profile)
        .named("orders")
        .events(target.eventSink())
        .sendTo(target.sender())
        .run();

    List<TraceEvent> events = target.events;
    assertThat(events).hasSize(4);
    assertThat(events).extracting(TraceEvent::kind).containsOnly(TraceEvent.Kind.PHASE);
    assertThat(events).extracting(TraceEvent::source).containsOnly("orders");
    assertThat(events.get(0).detail())
        .startsWith("phase 1/4 'constant 2000/s for 50 ms' started: 100 messages");
    assertThat(events.get(1).detail()).startsWith("phase 2/4 'pause for 30 ms' started");
    assertThat(events.get(2).detail()).startsWith("phase 3/4 'burst of 10' started");
    assertThat(events.get(3).detail()).startsWith("phase 4/4 'climb' started");
    // each event waits for its phase's planned start (message 0 is due at the load's start)
    long start = target.received.get(0).message().intendedNanoTime();
    for (int k = 0; k < 4; k++) {
      assertThat(events.get(k).nanoTime() - start)
          .as("event of phase %d", k)
          .isGreaterThanOrEqualTo(profile.phases().get(k).startOffsetNanos());
    }
    // and comes after the last message of the previous phase, before the first of its own
    List<String> log = target.log;
    assertThat(
            log.indexOf(
                log.stream().filter(s -> s.startsWith("ephase 2/4")).findFirst().orElseThrow()))
        .isEqualTo(log.indexOf("m99") + 1);
    assertThat(log.indexOf("m100"))
        .isEqualTo(log.indexOf("m99") + 3); // pause, burst events between
    assertThat(log.get(log.indexOf("m109") + 1)).startsWith("ephase 4/4 'climb'");
  }

  @Test
  void aProfileOfOnlyAPause_sendsNothing_butLastsItsPlannedDuration() {
    LoadProfile quiet = LoadProfile.builder().pause(ofMillis(50)).build();
    Recording target = new Recording();

    LoadReport report =
        LoadDriver.drive(quiet).events(target.eventSink()).sendTo(target.sender()).run();

    assertThat(report.planned()).isZero();
    assertThat(report.ending()).isEqualTo(Ending.COMPLETED);
    assertThat(report.elapsed()).isGreaterThanOrEqualTo(ofMillis(50));
    assertThat(target.events).hasSize(1);
    assertThat(report.phases().get(0).describe())
        .isEqualTo("phase 1 'pause for 50 ms': pause of 50 ms");
  }

  @Test
  void aFinishedRun_leavesNoThreadBehind() {
    LoadProfile profile = LoadProfile.builder().burst(50).build();

    LoadDriver.drive(profile).named("tidy").sendWithPool(4, m -> Outcome.ACCEPTED).run();

    await()
        .atMost(ofSeconds(5))
        .until(
            () ->
                Thread.getAllStackTraces().keySet().stream()
                    .noneMatch(
                        thread ->
                            thread.getName().contains("spillway-load")
                                && thread.getName().contains("tidy")));
  }

  @Test
  void messages_carryKeysFromTheDistributionAndSeed() {
    KeyDistribution keys = KeyDistribution.zipf(20, 1.0);
    Recording target = new Recording();
    LoadProfile profile = LoadProfile.builder().burst(300).build();

    LoadDriver.drive(profile).keys(keys, 99).sendTo(target.sender()).run();

    assertThat(target.received).hasSize(300);
    for (Recording.Received got : target.received) {
      assertThat(got.message().key()).isEqualTo(keys.key(99, got.message().sequence()));
    }
    assertThat(target.received.stream().map(r -> r.message().key()).distinct().count())
        .isGreaterThan(5);
  }

  @Test
  void outcomes_areCounted_asAcceptedRejectedOrFailed() {
    LoadProfile profile = LoadProfile.builder().burst(100).build();
    Sender mixed =
        message -> {
          long s = message.sequence();
          if (s % 10 == 0) {
            throw new IllegalStateException("boom");
          }
          if (s % 10 == 1) {
            return null;
          }
          return s % 2 == 0 ? Outcome.REJECTED : Outcome.ACCEPTED;
        };

    LoadReport report = LoadDriver.drive(profile).sendTo(mixed).run();

    assertThat(report.failed()).isEqualTo(20);
    assertThat(report.rejected()).isEqualTo(40); // 2, 4, 6, 8 of each ten
    assertThat(report.accepted()).isEqualTo(40); // 3, 5, 7, 9 of each ten
    assertThat(report.ending()).isEqualTo(Ending.COMPLETED);
    assertThat(report.latency().count()).isEqualTo(100);
  }

  @Test
  void interruptingTheThreadInRun_stopsTheLoad_returnsTheReport_andKeepsTheInterruptFlag()
      throws Exception {
    LoadProfile tenSeconds =
        LoadProfile.builder().constant(1000).perSecond().during(ofSeconds(10)).build();
    Recording target = new Recording();
    CompletableFuture<LoadReport> result = new CompletableFuture<>();
    AtomicBoolean flagKept = new AtomicBoolean();
    Thread runner =
        new Thread(
            () -> {
              LoadReport report =
                  LoadDriver.drive(tenSeconds)
                      .lateThreshold(ofSeconds(5)) // only the stop may count here
                      .sendTo(target.sender())
                      .run();
              flagKept.set(Thread.currentThread().isInterrupted());
              result.complete(report);
            });
    runner.start();
    await().atMost(ofSeconds(5)).until(() -> target.received.size() >= 50);

    runner.interrupt();
    LoadReport report = result.get(5, java.util.concurrent.TimeUnit.SECONDS);

    assertThat(flagKept).isTrue();
    assertThat(report.ending()).isEqualTo(Ending.STOPPED);
    assertThat(report.endingDetail()).isEqualTo("the thread running run() was interrupted");
    assertThat(report.sent()).isGreaterThanOrEqualTo(50).isLessThan(10_000);
    assertThat(report.notSent()).isEqualTo(10_000 - report.sent());
    assertThat(report.elapsed()).isLessThan(ofSeconds(9));
    assertThat(report.backPressure()).isEmpty(); // stopping is not falling behind
    assertThat(report.summary()).contains("STOPPED", "interrupted");
  }

  @Test
  void aSendThatThrowsInterruptedException_stopsTheRun_andCountsAsUnfinished() {
    Sender interrupted =
        message -> {
          if (message.sequence() == 5) {
            throw new InterruptedException("shutting down");
          }
          return Outcome.ACCEPTED;
        };

    LoadReport report = LoadDriver.drive(TEN_K_FOR_200_MS).named("irq").sendTo(interrupted).run();

    assertThat(report.ending()).isEqualTo(Ending.STOPPED);
    assertThat(report.endingDetail()).isEqualTo("a send was interrupted (spillway-load-irq)");
    assertThat(report.sent()).isEqualTo(6);
    assertThat(report.accepted()).isEqualTo(5);
    assertThat(report.unfinished()).isEqualTo(1);
    assertThat(report.notSent()).isEqualTo(1994);
  }

  @Test
  void stop_onAStartedRun_endsItEarly_withTheUnsentMessagesReported() throws Exception {
    LoadProfile tenSeconds =
        LoadProfile.builder().constant(1000).perSecond().during(ofSeconds(10)).build();
    Recording target = new Recording();

    RunningLoad running =
        LoadDriver.drive(tenSeconds).named("stoppable").sendTo(target.sender()).start();
    await().atMost(ofSeconds(5)).until(() -> target.received.size() >= 20);
    running.stop();
    LoadReport report = running.awaitReport(ofSeconds(5));

    assertThat(running.isDone()).isTrue();
    assertThat(report.ending()).isEqualTo(Ending.STOPPED);
    assertThat(report.endingDetail()).isEqualTo("stopped by stop()");
    assertThat(report.sent()).isEqualTo(target.received.size());
    assertThat(report.sent() + report.notSent()).isEqualTo(10_000);
    running.close(); // idempotent after the end
  }

  @Test
  void close_stopsARunningLoad() {
    LoadProfile tenSeconds =
        LoadProfile.builder().constant(100).perSecond().during(ofSeconds(10)).build();
    Recording target = new Recording();
    RunningLoad closed;

    try (RunningLoad running = LoadDriver.drive(tenSeconds).sendTo(target.sender()).start()) {
      await().atMost(ofSeconds(5)).until(() -> target.received.size() >= 2);
      assertThat(running.isDone()).isFalse();
      closed = running;
    }

    assertThat(closed.isDone()).isTrue();
    int sentAtClose = target.received.size();
    await()
        .during(ofMillis(100))
        .atMost(ofSeconds(1))
        .until(() -> target.received.size() == sentAtClose);
  }

  @Test
  void awaitReport_timesOut_whileTheRunGoesOn() {
    // the first send waits for the test: the run cannot end before the test lets it, however late
    // a loaded machine runs the test thread (a paced run of 1 s could have ended meanwhile)
    CountDownLatch held = new CountDownLatch(1);
    LoadProfile profile = LoadProfile.builder().burst(3).build();
    Sender waitsForTheTest =
        message -> {
          held.await();
          return Outcome.ACCEPTED;
        };

    try (RunningLoad running = LoadDriver.drive(profile).sendTo(waitsForTheTest).start()) {
      org.assertj.core.api.Assertions.assertThatThrownBy(() -> running.awaitReport(ofMillis(10)))
          .isInstanceOf(java.util.concurrent.TimeoutException.class);
      assertThat(running.isDone()).isFalse();
    } finally {
      held.countDown();
    }
  }

  @Test
  void aFailingEventSink_failsTheRun_withItsCause() {
    LoadProfile profile = LoadProfile.builder().burst(10).build();

    org.assertj.core.api.Assertions.assertThatThrownBy(
            () ->
                LoadDriver.drive(profile)
                    .named("broken")
                    .events(
                        event -> {
                          throw new IllegalStateException("sink down");
                        })
                    .sendTo(m -> Outcome.ACCEPTED)
                    .run())
        .isInstanceOf(IllegalStateException.class)
        .hasMessageStartingWith("load driver 'broken' failed")
        .hasRootCauseMessage("sink down");
  }
}
