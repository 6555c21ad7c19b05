package dev.spillway.toolkit.load;

import static java.time.Duration.ZERO;
import static java.time.Duration.ofMillis;
import static java.time.Duration.ofSeconds;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The back-pressure rule and the report's accounting and wording, from synthetic numbers. */
class LoadReportTest {

  private static final Duration THRESHOLD = ofMillis(10);

  private static Percentiles lateness(Duration p99, Duration max) {
    return new Percentiles(1000, ofMillis(0), ofMillis(0), p99, max, max);
  }

  private static PhaseReport phase(int index, double intended, double achieved) {
    return new PhaseReport(
        index,
        "phase-" + index,
        PhaseKind.CONSTANT,
        100,
        100,
        intended,
        achieved,
        ofSeconds(1),
        ofSeconds(1),
        ZERO,
        0,
        ZERO);
  }

  private static Optional<BackPressure> evaluate(
      Duration p99, long afterEnd, Ending ending, long notSent, long unfinished) {
    return BackPressureRule.evaluate(
        THRESHOLD,
        lateness(p99, p99),
        0,
        afterEnd,
        ending,
        notSent,
        unfinished,
        0,
        List.of(phase(0, 100, 90)));
  }

  @Test
  void onSchedule_noBackPressure() {
    assertThat(evaluate(ofMillis(10), 0, Ending.COMPLETED, 0, 0)).isEmpty();
  }

  @Test
  void latenessP99AboveTheThreshold_isBackPressure() {
    assertThat(evaluate(ofMillis(11), 0, Ending.COMPLETED, 0, 0)).isPresent();
  }

  @Test
  void messagesSpillingPastTheirPhaseEnd_areBackPressure_evenWithALowP99() {
    assertThat(evaluate(ofMillis(1), 3, Ending.COMPLETED, 0, 0))
        .hasValueSatisfying(pressure -> assertThat(pressure.messagesAfterPhaseEnd()).isEqualTo(3));
  }

  @Test
  void aMissedDeadline_isBackPressure_butAStopIsNot() {
    assertThat(evaluate(ZERO, 0, Ending.DEADLINE, 5, 1))
        .hasValueSatisfying(
            pressure -> {
              assertThat(pressure.messagesNotSent()).isEqualTo(5);
              assertThat(pressure.sendsUnfinished()).isEqualTo(1);
            });
    assertThat(evaluate(ZERO, 0, Ending.STOPPED, 5, 1)).isEmpty();
  }

  @Test
  void slowestPhase_isTheRatedPhaseWithTheLowestAchievedRatio() {
    PhaseReport pause =
        new PhaseReport(
            1, "pause", PhaseKind.PAUSE, 0, 0, 0, 0, ofSeconds(1), ofSeconds(1), ZERO, 0, ZERO);
    List<PhaseReport> phases =
        List.of(phase(0, 100, 90), pause, phase(2, 1000, 500), phase(3, 10, 10));

    Optional<BackPressure> pressure =
        BackPressureRule.evaluate(
            THRESHOLD,
            lateness(ofSeconds(1), ofSeconds(2)),
            42,
            0,
            Ending.COMPLETED,
            0,
            0,
            7,
            phases);

    assertThat(pressure)
        .hasValueSatisfying(
            found -> {
              assertThat(found.slowestPhase()).map(PhaseReport::index).contains(2);
              assertThat(found.describe())
                  .isEqualTo(
                      "BACK-PRESSURE: the driver fell behind schedule: lateness p99 1 s (threshold 10 ms),"
                          + " max 2 s; 42 messages more than 10 ms late; up to 7 messages waited for a free"
                          + " sender; slowest phase 'phase-2' achieved 500/s of 1000/s intended");
            });
  }

