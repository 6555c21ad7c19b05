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
import org.junit.jupiter.params.provider.CsvSource;
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
  void check_failsWhenACapacityKneeFalls_andWriteKeepsTheCapacityTolerance() throws Exception {
    Path capacity = dir.resolve("capacity");
    ReportWriter.to(capacity)
        .writeAll(List.of(CapacityGateTest.run(CapacityGateTest.search(200, 210))));
    Files.writeString(
        baseline,
        """
        {"schema": "spillway.baseline/1",
         "tolerances": {"capacityKnee": {"relative": 0.05, "absolute": 2}},
         "tests": {"orders-capacity": {"verdict": null}}}
        """);
    assertThat(run("--results", capacity.toString(), "--baseline", baseline.toString(), "--write"))
        .isZero();
    assertThat(BaselineJson.read(baseline).capacityTolerance()).isEqualTo(new Tolerance(0.05, 2));
    ReportWriter.to(capacity)
        .writeAll(List.of(CapacityGateTest.run(CapacityGateTest.search(180, 185))));

    assertThat(run("--results", capacity.toString(), "--baseline", baseline.toString(), "--check"))
        .isEqualTo(1);

    assertThat(out())
        .contains("baseline gate FAILED: 1 test compared, 1 test fails")
        .containsPattern(
            "orders-capacity +capacityKnee +200/s \\[200, 210\\] +180/s \\[180, 185\\] +-20/s"
                + " \\(-10.0%\\) +fall -15/s = max\\(5% × 200, 2/s\\) \\+ this search's interval"
                + " 5/s +REGRESSED");
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
  @CsvSource(
      delimiter = '|',
      value = {
        "--bogus | unknown option '--bogus': the options are --results, --report, --baseline,"
            + " --check, --write, --write-if-missing, --prune, --allow-new, --allow-missing,"
            + " --verbose, --help",
        "--report r stray | unexpected argument 'stray': the options are --results, --report,"
            + " --baseline, --check, --write, --write-if-missing, --prune, --allow-new,"
            + " --allow-missing, --verbose, --help",
        "--check | --check needs --baseline FILE",
        "--write | --write needs --baseline FILE",
        "--check --write --baseline b.json | --check and --write exclude each other: give one of"
            + " them",
        "--baseline b.json | --baseline b.json needs --check or --write",
        "--results | --results must be followed by a value",
        "--report --check | --report must be followed by a value",
        "--report a --report b | --report must be given at most once, but was given more than once",
        "--report r --prune | --prune must go with --write",
        "--report r --verbose --allow-new | --allow-new, --verbose must go with --check"
            + " (--write-if-missing, --allow-new, --allow-missing and --verbose are options of the"
            + " check)",
        "'' | nothing to do: give --report DIR, --check or --write"
      })
  void badFlags_sayWhatIsWrong_printTheUsage_andExitWithTwo(String args, String message) {
    String[] split = args.isEmpty() ? new String[0] : args.split(" ");

    assertThat(run(split)).isEqualTo(2);
    assertThat(err()).startsWith("ReportTool: " + message + "\nusage: ReportTool");
    assertThat(out()).isEmpty();
  }

  @Test
  void aBlankPath_isRefused_namingTheOption() {
    assertThat(run("--report", " ")).isEqualTo(2);
    assertThat(err())
        .startsWith("ReportTool: --report must be a path that is not blank, but was ' '\n");
  }

  @Test
  void anArgumentStartingWithAt_isAPath_notAFileOfArguments() {
    Path report = dir.resolve("@report");

    assertThat(run("--results", results.toString(), "--report", report.toString())).isZero();
    assertThat(report.resolve("index.html")).isRegularFile();
  }

  @ParameterizedTest
  @ValueSource(strings = {"--help", "-h"})
  void help_printsTheUsage_withEveryOptionAndTheExitStatus(String flag) {
    assertThat(run(flag)).isZero();
    assertThat(out())
        .startsWith("usage: ReportTool [--results DIR]... [--report DIR]\n")
        .contains(
            "      --results DIR        run results (*.json) or a report directory holding runs/;")
        .contains("      --baseline FILE      the baseline file (spillway.baseline/1)")
        .contains(
            "      --prune              with --write: drop baseline tests that have no result")
        .contains("  -h, --help               print this text")
        .endsWith(
            "exit status: 0 passed, 1 gate failed or a file could not be used, 2 usage error\n");
    assertThat(err()).isEmpty();
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
