package dev.spillway.toolkit.load;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.HdrHistogram.Histogram;

/** Turns what a run's threads measured into a {@link LoadReport}. */
final class ReportAssembler {

  private ReportAssembler() {}

  /**
   * Makes the report of {@code run} at {@code end} (a nanoTime). Safe while sender threads still
   * run: outcomes are read before sends, so that a send counted as finished is always counted as
   * sent.
   */
  static LoadReport assemble(DriverRun run, Engine engine, long end, int stuckThreads) {
    DriverSettings settings = run.settings();
    LoadProfile profile = run.profile();
    List<SendStats> stats = engine.stats();
    AsyncOutcomes async = engine.async();

    long accepted = async == null ? 0 : async.accepted();
    long rejected = async == null ? 0 : async.rejected();
    long failed = async == null ? 0 : async.failed();
    for (SendStats own : stats) {
      accepted += own.accepted();
      rejected += own.rejected();
      failed += own.failed();
    }
    long sent = 0;
    long late = 0;
    long afterPhaseEnd = 0;
    Histogram lateness = new Histogram(Percentiles.SIGNIFICANT_DIGITS);
    Histogram latency = new Histogram(Percentiles.SIGNIFICANT_DIGITS);
    for (SendStats own : stats) {
      sent += own.sent();
      late += own.late();
      afterPhaseEnd += own.afterPhaseEnd();
      lateness.add(own.takeLateness());
      latency.add(own.takeLatency());
    }
    if (async != null) {
      latency.add(async.takeLatency());
    }
    long finished = accepted + rejected + failed;
    sent = Math.max(sent, finished);
    long unfinished = sent - finished;
    long notSent = profile.plannedMessages() - sent;

    DriverRun.Halt halt = run.haltState();
    Ending ending;
    String detail;
    if (notSent == 0 && unfinished == 0) {
      ending = Ending.COMPLETED;
      detail = "all " + Format.count(sent) + " messages sent and finished";
    } else if (halt != null) {
      ending = halt.ending();
      detail = halt.detail();
    } else {
      ending = Ending.STOPPED;
      detail = "the driver ended before the profile did";
    }

    long t0 = run.t0();
    long cutoff = halt != null && halt.nanoTime() - end < 0 ? halt.nanoTime() : end;
    List<PhaseReport> phases = new ArrayList<>();
    for (LoadPhase phase : profile.phases()) {
      phases.add(phaseReport(phase, stats, t0, cutoff));
    }
    Percentiles latenessSummary = Percentiles.of(lateness);
    long maxWaiting = engine.maxWaitingForSender();
    return new LoadReport(
        settings.name(),
        settings.mode(),
        settings.mode() == SendMode.POOL ? settings.senderThreads() : 0,
        profile.plannedMessages(),
        sent,
        accepted,
        rejected,
        failed,
        unfinished,
        notSent,
        ending,
        detail,
        profile.plannedDuration(),
        Duration.ofNanos(Math.max(0, end - t0)),
        phases,
        latenessSummary,
        Percentiles.of(latency),
        maxWaiting,
        stuckThreads,
        BackPressureRule.evaluate(
            settings.lateThreshold(),
            latenessSummary,
            late,
            afterPhaseEnd,
            ending,
            notSent,
            unfinished,
            maxWaiting,
            phases));
  }

  /**
   * The phase's measured duration runs from its planned start to the later of its planned end (cut
   * at {@code cutoff}, when the run stopped) and its last send.
   */
  static PhaseReport phaseReport(LoadPhase phase, List<SendStats> stats, long t0, long cutoff) {
    int index = phase.index();
    long sent = 0;
    long lastSend = Long.MIN_VALUE;
    long maxLateness = 0;
    long held = 0;
    long callNanos = 0;
    for (SendStats own : stats) {
      long count = own.phaseSent(index);
      held += own.phaseHeld(index);
      callNanos += own.phaseCallNanos(index);
      if (count > 0) {
        sent += count;
        long last = own.phaseLastSend(index);
        lastSend = lastSend == Long.MIN_VALUE || last - lastSend > 0 ? last : lastSend;
        maxLateness = Math.max(maxLateness, own.phaseMaxLateness(index));
      }
    }
    sent = Math.min(sent, phase.plannedMessages());
    long start = t0 + phase.startOffsetNanos();
    long plannedEnd = t0 + phase.endOffsetNanos();
    long end = plannedEnd - cutoff <= 0 ? plannedEnd : cutoff;
    if (sent > 0 && lastSend - end > 0) {
      end = lastSend;
    }
    long measured = Math.max(0, end - start);
    double achieved;
    if (sent == 0) {
      achieved = 0;
    } else if (measured == 0) {
      achieved = Double.POSITIVE_INFINITY;
    } else {
      achieved = sent * 1e9 / measured;
    }
    return new PhaseReport(
        index,
        phase.name(),
        phase.kind(),
        phase.plannedMessages(),
        sent,
        phase.expectedRatePerSecond(),
        achieved,
        phase.duration(),
        Duration.ofNanos(measured),
        Duration.ofNanos(maxLateness),
        Math.min(held, sent),
        Duration.ofNanos(callNanos));
  }
}