  private static LoadReport report(
      long planned, long sent, long accepted, long unfinished, long notSent) {
    return new LoadReport(
        "r",
        SendMode.DIRECT,
        0,
        planned,
        sent,
        accepted,
        0,
        0,
        unfinished,
        notSent,
        Ending.COMPLETED,
        "done",
        ofSeconds(1),
        ofSeconds(1),
        List.of(phase(0, 100, 100)),
        Percentiles.EMPTY,
        Percentiles.EMPTY,
        0,
        0,
        Optional.empty());
  }

  @Test
  void report_rejectsAccountingThatDoesNotBalance() {
    assertThatThrownBy(() -> report(100, 90, 90, 0, 5))
        .hasMessage("planned must be sent + notSent = 95, but was 100");
    assertThatThrownBy(() -> report(100, 100, 90, 5, 0))
        .hasMessage("sent must be accepted + rejected + failed + unfinished = 95, but was 100");
    assertThat(report(100, 100, 95, 5, 0).unfinished()).isEqualTo(5);
  }

  @Test
  void report_summary_leadsWithTheScheduleVerdict_andListsEveryCount() {
    LoadReport report = report(100, 100, 100, 0, 0);

    assertThat(report.summary())
        .startsWith(
            "load 'r' (direct): COMPLETED after 1 s (planned 1 s)\non schedule: lateness p99 0 s\n")
        .contains(
            "planned 100, sent 100 (accepted 100, rejected 0, failed 0, unfinished 0), not sent 0")
        .contains("phase 1 'phase-0': intended 100/s, achieved 100/s (100/100 sent in 1 s)")
        .contains("lateness: p50 0 s")
        .contains("latency:  p50 0 s");
    assertThat(report.achievedRatePerSecond()).isEqualTo(100.0);
    assertThat(report.intendedRatePerSecond()).isEqualTo(100.0);
    assertThat(report.toString()).contains("planned=100", "backPressure=Optional.empty");
  }

  @Test
  void phaseReport_describesBurstsAndPauses_andRejectsImpossibleCounts() {
    PhaseReport burst =
        new PhaseReport(
            0,
            "burst of 5",
            PhaseKind.BURST,
            5,
            5,
            Double.POSITIVE_INFINITY,
            5000,
            ZERO,
            ofMillis(1),
            ofMillis(1),
            0,
            ZERO);
    PhaseReport pause =
        new PhaseReport(
            1,
            "pause for 1 s",
            PhaseKind.PAUSE,
            0,
            0,
            0,
            0,
            ofSeconds(1),
            ofSeconds(1),
            ZERO,
            0,
            ZERO);

    assertThat(burst.describe())
        .isEqualTo("phase 1 'burst of 5': 5/5 sent in 1 ms, max lateness 1 ms");
    assertThat(burst.achievedRatio()).isNaN();
    assertThat(pause.describe()).isEqualTo("phase 2 'pause for 1 s': pause of 1 s");
    assertThatThrownBy(
            () ->
                new PhaseReport(
                    0,
                    "x",
                    PhaseKind.CONSTANT,
                    5,
                    6,
                    1,
                    1,
                    ofSeconds(1),
                    ofSeconds(1),
                    ZERO,
                    0,
                    ZERO))
        .hasMessage("sent messages must be in [0, 5], but was 6");
    assertThatThrownBy(
            () ->
                new PhaseReport(
                    0,
                    "x",
                    PhaseKind.CONSTANT,
                    5,
                    5,
                    1,
                    1,
                    ofSeconds(1),
                    ofSeconds(1),
                    ZERO,
                    6,
                    ZERO))
        .hasMessage("held messages must be in [0, 5], but was 6");
  }

  @Test
  void rates_andCounts_areReadable() {
    assertThat(Format.rate(1234.5678)).isEqualTo("1234.568");
    assertThat(Format.rate(0.000123456)).isEqualTo("0.0001235");
    assertThat(Format.rate(Double.POSITIVE_INFINITY)).isEqualTo("∞");
    assertThat(Format.count(1234567)).isEqualTo("1,234,567");
  }
}
