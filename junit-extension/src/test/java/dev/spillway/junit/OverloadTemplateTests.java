package dev.spillway.junit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.spillway.junit.internal.ReportSettings;
import dev.spillway.report.ReportWriter;
import dev.spillway.report.RunResult;
import dev.spillway.report.RunResultJson;
import dev.spillway.toolkit.load.Message;
import dev.spillway.toolkit.load.Sender;
import dev.spillway.toolkit.record.InstrumentedQueue;
import dev.spillway.toolkit.verdict.Verdict;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.platform.engine.TestExecutionResult.Status;

/**
 * {@link Overload} makes a {@code @ParameterizedTest} or a {@link RepeatedTest} an overload test:
 * every invocation is a flood of its own, with its own harness, verdict, report and place in the
 * survival matrix.
 */
class OverloadTemplateTests {

  @TempDir Path dir;

  @BeforeEach
  void reset() {
    Templates.results.clear();
  }

  @AfterEach
  void noThreadOfOursOutlivesTheFixture() {
    assertThat(Fixtures.spillwayThreads()).isEmpty();
  }

  private List<Fixtures.Outcome> run(String method, Path reports) {
    return Fixtures.runEach(
        Templates.class, method, Map.of(ReportSettings.DIRECTORY, reports.toString()));
  }

  private static RunResult read(Path reports, String id) throws IOException {
    return RunResultJson.read(reports.resolve(ReportWriter.RUNS).resolve(id + ".json"));
  }

  @Test
  void eachInvocationOfAParameterizedTest_isAFloodOfItsOwn_withItsOwnVerdictReportAndCell()
      throws Exception {
    Path reports = dir.resolve("reports");

    List<Fixtures.Outcome> outcomes = run("perServiceTime", reports);

    assertThat(outcomes).extracting(Fixtures.Outcome::status).containsOnly(Status.SUCCESSFUL);
    assertThat(outcomes).hasSize(2);
    // a consumer at 1 ms keeps up with 300/s; one at 10 ms (μ ≤ 100/s) cannot
    assertThat(Templates.results.get(1).verdict()).isEqualTo(Verdict.SURVIVED);
    assertThat(Templates.results.get(10).verdict()).isEqualTo(Verdict.OVERFLOWED);
    // each invocation's summary names it
    assertThat(outcomes.get(0).reports())
        .singleElement()
        .asString()
        .startsWith("overload 'perServiceTime[1]': SURVIVED");
    assertThat(outcomes.get(1).reports())
        .singleElement()
        .asString()
        .startsWith("overload 'perServiceTime[2]': OVERFLOWED");
    RunResult first = read(reports, "Templates.perServiceTime-1");
    RunResult second = read(reports, "Templates.perServiceTime-2");
    assertThat(first.name()).isEqualTo("Templates.perServiceTime[1]");
    assertThat(first.design()).isEqualTo("consumer 1 ms");
    assertThat(first.scenario()).isEqualTo("constant 300/s, invocation 1 of [1]");
    assertThat(first.verdict()).contains(Verdict.SURVIVED);
    assertThat(second.name()).isEqualTo("Templates.perServiceTime[2]");
    assertThat(second.design()).isEqualTo("consumer 10 ms");
    assertThat(second.verdict()).contains(Verdict.OVERFLOWED);
    assertThat(reports.resolve("index.html"))
        .content(StandardCharsets.UTF_8)
        .contains("consumer 1 ms", "consumer 10 ms", "Templates.perServiceTime-2.html");
  }

  @Test
  void withoutReportAs_eachParameterizedInvocation_getsACellNamedAfterItsArguments()
      throws Exception {
    Path reports = dir.resolve("reports");

    List<Fixtures.Outcome> outcomes = run("unlabelled", reports);

    assertThat(outcomes).extracting(Fixtures.Outcome::status).containsOnly(Status.SUCCESSFUL);
    assertThat(read(reports, "Templates.unlabelled-1").scenario())
        .isEqualTo("unlabelled [1] north");
    assertThat(read(reports, "Templates.unlabelled-2").scenario())
        .isEqualTo("unlabelled [2] south");
    assertThat(read(reports, "Templates.unlabelled-2").design()).isEqualTo("Templates");
  }

