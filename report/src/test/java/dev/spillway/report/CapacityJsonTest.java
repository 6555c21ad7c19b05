package dev.spillway.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.spillway.toolkit.capacity.CapacityResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A run result's {@code capacity} object: written, read back, optional, and checked. */
class CapacityJsonTest {

  private static ObjectNode written(RunResult run) throws Exception {
    return (ObjectNode) Json.MAPPER.readTree(RunResultJson.write(run));
  }

  @Test
  void write_thenRead_keepsTheCapacitySearch() {
    RunResult run = SampleCapacity.run("capacity-singleton", "singleton", 200);

    RunResult back = RunResultJson.read(RunResultJson.write(run));

    assertThat(back).isEqualTo(run);
    assertThat(back.capacity()).isPresent();
    assertThat(back.capacity().get().trials()).hasSize(8);
    assertThat(RunResultJson.write(back)).isEqualTo(RunResultJson.write(run));
  }

  @Test
  void write_namesEveryFigureOfTheSearch_withItsUnit() throws Exception {
    CapacityResult c = SampleCapacity.search(200, 3);
    JsonNode json =
        written(SampleCapacity.run("capacity-singleton", "singleton", 200)).get("capacity");

    assertThat(json.get("kneePerSecond").asDouble()).isEqualTo(c.knee().getAsDouble());
    assertThat(json.get("kneeLowPerSecond").asDouble()).isEqualTo(c.kneeLow());
    assertThat(json.get("kneeHighPerSecond").asDouble()).isEqualTo(c.kneeHigh());
    assertThat(json.get("saturated").asBoolean()).isTrue();
    assertThat(json.get("budgetMs").asLong()).isEqualTo(60_000);
    JsonNode trial = json.get("trials").get(4);
    assertThat(trial.get("offeredPerSecond").asDouble()).isEqualTo(250);
    assertThat(trial.get("sustained").asBoolean()).isFalse();
    assertThat(trial.get("verdict").asText()).isEqualTo("OVERFLOWED");
    assertThat(trial.get("p99Ms").asDouble()).isEqualTo(900);
    assertThat(trial.get("reason").asText()).startsWith("queue grew");
  }

  @Test
  void read_aResultWithoutCapacity_hasNone() throws Exception {
    ObjectNode json = written(SampleRuns.singleton());
    json.remove("capacity"); // as a result written before capacity searches existed

    RunResult back = RunResultJson.read(Json.write(json));

    assertThat(back.capacity()).isEmpty();
    assertThat(back).isEqualTo(SampleRuns.singleton());
  }

  @Test
  void read_aSearchThatNeverSaturated_hasNoServiceRateAtSaturation() {
    RunResult run =
        RunResult.builder("every rate held")
            .startedAt(SampleRuns.START)
            .duration(java.time.Duration.ofSeconds(6))
            .capacity(SampleCapacity.neverSaturated(400))
            .build();

    CapacityResult back = RunResultJson.read(RunResultJson.write(run)).capacity().orElseThrow();

    assertThat(back.saturated()).isFalse();
    assertThat(back.saturatedServiceRate()).isEmpty();
    assertThat(back).isEqualTo(run.capacity().get());
  }

  @Test
  void read_namesABadTrialValue_byItsPointer_theRuleAndTheValue() throws Exception {
    ObjectNode json = written(SampleCapacity.run("c", "singleton", 200));
    ((ObjectNode) json.get("capacity").get("trials").get(2)).put("servicePerSecond", -3);

    assertThatThrownBy(() -> RunResultJson.read(Json.write(json)))
        .isInstanceOf(ReportFormatException.class)
        .hasMessage("field /capacity/trials/2/servicePerSecond must be a number >= 0, but was -3");
  }

  @Test
  void read_namesAMissingTrialField() throws Exception {
    ObjectNode json = written(SampleCapacity.run("c", "singleton", 200));
    ((ObjectNode) json.get("capacity").get("trials").get(0)).remove("sustained");

    assertThatThrownBy(() -> RunResultJson.read(Json.write(json)))
        .isInstanceOf(ReportFormatException.class)
        .hasMessage("field /capacity/trials/0/sustained is missing");
  }

  @Test
  void read_ignoresAnUnknownCapacityField_asRunResultsDoForForwardCompatibility() throws Exception {
    RunResult run = SampleCapacity.run("c", "singleton", 200);
    ObjectNode json = written(run);
    ((ObjectNode) json.get("capacity")).put("confidence", 0.99);

    assertThat(RunResultJson.read(Json.write(json))).isEqualTo(run);
  }

  @Test
  void read_rejectsAnInconsistentSearch_withItsPath() throws Exception {
    ObjectNode json = written(SampleCapacity.run("c", "singleton", 200));
    ((ObjectNode) json.get("capacity")).put("kneeHighPerSecond", 10);

    assertThatThrownBy(() -> RunResultJson.read(Json.write(json)))
        .isInstanceOf(ReportFormatException.class)
        .hasMessageStartingWith("object /capacity is not valid: knee high end must be >= its low");
  }

  @Test
  void read_rejectsASearchWithoutTrials() throws Exception {
    ObjectNode json = written(SampleCapacity.run("c", "singleton", 200));
    ((ObjectNode) json.get("capacity")).putArray("trials");

    assertThatThrownBy(() -> RunResultJson.read(Json.write(json)))
        .isInstanceOf(ReportFormatException.class)
        .hasMessageStartingWith("object /capacity is not valid: capacity trials must");
  }

  @Test
  void readFile_namesTheFile_andThePointer(@TempDir Path dir) throws Exception {
    ObjectNode json = written(SampleCapacity.run("c", "singleton", 200));
    ((ObjectNode) json.get("capacity").get("trials").get(1)).put("verdict", "FINE");
    Path file = Files.writeString(dir.resolve("c.json"), Json.write(json));

    assertThatThrownBy(() -> RunResultJson.read(file))
        .isInstanceOf(ReportFormatException.class)
        .hasMessageStartingWith(
            file + ": run result field /capacity/trials/1/verdict must be one of")
        .extracting(e -> ((ReportFormatException) e).file())
        .isEqualTo(Optional.of(file));
  }
}
