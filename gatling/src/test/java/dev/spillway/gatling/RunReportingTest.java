package dev.spillway.gatling;

import static org.assertj.core.api.Assertions.assertThat;

import dev.spillway.report.RunResult;
import dev.spillway.toolkit.verdict.Verdict;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RunReportingTest {

  @TempDir Path dir;

  static RunResult run(String id, Verdict verdict, boolean passed, String session, String source) {
    return RunResult.builder(id)
        .id(id)
        .source(source)
        .startedAt(Instant.parse("2026-12-05T10:00:00Z"))
        .duration(Duration.ofSeconds(4))
        .verdict(verdict, "figures")
        .detail(RunReporting.PASSED, Boolean.toString(passed))
        .detail(RunReporting.SESSION, session)
        .build();
  }

  @Test
  void theTable_listsThisBuildsGatlingRuns_only_andCountsTheFailures() throws IOException {
    String session = RunReporting.session();
    var writer = dev.spillway.report.ReportWriter.to(dir);
    writer.writeRun(run("sim.a", Verdict.SHED, true, session, "gatling"));
    writer.writeRun(run("sim.b", Verdict.OVERFLOWED, false, session, "gatling"));
    writer.writeRun(run("earlier.c", Verdict.SHED, true, "another build", "gatling"));
    writer.writeRun(run("junit.d", Verdict.SHED, true, session, "junit"));

    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    RunReporting.printTable(dir, new PrintStream(bytes, true, StandardCharsets.UTF_8));
    String table = bytes.toString(StandardCharsets.UTF_8);

    assertThat(table)
        .startsWith("Spillway verdicts of this build's Gatling simulations (2 runs, 1 FAILED):")
        .contains("sim.a", "sim.b")
        .doesNotContain("earlier.c", "junit.d");
    assertThat(table.lines().filter(l -> l.contains("sim.b")))
        .singleElement()
        .asString()
        .contains("OVERFLOWED")
        .endsWith("FAILED");
  }

  @Test
  void theGatlingReport_isTheSimulationsNewestRunFolder() throws IOException {
    Files.createDirectories(dir.resolve("floodsimulation-20261205101010101"));
    Path newest = Files.createDirectories(dir.resolve("floodsimulation-20261205101111111"));
    Files.setLastModifiedTime(
        dir.resolve("floodsimulation-20261205101010101"),
        java.nio.file.attribute.FileTime.from(Instant.now().minusSeconds(30)));
    Files.createDirectories(dir.resolve("hotkeysimulation-20261205101212121"));

    assertThat(RunReporting.gatlingReport(dir, "FloodSimulation", Instant.now().minusSeconds(5)))
        .contains(newest.resolve("index.html").toAbsolutePath());
    assertThat(RunReporting.gatlingReport(dir, "OtherSimulation", Instant.now())).isEmpty();
    assertThat(RunReporting.gatlingReport(dir.resolve("none"), "FloodSimulation", Instant.now()))
        .isEmpty();
  }
}
