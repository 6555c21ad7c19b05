package dev.spillway.report;

import static org.assertj.core.api.Assertions.assertThat;

import dev.spillway.toolkit.verdict.Verdict;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ReportToolTest {

  @TempDir Path dir;
  private Path results;
  private Path baseline;
  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();

  @BeforeEach
  void writeResults() throws Exception {
    results = dir.resolve("target/spillway");
    ReportWriter.to(results).writeAll(SampleRuns.all());
    baseline = dir.resolve("spillway-baseline.json");
  }

  private int run(String... args) {
    return ReportTool.run(
        args,
        new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8));
  }

  private String out() {
    return out.toString(StandardCharsets.UTF_8);
  }

  private String err() {
    return err.toString(StandardCharsets.UTF_8);
  }

  @Test
  void write_thenCheck_passes() {
    assertThat(run("--results", results.toString(), "--baseline", baseline.toString(), "--write"))
        .isZero();
    assertThat(out()).contains("wrote baseline " + baseline + " with 4 tests");
    assertThat(baseline).isRegularFile();

    assertThat(run("--results", results.toString(), "--baseline", baseline.toString(), "--check"))
        .isZero();
    assertThat(out()).contains("baseline gate PASSED: 4 tests compared");
  }

  @Test
  void check_failsWithTheTable_onARegression() throws Exception {
    BaselineJson.write(Baseline.of(SampleRuns.all()), baseline);
    RunResult worse = BaselineGateTest.run("singleton-spike", Verdict.OVERFLOWED, 0, 90, 1);
    RunResultJson.write(worse, results.resolve("runs/singleton-spike.json"));

    int status = run("--results", results.toString(), "--baseline", baseline.toString(), "--check");

    assertThat(status).isEqualTo(1);
    assertThat(out())
        .contains("baseline gate FAILED: 4 tests compared, 1 test fails")
        .contains("singleton-spike  p99Ms")
        .contains("REGRESSED")
        .contains("--write");
  }

  @Test
  void check_withoutABaselineFile_failsNamingIt() {
    int status = run("--results", results.toString(), "--baseline", baseline.toString(), "--check");

    assertThat(status).isEqualTo(1);
    assertThat(err()).contains(baseline + ": baseline does not exist");
    assertThat(baseline).doesNotExist();
  }

  @Test
  void check_withWriteIfMissing_writesTheFirstBaseline_thenChecksIt() {
    assertThat(
            run(
                "--results",
                results.toString(),
                "--baseline",
                baseline.toString(),
                "--check",
                "--write-if-missing"))
        .isZero();
    assertThat(out()).contains("no baseline at " + baseline + ": wrote one from 4 results");
    assertThat(baseline).isRegularFile();

    assertThat(
            run(
                "--results",
                results.toString(),
                "--baseline",
                baseline.toString(),
                "--check",
                "--write-if-missing"))
        .isZero();
    assertThat(out()).contains("baseline gate PASSED");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {"", "   ", "{", "[]", "{\"schema\": \"spillway.baseline/1\", \"tests\": {}}"})
  void check_withABrokenBaseline_fails_evenWithWriteIfMissing(String content) throws Exception {
    Files.writeString(baseline, content);

    int status =
        run(
            "--results",
            results.toString(),
            "--baseline",
            baseline.toString(),
            "--check",
            "--write-if-missing");

    assertThat(status).isEqualTo(1);
    assertThat(err()).startsWith("ReportTool: " + baseline + ": baseline ");
    assertThat(out()).doesNotContain("PASSED");
  }

  @Test
  void check_withNoResults_fails() throws Exception {
    Path empty = Files.createDirectories(dir.resolve("empty"));
    BaselineJson.write(Baseline.of(SampleRuns.all()), baseline);

    assertThat(run("--results", empty.toString(), "--baseline", baseline.toString(), "--check"))
        .isEqualTo(1);
    assertThat(err()).contains("no run results in");
  }

  @Test
  void check_withAMalformedResult_fails() throws Exception {
    BaselineJson.write(Baseline.of(SampleRuns.all()), baseline);
    Files.writeString(results.resolve("runs/extra.json"), "{\"schema\": \"spillway.run/1\"}");

    assertThat(run("--results", results.toString(), "--baseline", baseline.toString(), "--check"))
        .isEqualTo(1);
    assertThat(err()).contains("extra.json: run result field /name is missing");
  }

  @Test
  void write_keepsTheTolerancesOfTheBaseline() throws Exception {
    Files.writeString(
        baseline,
        """
        {"schema": "spillway.baseline/1",
         "tolerances": {"p99Ms": {"relative": 0.5, "absolute": 20}},
         "tests": {"gone-test": {"verdict": "SHED"}}}
        """);

    assertThat(run("--results", results.toString(), "--baseline", baseline.toString(), "--write"))
        .isZero();

    Baseline written = BaselineJson.read(baseline);
    assertThat(written.tolerances().get(Figure.P99)).isEqualTo(new Tolerance(0.5, 20));
    assertThat(written.tests()).containsKey("gone-test").hasSize(5);
    assertThat(out()).contains("1 kept from before without a result");

    assertThat(
            run(
                "--results",
                results.toString(),
                "--baseline",
                baseline.toString(),
                "--write",
                "--prune"))
        .isZero();
    assertThat(BaselineJson.read(baseline).tests()).doesNotContainKey("gone-test").hasSize(4);
  }

  @Test
  void report_importsResultsAndPrintsTheIndex() throws Exception {
    Path report = dir.resolve("combined");

    assertThat(run("--results", results.resolve("runs").toString(), "--report", report.toString()))
        .isZero();

    assertThat(report.resolve("index.html")).isRegularFile();
    assertThat(report.resolve("runs/bounded-spike.html")).isRegularFile();
    assertThat(out()).contains("spillway: report file:").contains("index.html");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "--bogus",
        "--check",
        "--write",
        "--check --write --baseline b.json",
        "--baseline b.json",
        "--results",
        "--report a --report b",
        "--report r --prune",
        "--report r --verbose",
        ""
      })
  void badFlags_printTheUsage_andExitWithTwo(String args) {
    String[] split = args.isEmpty() ? new String[0] : args.split(" ");

    assertThat(run(split)).isEqualTo(2);
    assertThat(err()).startsWith("ReportTool: ").contains("usage: ReportTool");
  }

  @Test
  void help_printsTheUsage() {
    assertThat(run("--help")).isZero();
    assertThat(out()).startsWith("usage: ReportTool");
  }

  @Test
  void results_defaultToTheReportsRunsDirectory() {
    assertThat(run("--results", results.toString(), "--baseline", baseline.toString(), "--write"))
        .isZero();
    assertThat(BaselineJson.read(readString(baseline)).tests())
        .containsOnlyKeys(
            List.of("bounded-spike", "partitioned-spike", "sentinel-spike", "singleton-spike"));
  }

  private static String readString(Path file) {
    try {
      return Files.readString(file);
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
