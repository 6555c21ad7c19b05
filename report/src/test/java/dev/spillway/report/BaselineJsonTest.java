package dev.spillway.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BaselineJsonTest {

  private static final String VALID =
      """
      {
        "schema": "spillway.baseline/1",
        "tolerances": { "highWaterMark": { "relative": 0.2, "absolute": 5 } },
        "tests": {
          "singleton-spike": {
            "verdict": "OVERFLOWED",
            "highWaterMark": 204,
            "drainTimeMs": null,
            "tolerances": { "highWaterMark": { "absolute": 50 } }
          },
          "unjudged": { "verdict": null }
        }
      }
      """;

  @Test
  void write_thenRead_givesAnEqualBaseline() {
    Baseline baseline = Baseline.of(SampleRuns.all());

    String json = BaselineJson.write(baseline);

    assertThat(BaselineJson.read(json)).isEqualTo(baseline);
    assertThat(json).startsWith("{\n  \"schema\" : \"spillway.baseline/1\"");
  }

  @Test
  void read_mergesATestsPartialTolerance_withTheGlobalOne() {
    Baseline baseline = BaselineJson.read(VALID);

    assertThat(baseline.tolerance("singleton-spike", Figure.HIGH_WATER_MARK))
        .isEqualTo(new Tolerance(0.2, 50));
    assertThat(baseline.tolerance("unjudged", Figure.HIGH_WATER_MARK))
        .isEqualTo(new Tolerance(0.2, 5));
    assertThat(baseline.tolerance("unjudged", Figure.P99))
        .isEqualTo(Tolerance.defaultFor(Figure.P99));
    assertThat(baseline.tests().get("singleton-spike").figures())
        .containsOnlyKeys(Figure.HIGH_WATER_MARK, Figure.DRAIN_TIME);
    assertThat(baseline.tests().get("unjudged").verdict()).isEmpty();
  }

  @Test
  void read_rejectsAnEmptyFile_namingIt(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("spillway-baseline.json");
    Files.writeString(file, "");

    assertThatThrownBy(() -> BaselineJson.read(file))
        .isInstanceOf(ReportFormatException.class)
        .hasMessage(file + ": baseline is empty");
  }

  @Test
  void read_rejectsAMissingFile_namingIt(@TempDir Path dir) {
    Path file = dir.resolve("nope.json");

    assertThatThrownBy(() -> BaselineJson.read(file))
        .isInstanceOf(ReportFormatException.class)
        .hasMessage(file + ": baseline does not exist");
  }

  @Test
  void read_rejectsTextThatIsNotJson_withTheLine(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("b.json");
    Files.writeString(file, "{\n  \"schema\": \"spillway.baseline/1\",\n  tests: {}\n}");

    assertThatThrownBy(() -> BaselineJson.read(file))
        .isInstanceOf(ReportFormatException.class)
        .hasMessageStartingWith(file + ": baseline is not valid JSON: ")
        .hasMessageContaining("(line 3, column");
  }

  @Test
  void read_rejectsAnotherSchema() {
    assertThatThrownBy(
            () -> BaselineJson.read(VALID.replace("spillway.baseline/1", "spillway.run/1")))
        .hasMessage("field /schema must be \"spillway.baseline/1\", but was \"spillway.run/1\"");
  }

  @Test
  void read_rejectsABaselineWithoutTests() {
    assertThatThrownBy(() -> BaselineJson.read("{\"schema\": \"spillway.baseline/1\"}"))
        .hasMessage("field /tests is missing");
    assertThatThrownBy(
            () -> BaselineJson.read("{\"schema\": \"spillway.baseline/1\", \"tests\": {}}"))
        .hasMessageStartingWith(
            "field /tests holds no test: a baseline that gates nothing would pass any result");
  }

  @Test
  void read_rejectsAMisspeltFigure_ratherThanStopGatingIt() {
    assertThatThrownBy(
            () ->
                BaselineJson.read(
                    VALID.replace("\"highWaterMark\": 204", "\"highwatermark\": 204")))
        .hasMessageStartingWith(
            "field /tests/singleton-spike/highwatermark is not known here (allowed: verdict, highWaterMark");
  }

  @Test
  void read_rejectsATestWithoutAVerdict() {
    assertThatThrownBy(
            () ->
                BaselineJson.read(
                    VALID.replace("\"unjudged\": { \"verdict\": null }", "\"unjudged\": { }")))
        .hasMessage(
            "field /tests/unjudged/verdict is missing (write null for a test that was not judged)");
  }

  @Test
  void read_rejectsFiguresOutOfRange() {
    assertThatThrownBy(() -> BaselineJson.read(VALID.replace("204", "-1")))
        .hasMessage("field /tests/singleton-spike/highWaterMark must be a number >= 0, but was -1");
    assertThatThrownBy(
            () -> BaselineJson.read(VALID.replace("\"drainTimeMs\": null", "\"shedRatio\": 1.5")))
        .hasMessage(
            "field /tests/singleton-spike/shedRatio must be a ratio in [0, 1], but was 1.5");
    assertThatThrownBy(
            () -> BaselineJson.read(VALID.replace("\"absolute\": 50", "\"absolute\": \"50\"")))
        .hasMessage(
            "field /tests/singleton-spike/tolerances/highWaterMark/absolute must be a number, but was \"50\"");
    assertThatThrownBy(() -> BaselineJson.read(VALID.replace("\"OVERFLOWED\"", "\"DROWNED\"")))
        .hasMessageStartingWith("field /tests/singleton-spike/verdict must be one of [LOST, DIED");
  }

  @Test
  void read_rejectsUnknownTopLevelKeys_andDuplicateKeys() {
    assertThatThrownBy(
            () ->
                BaselineJson.read(
                    VALID.replaceFirst(
                        "\"tolerances\": \\{ \"highWaterMark\"",
                        "\"tolerance\": { \"highWaterMark\"")))
        .hasMessageStartingWith("field /tolerance is not known here (allowed: ");
    assertThatThrownBy(
            () ->
                BaselineJson.read(
                    VALID.replace(
                        "\"verdict\": \"OVERFLOWED\",",
                        "\"verdict\": \"OVERFLOWED\", \"verdict\": \"SHED\",")))
        .hasMessageStartingWith("baseline is not valid JSON: Duplicate field 'verdict'");
  }
}
