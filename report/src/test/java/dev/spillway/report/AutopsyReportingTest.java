package dev.spillway.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.spillway.toolkit.autopsy.AutopsyReport;
import dev.spillway.toolkit.autopsy.GcFigures;
import dev.spillway.toolkit.autopsy.GcPause;
import dev.spillway.toolkit.autopsy.MethodShare;
import dev.spillway.toolkit.autopsy.TimeShares;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

/** A run's autopsy in its JSON ({@code autopsy}) and on its page. */
class AutopsyReportingTest {

  static AutopsyReport autopsy() {
    return new AutopsyReport(
        Optional.empty(),
        Duration.ofMillis(1500),
        Duration.ofMillis(10),
        List.of("spillway-consumer-t-orders"),
        42,
        new TimeShares(Duration.ofMillis(1500), 0.08, 0.86, 0.03, 0.01, 0, 0.02),
        List.of(
            new MethodShare(
                "com.shop.OrderRepository.insert",
                0.88,
                0.02,
                0.86,
                Optional.of("java.lang.Thread.sleep")),
            new MethodShare("com.shop.Parser.parse", 0.05, 0.05, 0, Optional.empty())),
        new GcFigures(
            Duration.ofMillis(18),
            0.012,
            List.of(
                new GcPause(
                    Duration.ofMillis(200),
                    Duration.ofMillis(7),
                    "G1New",
                    OptionalLong.of(9_000_000)),
                new GcPause(
                    Duration.ofMillis(900), Duration.ofMillis(11), "G1New", OptionalLong.empty()))),
        OptionalLong.of(52_500_000),
        List.of("3 stacks were truncated by JFR"));
  }

  private static RunResult run(AutopsyReport autopsy) {
    return RunResult.builder("autopsied")
        .startedAt(SampleRuns.START)
        .duration(Duration.ofSeconds(2))
        .autopsy(autopsy)
        .build();
  }

  @Test
  void theAutopsy_roundTripsThroughTheJson_figureForFigure() {
    RunResult run = run(autopsy());

    String json = RunResultJson.write(run);

    assertThat(json).contains("\"autopsy\" : {").contains("\"heapUsedAfterBytes\" : 9000000");
    assertThat(RunResultJson.read(json).autopsy()).contains(autopsy());
    assertThat(RunResultJson.read(json)).isEqualTo(run);
  }

  @Test
  void anAutopsyThatDidNotRecord_roundTripsWithItsReason() {
    AutopsyReport none =
        AutopsyReport.unavailable("this JVM has no jdk.jfr module", Duration.ofMillis(10));

    String json = RunResultJson.write(run(none));

    assertThat(json).contains("\"unavailable\" : \"this JVM has no jdk.jfr module\"");
    assertThat(RunResultJson.read(json).autopsy()).contains(none);
  }

  @Test
  void aRunWithoutAutopsy_readsBackWithoutOne() {
    RunResult plain =
        RunResult.builder("plain").startedAt(SampleRuns.START).duration(Duration.ZERO).build();
    assertThat(RunResultJson.read(RunResultJson.write(plain)).autopsy()).isEmpty();
  }

  @Test
  void aBadShareInTheJson_isRejected_atItsPath() {
    String json =
        RunResultJson.write(run(autopsy())).replace("\"share\" : 0.88", "\"share\" : -0.5");
    assertThatThrownBy(() -> RunResultJson.read(json))
        .isInstanceOf(ReportFormatException.class)
        .hasMessageContaining("/autopsy/topMethods/0/share")
        .hasMessageContaining("-0.5");
  }

  @Test
  void thePage_showsTheTopMethods_theWaits_gcAndAllocation_andTheLimits() {
    String page = RunPage.render(run(autopsy()));

    assertThat(page)
        .contains("<h2>Autopsy: where the consumers' time went</h2>")
        .contains("<td class=\"mono\">com.shop.OrderRepository.insert</td>")
        .contains("<td class=\"mono\">java.lang.Thread.sleep</td>")
        .contains("35.0 MB/s")
        .contains("2 collections")
        .contains("3 stacks were truncated by JFR");
    assertThat(RunPage.render(run(AutopsyReport.unavailable("JFR off", Duration.ofMillis(10)))))
        .contains("Not recorded: JFR off.");
  }
}