  @Test
  void theRepetitionsOfARepeatedTest_areRunsOfTheirOwn_inOneCell() throws Exception {
    Path reports = dir.resolve("reports");

    List<Fixtures.Outcome> outcomes = run("repeated", reports);

    assertThat(outcomes).hasSize(3);
    assertThat(outcomes).extracting(Fixtures.Outcome::status).containsOnly(Status.SUCCESSFUL);
    for (int i = 1; i <= 3; i++) {
      RunResult run = read(reports, "Templates.repeated-" + i);
      assertThat(run.name()).isEqualTo("Templates.repeated[" + i + "]");
      assertThat(run.scenario()).isEqualTo("repeated");
      assertThat(run.verdict()).contains(Verdict.SURVIVED);
    }
    try (Stream<Path> files = Files.list(reports.resolve(ReportWriter.RUNS))) {
      assertThat(files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".json")))
          .hasSize(3);
    }
  }

  @Test
  void overloadTest_onARepeatedTest_isRefused_sinceJUnitWouldRunItTwice() {
    List<Fixtures.Outcome> outcomes = run("overloadTestRepeated", dir);

    // JUnit runs it as a plain test and as each repetition: every one of them says why it fails
    assertThat(outcomes).hasSize(3);
    for (Fixtures.Outcome outcome : outcomes) {
      assertThat(outcome.status()).isEqualTo(Status.FAILED);
      assertThat(outcome.message())
          .contains("@OverloadTest is a @Test", "'overloadTestRepeated'", "use @Overload");
    }
  }

  @Test
  void overloadTest_andOverload_onOneMethod_areRefused() {
    Fixtures.Outcome outcome = Fixtures.run(Templates.class, "both", Map.of());

    assertThat(outcome.status()).isEqualTo(Status.FAILED);
    assertThat(outcome.message()).contains("declares both @OverloadTest and @Overload");
  }

  @Test
  void aPlaceholder_namingAnArgumentTheInvocationDoesNotHave_failsNamingWhatItHas() {
    List<Fixtures.Outcome> outcomes = run("missingArgument", dir);

    assertThat(outcomes).hasSize(1);
    assertThat(outcomes.get(0).status()).isEqualTo(Status.FAILED);
    assertThat(outcomes.get(0).message())
        .contains("@ReportAs", "design", "'shard {2}'", "[1]", "'missingArgument'", "({0} to {0})");
  }

  @Test
  void placeholders_onAPlainOverloadTest_areRefused() {
    Fixtures.Outcome outcome = Fixtures.run(Templates.class, "plainWithPlaceholder", Map.of());

    assertThat(outcome.status()).isEqualTo(Status.FAILED);
    assertThat(outcome.message())
        .contains("@ReportAs requires that scenario be without placeholders", "\"{index}\"");
  }

  @Test
  void settingsOfOverload_areValidatedAndNamedAsSuch() {
    List<Fixtures.Outcome> outcomes = run("badGrace", dir);

    assertThat(outcomes).hasSize(1);
    assertThat(outcomes.get(0).status()).isEqualTo(Status.FAILED);
    assertThat(outcomes.get(0).message()).contains("@Overload requires that grace", "\"soon\"");
  }

  @Fixture
  static class Templates {

    static final Map<Integer, OverloadResult> results = new ConcurrentHashMap<>();

    private static OverloadResult flood(OverloadHarness harness, long serviceMillis) {
      InstrumentedQueue<Message> mailbox = InstrumentedQueue.unbounded("mailbox");
      harness
          .consume(mailbox, message -> LockSupport.parkNanos(serviceMillis * 1_000_000))
          .sendTo(Sender.offering(mailbox::offer));
      return harness.run();
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 10})
    @Overload(grace = "2s")
    @ConstantLoad(rate = 300, duration = "1s")
    @ReportAs(design = "consumer {0} ms", scenario = "constant 300/s, invocation {index} of [{0}]")
    void perServiceTime(int serviceMillis, OverloadHarness harness) {
      results.put(serviceMillis, flood(harness, serviceMillis));
    }

    @ParameterizedTest
    @ValueSource(strings = {"north", "south"})
    @Overload(grace = "2s")
    @ConstantLoad(rate = 100, duration = "300ms")
    void unlabelled(String region, OverloadHarness harness) {
      flood(harness, 1);
    }

    @RepeatedTest(3)
    @Overload(grace = "2s")
    @ConstantLoad(rate = 100, duration = "300ms")
    void repeated(OverloadHarness harness) {
      flood(harness, 1);
    }

    @RepeatedTest(2)
    @OverloadTest
    @ConstantLoad(rate = 100, duration = "300ms")
    void overloadTestRepeated(OverloadHarness harness) {
      flood(harness, 1);
    }

    @OverloadTest
    @Overload
    @ConstantLoad(rate = 100, duration = "300ms")
    void both(OverloadHarness harness) {
      flood(harness, 1);
    }

    @ParameterizedTest
    @ValueSource(ints = {1})
    @Overload
    @ConstantLoad(rate = 100, duration = "300ms")
    @ReportAs(design = "shard {2}")
    void missingArgument(int shard, OverloadHarness harness) {
      flood(harness, 1);
    }

    @OverloadTest
    @ConstantLoad(rate = 100, duration = "300ms")
    @ReportAs(scenario = "{index}")
    void plainWithPlaceholder(OverloadHarness harness) {
      flood(harness, 1);
    }

    @ParameterizedTest
    @ValueSource(ints = {1})
    @Overload(grace = "soon")
    @ConstantLoad(rate = 100, duration = "300ms")
    void badGrace(int shard, OverloadHarness harness) {
      flood(harness, 1);
    }
  }
}
