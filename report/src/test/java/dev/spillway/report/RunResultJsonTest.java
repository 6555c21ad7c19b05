package dev.spillway.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.spillway.toolkit.load.Percentiles;
import dev.spillway.toolkit.verdict.Verdict;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class RunResultJsonTest {

  static java.util.List<RunResult> samples() {
    return SampleRuns.all();
  }

  @ParameterizedTest
  @MethodSource("samples")
  void write_thenRead_givesAnEqualResult(RunResult run) {
    String json = RunResultJson.write(run);

    RunResult back = RunResultJson.read(json);

    assertThat(back).isEqualTo(run);
    assertThat(RunResultJson.write(back)).isEqualTo(json);
  }

  @Test
  void write_startsWithTheSchema_andWritesDurationsAsMilliseconds() throws Exception {
    RunResult run = SampleRuns.singleton();

    JsonNode json = Json.MAPPER.readTree(RunResultJson.write(run));

    assertThat(json.fieldNames().next()).isEqualTo("schema");
    assertThat(json.get("schema").asText()).isEqualTo("spillway.run/1");
    assertThat(json.get("durationMs").decimalValue()).isEqualByComparingTo("7000");
    assertThat(json.get("latency").get("p99Ms").decimalValue()).isEqualByComparingTo("0.25");
    assertThat(json.get("figures").get("highWaterMark").asLong()).isEqualTo(204);
    assertThat(json.get("verdict").asText()).isEqualTo("OVERFLOWED");
    JsonNode probe = json.get("probes").get(0);
    assertThat(probe.get("timesMs").size())
        .isEqualTo(probe.get("depths").size())
        .isLessThanOrEqualTo(2000);
  }

  @Test
  void read_keepsNanosecondsExactThroughMilliseconds() {
    RunResult run =
        RunResult.builder("exact")
            .startedAt(SampleRuns.START)
            .duration(Duration.ofNanos(1_234_567_891L))
            .bound(BoundCheck.drain("q", Duration.ofNanos(1), java.util.Optional.empty()))
            .build();

    RunResult back = RunResultJson.read(RunResultJson.write(run));

    assertThat(back.duration()).isEqualTo(Duration.ofNanos(1_234_567_891L));
    assertThat(RunResultJson.write(run)).contains("\"durationMs\" : 1234.567891");
  }

  @Test
  void read_acceptsAMinimalGatlingResult() {
    String json =
        """
        {
          "schema": "spillway.run/1",
          "id": "gatling-singleton-spike",
          "name": "SingletonSpikeSimulation",
          "design": "singleton",
          "scenario": "spike over HTTP",
          "source": "gatling",
          "startedAt": "2025-05-01T10:00:00Z",
          "durationMs": 12000,
          "verdict": "OVERFLOWED",
          "explanation": "depth polled from /metrics grew past 1,000",
          "latency": {"count": 3000, "p50Ms": 2, "p90Ms": 5, "p99Ms": 41.5, "p999Ms": 90, "maxMs": 120},
          "probes": [{"name": "singleton", "highWaterMark": 1500,
                      "timesMs": [0, 500, 1000], "depths": [0, 700, 1500]}],
          "someFieldOfTomorrow": {"ignored": true},
          "figures": "derived: ignored when read",
          "bounds": [{"kind": "QUEUE", "subject": "singleton", "limit": 1000, "observed": 1500,
                      "unit": 7, "held": "derived: ignored", "note": "of tomorrow"}]
        }
        """;

    RunResult run = RunResultJson.read(json);

    assertThat(run.verdict()).contains(Verdict.OVERFLOWED);
    assertThat(run.figures().p99()).contains(Duration.ofNanos(41_500_000));
    assertThat(run.figures().highWaterMark()).hasValue(1500);
    assertThat(run.probe("singleton").finalDepth()).isEqualTo(1500);
    assertThat(run.ledger()).isEmpty();
    assertThat(run.bounds())
        .containsExactly(
            new BoundCheck(BoundKind.QUEUE, "singleton", 1000, java.util.OptionalDouble.of(1500)));
  }

  @Test
  void read_rejectsEmptyText() {
    assertThatThrownBy(() -> RunResultJson.read("  \n"))
        .isInstanceOf(ReportFormatException.class)
        .hasMessage("run result is empty");
  }

  @Test
  void read_rejectsTextThatIsNotJson() {
    assertThatThrownBy(() -> RunResultJson.read("{\"schema\": "))
        .isInstanceOf(ReportFormatException.class)
        .hasMessageStartingWith("run result is not valid JSON");
  }

  @Test
  void read_rejectsAnotherSchema() {
    String json =
        RunResultJson.write(SampleRuns.bounded()).replace("spillway.run/1", "spillway.run/2");

    assertThatThrownBy(() -> RunResultJson.read(json))
        .isInstanceOf(ReportFormatException.class)
        .hasMessage("field /schema must be \"spillway.run/1\", but was \"spillway.run/2\"");
  }

  @Test
  void read_namesAMissingField() throws Exception {
    ObjectNode json = (ObjectNode) Json.MAPPER.readTree(RunResultJson.write(SampleRuns.bounded()));
    json.remove("startedAt");

    assertThatThrownBy(() -> RunResultJson.read(Json.write(json)))
        .isInstanceOf(ReportFormatException.class)
        .hasMessage("field /startedAt is missing");
  }

  @Test
  void read_namesAFieldOutOfRange_byItsPointer() throws Exception {
    ObjectNode json = (ObjectNode) Json.MAPPER.readTree(RunResultJson.write(SampleRuns.bounded()));
    ((com.fasterxml.jackson.databind.node.ArrayNode) json.get("probes").get(0).get("depths"))
        .set(3, -1);

    assertThatThrownBy(() -> RunResultJson.read(Json.write(json)))
        .isInstanceOf(ReportFormatException.class)
        .hasMessage("field /probes/0/depths/3 must be an integer >= 0, but was -1");
  }

  @Test
  void read_namesAnUnknownVerdict() throws Exception {
    ObjectNode json = (ObjectNode) Json.MAPPER.readTree(RunResultJson.write(SampleRuns.bounded()));
    json.put("verdict", "FINE");

    assertThatThrownBy(() -> RunResultJson.read(Json.write(json)))
        .isInstanceOf(ReportFormatException.class)
        .hasMessage(
            "field /verdict must be one of [LOST, DIED, FAILED, OVERFLOWED, SHED, PUSHED_BACK, SURVIVED], but was \"FINE\"");
  }

  @Test
  void read_reportsAnInconsistentObject_withItsPath() throws Exception {
    ObjectNode json = (ObjectNode) Json.MAPPER.readTree(RunResultJson.write(SampleRuns.bounded()));
    json.put("judgedProbe", "nowhere");

    assertThatThrownBy(() -> RunResultJson.read(Json.write(json)))
        .isInstanceOf(ReportFormatException.class)
        .hasMessageStartingWith("object / is not valid: judged probe must be one of [orders]");
  }

  @Test
  void readFile_namesTheFile(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("broken.json");
    Files.writeString(file, "[1, 2]");

    assertThatThrownBy(() -> RunResultJson.read(file))
        .isInstanceOf(ReportFormatException.class)
        .hasMessage(file + ": run result must be a JSON object, but was ARRAY")
        .extracting(e -> ((ReportFormatException) e).file())
        .isEqualTo(java.util.Optional.of(file));
  }

  @Test
  void readFile_namesAMissingFile(@TempDir Path dir) {
    Path file = dir.resolve("absent.json");

    assertThatThrownBy(() -> RunResultJson.read(file))
        .isInstanceOf(ReportFormatException.class)
        .hasMessage(file + ": run result does not exist");
  }

  @Test
  void writeFile_thenReadFile_roundTrips(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("nested/run.json");
    RunResult run = SampleRuns.sentinel();

    RunResultJson.write(run, file);

    assertThat(RunResultJson.read(file)).isEqualTo(run);
    try (var files = Files.list(file.getParent())) {
      assertThat(files).containsExactly(file); // no temporary file left behind
    }
  }

  /** 1..n µs, one value each. */
  static Percentiles microsUpTo(int n) {
    Histogram h = new Histogram(Percentiles.SIGNIFICANT_DIGITS);
    for (int i = 1; i <= n; i++) {
      h.recordValue(i * 1_000L);
    }
    return Percentiles.of(h);
  }

  private static RunResult withHistograms() {
    return RunResult.builder("histograms")
        .startedAt(SampleRuns.START)
        .duration(Duration.ofSeconds(1))
        .latency(microsUpTo(1000))
        .lateness(microsUpTo(10))
        .build();
  }

  @Test
  void write_thenRead_keepsTheLatencyHistogram_soAnyPercentileAnswers() throws Exception {
    RunResult run = withHistograms();

    String json = RunResultJson.write(run);
    RunResult back = RunResultJson.read(json);

    assertThat(back).isEqualTo(run);
    assertThat(RunResultJson.write(back)).isEqualTo(json);
    Percentiles latency = back.latency().orElseThrow();
    assertThat(latency.histogram()).isPresent();
    assertThat(latency.at(95)).isEqualTo(run.latency().orElseThrow().at(95));
    assertThat(latency.at(99.99)).isEqualTo(run.latency().orElseThrow().at(99.99));
    JsonNode written = Json.MAPPER.readTree(json).get("latency");
    assertThat(written.get("histogram").isTextual()).isTrue();
    assertThat(written.get("p99Ms").decimalValue())
        .isEqualByComparingTo(JsonRules.millis(latency.p99().toNanos()));
  }

  @Test
  void read_anOldResultWithoutHistogram_answersItsFiveFigures_andNoOther() throws Exception {
    ObjectNode json = (ObjectNode) Json.MAPPER.readTree(RunResultJson.write(SampleRuns.bounded()));
    ((ObjectNode) json.get("latency")).remove("histogram"); // as written before it was kept

    Percentiles latency = RunResultJson.read(Json.write(json)).latency().orElseThrow();

    assertThat(latency.histogram()).isEmpty();
    assertThat(latency.at(99)).isEqualTo(latency.p99());
    assertThat(latency.at(100)).isEqualTo(latency.max());
    assertThatThrownBy(() -> latency.at(95))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageStartingWith("percentile p95 is not known");
  }

  @Test
  void read_namesAMalformedHistogram_byItsPointer() throws Exception {
    ObjectNode json = (ObjectNode) Json.MAPPER.readTree(RunResultJson.write(withHistograms()));
    ((ObjectNode) json.get("latency")).put("histogram", "not an histogram");

    assertThatThrownBy(() -> RunResultJson.read(Json.write(json)))
        .isInstanceOf(ReportFormatException.class)
        .hasMessage(
            "field /latency/histogram must be an HdrHistogram of nanoseconds in its compressed"
                + " encoding, base64, but was \"not an histogram\"");
  }

  @Test
  void read_rejectsAHistogramThatDisagreesWithItsCount() throws Exception {
    ObjectNode json = (ObjectNode) Json.MAPPER.readTree(RunResultJson.write(withHistograms()));
    ((ObjectNode) json.get("latency")).put("count", 999);

    assertThatThrownBy(() -> RunResultJson.read(Json.write(json)))
        .isInstanceOf(ReportFormatException.class)
        .hasMessage("field /latency/count must be the count of the histogram, 1000, but was 999");
  }

  @Test
  void read_namesAValueOfTheWrongKind_byItsPointer_withWhatWasExpected() throws Exception {
    ObjectNode json = (ObjectNode) Json.MAPPER.readTree(RunResultJson.write(SampleRuns.bounded()));
    ObjectNode probe = (ObjectNode) json.get("probes").get(0);

    probe.put("highWaterMark", "x");
    assertThatThrownBy(() -> RunResultJson.read(Json.write(json)))
        .hasMessage("field /probes/0/highWaterMark must be an integer, but was \"x\"");
    probe.put("highWaterMark", -3);
    assertThatThrownBy(() -> RunResultJson.read(Json.write(json)))
        .hasMessage("field /probes/0/highWaterMark must be an integer >= 0, but was -3");
    probe.put("highWaterMark", 2.5);
    assertThatThrownBy(() -> RunResultJson.read(Json.write(json)))
        .hasMessage("field /probes/0/highWaterMark must be an integer, but was 2.5");
    probe.put("highWaterMark", 3);
    probe.put("name", 7);
    assertThatThrownBy(() -> RunResultJson.read(Json.write(json)))
        .hasMessage("field /probes/0/name must be a string, but was 7");
    probe.put("name", "orders");
    json.putArray("events").addObject().put("atMs", 1).put("kind", "NOPE").put("source", "s");
    assertThatThrownBy(() -> RunResultJson.read(Json.write(json)))
        .hasMessage(
            "field /events/0/kind must be one of [PHASE, BREACH, REARM, MITIGATION, INJECTION, MARK],"
                + " but was \"NOPE\"");
  }

  @Test
  void read_namesAMissingOrNullNestedField_byItsPointer() throws Exception {
    ObjectNode json = (ObjectNode) Json.MAPPER.readTree(RunResultJson.write(SampleRuns.bounded()));
    ((ObjectNode) json.get("ledger")).remove("sent");

    assertThatThrownBy(() -> RunResultJson.read(Json.write(json)))
        .hasMessage("field /ledger/sent is missing");
    ((ObjectNode) json.get("ledger")).put("sent", 1300);
    json.putNull("startedAt");
    assertThatThrownBy(() -> RunResultJson.read(Json.write(json)))
        .hasMessage("field /startedAt is missing (null)");
  }

  @Test
  void readFile_namesTheFileAndThePointer_ofAMalformedValue(@TempDir Path dir) throws Exception {
    ObjectNode json = (ObjectNode) Json.MAPPER.readTree(RunResultJson.write(SampleRuns.bounded()));
    ((ObjectNode) json.get("probes").get(0)).put("highWaterMark", -3);
    Path file = dir.resolve("run.json");
    Files.writeString(file, Json.write(json));

    assertThatThrownBy(() -> RunResultJson.read(file))
        .isInstanceOf(ReportFormatException.class)
        .hasMessage(
            file
                + ": run result field /probes/0/highWaterMark must be an integer >= 0, but was -3");
  }

  @Test
  void mergedLatency_isThatOfTheUnionOfTheRuns() {
    RunResult fast = withLatency("fast", microsUpTo(1000));
    Histogram slowValues = new Histogram(Percentiles.SIGNIFICANT_DIGITS);
    Histogram union = fast.latency().orElseThrow().histogram().orElseThrow();
    for (int i = 1; i <= 100; i++) {
      slowValues.recordValue(i * 1_000_000L);
      union.recordValue(i * 1_000_000L);
    }
    RunResult slow = withLatency("slow", Percentiles.of(slowValues));
    RunResult none =
        RunResult.builder("none").startedAt(SampleRuns.START).duration(Duration.ZERO).build();

    Percentiles merged =
        RunResult.mergedLatency(
                java.util.List.of(
                    RunResultJson.read(RunResultJson.write(fast)),
                    RunResultJson.read(RunResultJson.write(slow)),
                    none))
            .orElseThrow();

    assertThat(merged.count()).isEqualTo(1100);
    assertThat(merged.p99()).isEqualTo(Duration.ofNanos(union.getValueAtPercentile(99)));
    assertThat(merged.p99()).isGreaterThan(fast.latency().orElseThrow().p99());
    assertThat(RunResult.mergedLatency(java.util.List.of(none))).isEmpty();
  }

  @Test
  void mergedLatency_refusesAnOldResult_namingIt() {
    assertThatThrownBy(
            () ->
                RunResult.mergedLatency(java.util.List.of(withHistograms(), SampleRuns.bounded())))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith(
            "latency of run 'bounded-spike' must keep its histogram to be merged, but has only its"
                + " five figures");
  }

  private static RunResult withLatency(String name, Percentiles latency) {
    return RunResult.builder(name)
        .startedAt(SampleRuns.START)
        .duration(Duration.ofSeconds(1))
        .latency(latency)
        .build();
  }
}
