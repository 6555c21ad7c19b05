package dev.spillway.junit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.spillway.junit.internal.ReportSettings;
import dev.spillway.report.ReportWriter;
import dev.spillway.report.RunResult;
import dev.spillway.report.RunResultJson;
import dev.spillway.toolkit.load.Message;
import dev.spillway.toolkit.load.Sender;
import dev.spillway.toolkit.probe.QueueProbes;
import dev.spillway.toolkit.record.InstrumentedQueue;
import dev.spillway.toolkit.verdict.Verdict;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.jupiter.api.io.TempDir;
import org.junit.platform.engine.TestExecutionResult.Status;

/**
 * Every run writes its report: the JSON result and page under the configured directory, placed in
 * the survival matrix by {@link ReportAs}, and the extension says where the index page is once
 * every test has run.
 */
class OverloadReportTests {

  @TempDir Path dir;

  @AfterEach
  void noThreadOfOursOutlivesTheFixture() {
    assertThat(Fixtures.spillwayThreads()).isEmpty();
  }

  private Map<String, String> reportIn(Path reports) {
    return Map.of(ReportSettings.DIRECTORY, reports.toString());
  }

  private RunResult read(Path reports, String id) throws IOException {
    Path json = reports.resolve(ReportWriter.RUNS).resolve(id + ".json");
    assertThat(json).isRegularFile();
    assertThat(reports.resolve(ReportWriter.RUNS).resolve(id + ".html")).isRegularFile();
    return RunResultJson.read(json);
  }

  @Test
  void aRun_writesItsResultAndPage_namedAfterTheTest_inTheMatrixCellItDeclares() throws Exception {
    Path reports = dir.resolve("reports");
    Fixtures.Outcome outcome = Fixtures.run(Reports.class, "bounded", reportIn(reports));

    assertThat(outcome.status()).isEqualTo(Status.SUCCESSFUL);
    RunResult run = read(reports, "Reports.bounded");
    assertThat(run.name()).isEqualTo("Reports.bounded");
    assertThat(run.design()).isEqualTo("bounded(10)");
    assertThat(run.scenario()).isEqualTo("constant 300/s");
    assertThat(run.source()).isEqualTo("junit");
    assertThat(run.verdict()).contains(Verdict.SHED);
    assertThat(run.judgedProbe()).contains("mailbox");
    assertThat(run.probe("mailbox").exactHighWaterMark()).hasValue(10);
    assertThat(run.figures().highWaterMark()).hasValue(10);
    assertThat(run.ledger()).isPresent();
    assertThat(run.ledger().get().rejected()).isPositive();
    // the bounds as the run judged them: the exact mark under @QueueBound, the drain it watched
    assertThat(run.bounds())
        .extracting(b -> b.kind().name(), b -> b.subject(), b -> b.held())
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("QUEUE", "mailbox", true),
            org.assertj.core.groups.Tuple.tuple("DRAIN", "mailbox", true));
    assertThat(run.bounds().get(0).observed()).hasValue(10);
    assertThat(run.ratePoints()).isNotEmpty();
    assertThat(run.injectors()).isNotEmpty();
    assertThat(run.details()).containsEntry("test", "Reports.bounded");
    assertThat(reports.resolve("index.html"))
        .content(StandardCharsets.UTF_8)
        .contains("bounded(10)", "constant 300/s", "Reports.bounded.html");
  }

  @Test
  void reportAs_onTheClass_givesTheDesign_andTheMethodNameIsTheDefaultScenario() throws Exception {
    Path reports = dir.resolve("reports");
    Fixtures.run(Reports.class, "keepsUp", reportIn(reports));

    RunResult run = read(reports, "Reports.keepsUp");
    assertThat(run.design()).isEqualTo("a mailbox");
    assertThat(run.scenario()).isEqualTo("keepsUp");
    assertThat(run.verdict()).contains(Verdict.SURVIVED);
  }

  @Test
  void reportAs_onTheMethod_mergesWithTheOneOfAComposedAnnotation_attributeByAttribute()
      throws Exception {
    Path reports = dir.resolve("reports");
    Fixtures.run(Reports.class, "composedScenario", reportIn(reports));

    RunResult run = read(reports, "Reports.composedScenario");
    assertThat(run.design()).isEqualTo("named on the method");
    assertThat(run.scenario()).isEqualTo("from the composed annotation");
  }

  @Test
  void harnessReportAs_replacesTheDeclaredCell_andReportDetailShowsOnTheRun() throws Exception {
    Path reports = dir.resolve("reports");
    Fixtures.run(Reports.class, "labelledInCode", reportIn(reports));

    RunResult run = read(reports, "Reports.labelledInCode");
    assertThat(run.design()).isEqualTo("from code");
    assertThat(run.scenario()).isEqualTo("in the body");
    assertThat(run.details()).containsEntry("consumer", "2 ms per message");
  }

  @Test
  void aFailedRun_isReportedToo_withItsBrokenBound() throws Exception {
    Path reports = dir.resolve("reports");
    Fixtures.Outcome outcome = Fixtures.run(Reports.class, "breaches", reportIn(reports));

    assertThat(outcome.status()).isEqualTo(Status.FAILED);
    RunResult run = read(reports, "Reports.breaches");
    assertThat(run.boundsHeld()).isFalse();
    // the page shows the bound the test failed on, at the depth the failure names
    assertThat(run.bounds()).singleElement().satisfies(b -> assertThat(b.held()).isFalse());
    long observed = (long) run.bounds().get(0).observed().getAsDouble();
    assertThat(outcome.message())
        .contains("@QueueBound(max = 20) breached: queue 'mailbox' reached depth ")
        .contains(String.format(java.util.Locale.ROOT, "%,d", observed));
    assertThat(run.verdict()).contains(Verdict.OVERFLOWED);
  }

  @Test
  void aProbedQueueThatDrainsBetweenTwoSamples_stillShowsItsDrain_inTheResultAndTheReport()
      throws Exception {
    Path reports = dir.resolve("reports");
    Fixtures.Outcome outcome =
        Fixtures.run(Reports.class, "drainsBetweenSamples", reportIn(reports));

    assertThat(outcome.status()).isEqualTo(Status.SUCCESSFUL);
    OverloadResult result = Reports.lastResult.get();
    // the recorder samples every 200 ms and takes no sample when it stops: the run waits for one
    // taken after the drain, so the trace ends empty
    assertThat(result.trace().series("backlog").finalDepth()).isZero();
    assertThat(result.drainTime("backlog")).isPresent();
    assertThat(read(reports, "Reports.drainsBetweenSamples").drainTime()).isPresent();
  }

  @Test
  void reportsTurnedOff_writeNothing() {
    Path reports = dir.resolve("reports");
    Fixtures.Outcome outcome =
        Fixtures.run(
            Reports.class,
            "keepsUp",
            Map.of(ReportSettings.DIRECTORY, reports.toString(), ReportSettings.ENABLED, "false"));

    assertThat(outcome.status()).isEqualTo(Status.SUCCESSFUL);
    assertThat(reports).doesNotExist();
  }

  @Test
  void aReportThatCannotBeWritten_isSaid_andDoesNotFailTheTest() throws IOException {
    Path file = Files.writeString(dir.resolve("a-file"), "not a directory");
    PrintStream err = System.err;
    ByteArrayOutputStream captured = new ByteArrayOutputStream();
    Fixtures.Outcome outcome;
    System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
    try {
      outcome = Fixtures.run(Reports.class, "keepsUp", reportIn(file.resolve("reports")));
    } finally {
      System.setErr(err);
    }

    assertThat(outcome.status()).isEqualTo(Status.SUCCESSFUL);
    assertThat(captured.toString(StandardCharsets.UTF_8))
        .contains("[spillway] the report of 'Reports.keepsUp' was not written to");
  }

  @Test
  void onceEveryTestHasRun_theIndexIsWrittenOnce_withEveryRun_andTheExtensionSaysWhere_last()
      throws IOException {
    Path reports = dir.resolve("reports");
    TwoRuns.reports.set(reports);
    PrintStream out = System.out;
    ByteArrayOutputStream captured = new ByteArrayOutputStream();
    System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
    try {
      Fixtures.runAll(TwoRuns.class, reportIn(reports));
    } finally {
      System.setOut(out);
    }

    // when the second test started, the first had written its result and page, but no index
    assertThat(TwoRuns.seenBySecond.get()).isEqualTo("first's page: true, index: false");
    assertThat(reports.resolve("index.html"))
        .content(StandardCharsets.UTF_8)
        .contains("runs/TwoRuns.first.html", "runs/TwoRuns.second.html");
    String printed = captured.toString(StandardCharsets.UTF_8).strip();
    String index = reports.resolve("index.html").toAbsolutePath().normalize().toUri().toString();
    assertThat(printed.lines().filter(l -> l.startsWith("spillway: SURVIVED TwoRuns."))).hasSize(2);
    assertThat(printed.lines().filter(l -> l.startsWith("spillway: report index"))).hasSize(1);
    assertThat(printed.lines().reduce((a, b) -> b).orElseThrow())
        .isEqualTo("spillway: report index " + index + " (2 runs written now)");
  }

  @Test
  void theIndex_keepsListingTheResultsOfEarlierTestRuns() throws IOException {
    Path reports = dir.resolve("reports");
    Fixtures.run(Reports.class, "keepsUp", reportIn(reports));
    Fixtures.run(Reports.class, "labelledInCode", reportIn(reports));

    assertThat(reports.resolve("index.html"))
        .content(StandardCharsets.UTF_8)
        .contains("runs/Reports.keepsUp.html", "runs/Reports.labelledInCode.html");
  }

  @Test
  void aBadReportParameter_failsBeforeAnyLoad_namingItsValue() {
    Fixtures.Outcome outcome =
        Fixtures.run(Reports.class, "keepsUp", Map.of(ReportSettings.ENABLED, "yes"));

    assertThat(outcome.failure()).containsInstanceOf(ExtensionConfigurationException.class);
    assertThat(outcome.message())
        .isEqualTo(
            "configuration parameter spillway.report.enabled must be true or false, but was \"yes\"");
    assertThat(outcome.reports()).isEmpty();
  }

  @Test
  void aBlankReportAs_isAConfigurationError() {
    Fixtures.Outcome outcome = Fixtures.run(Reports.class, "blankDesign");

    assertThat(outcome.failure()).containsInstanceOf(ExtensionConfigurationException.class);
    assertThat(outcome.message())
        .isEqualTo("@ReportAs requires that design be not blank, but was \" \"");
  }

  /** A composed annotation that carries a load and the scenario it makes. */
  @java.lang.annotation.Retention(java.lang.annotation.RetentionPolicy.RUNTIME)
  @java.lang.annotation.Target(java.lang.annotation.ElementType.METHOD)
  @ConstantLoad(rate = 100, duration = "300ms")
  @ReportAs(scenario = "from the composed annotation", design = "from the composed annotation")
  @interface ComposedLoad {}

  @Fixture
  @ReportAs(design = "a mailbox")
  static class Reports {

    static final AtomicReference<OverloadResult> lastResult = new AtomicReference<>();

    @OverloadTest(grace = "2s", sampleEvery = "200ms")
    @ConstantLoad(rate = 400, duration = "500ms")
    @DrainsWithin("2s")
    void drainsBetweenSamples(OverloadHarness harness) {
      LinkedBlockingQueue<Message> backlog = new LinkedBlockingQueue<>();
      Consumer<Message> handler = harness.wrapConsumer(m -> LockSupport.parkNanos(3_000_000));
      Thread consumer =
          new Thread(
              () -> {
                try {
                  while (true) {
                    handler.accept(backlog.take());
                  }
                } catch (InterruptedException stop) {
                  Thread.currentThread().interrupt(); // the test is over
                }
              },
              "backlog-consumer");
      consumer.setDaemon(true);
      consumer.start();
      harness.closeAfterTest(consumer::interrupt);
      harness
          .watch(QueueProbes.blockingQueue("backlog", backlog))
          .sendTo(Sender.offering(backlog::offer));
      lastResult.set(harness.run());
    }

    @OverloadTest(grace = "2s")
    @ConstantLoad(rate = 300, duration = "500ms")
    @FixedDelay("5ms")
    @QueueBound(max = 10)
    @DrainsWithin("1s")
    @ReportAs(design = "bounded(10)", scenario = "constant 300/s")
    void bounded(OverloadHarness harness) {
      InstrumentedQueue<Message> mailbox = InstrumentedQueue.bounded("mailbox", 10);
      harness.consume(mailbox, message -> {}).sendTo(Sender.offering(mailbox::offer));
    }

    @OverloadTest(grace = "2s")
    @ComposedLoad
    @ReportAs(design = "named on the method")
    void composedScenario(OverloadHarness harness) {
      InstrumentedQueue<Message> mailbox = InstrumentedQueue.unbounded("mailbox");
      harness.consume(mailbox, message -> {}).sendTo(Sender.offering(mailbox::offer));
    }

    @OverloadTest(grace = "2s")
    @ConstantLoad(rate = 100, duration = "300ms")
    @FixedDelay("1ms")
    void keepsUp(OverloadHarness harness) {
      InstrumentedQueue<Message> mailbox = InstrumentedQueue.unbounded("mailbox");
      harness.consume(mailbox, message -> {}).sendTo(Sender.offering(mailbox::offer));
    }

    @OverloadTest(grace = "2s")
    @ConstantLoad(rate = 100, duration = "300ms")
    @FixedDelay("2ms")
    @ReportAs(design = "declared", scenario = "declared")
    void labelledInCode(OverloadHarness harness) {
      InstrumentedQueue<Message> mailbox = InstrumentedQueue.unbounded("mailbox");
      harness
          .reportAs("from code", "in the body")
          .reportDetail("consumer", "2 ms per message")
          .consume(mailbox, message -> {})
          .sendTo(Sender.offering(mailbox::offer));
    }

    @OverloadTest(grace = "2s")
    @ConstantLoad(rate = 400, duration = "1s")
    @FixedDelay("10ms")
    @QueueBound(max = 20)
    void breaches(OverloadHarness harness) {
      InstrumentedQueue<Message> mailbox = InstrumentedQueue.unbounded("mailbox");
      harness.consume(mailbox, message -> {}).sendTo(Sender.offering(mailbox::offer));
    }

    @OverloadTest(grace = "2s")
    @ConstantLoad(rate = 100, duration = "300ms")
    @ReportAs(design = " ")
    void blankDesign(OverloadHarness harness) {
      InstrumentedQueue<Message> mailbox = InstrumentedQueue.unbounded("mailbox");
      harness.consume(mailbox, message -> {}).sendTo(Sender.offering(mailbox::offer));
    }
  }

  @Fixture
  @TestMethodOrder(MethodOrderer.MethodName.class)
  static class TwoRuns {

    static final AtomicReference<Path> reports = new AtomicReference<>();
    static final AtomicReference<String> seenBySecond = new AtomicReference<>();

    @OverloadTest(grace = "2s")
    @ConstantLoad(rate = 100, duration = "300ms")
    void first(OverloadHarness harness) {
      InstrumentedQueue<Message> mailbox = InstrumentedQueue.unbounded("mailbox");
      harness.consume(mailbox, message -> {}).sendTo(Sender.offering(mailbox::offer));
    }

    @OverloadTest(grace = "2s")
    @ConstantLoad(rate = 100, duration = "300ms")
    void second(OverloadHarness harness) {
      Path dir = reports.get();
      seenBySecond.set(
          "first's page: "
              + Files.exists(dir.resolve(ReportWriter.RUNS).resolve("TwoRuns.first.html"))
              + ", index: "
              + Files.exists(dir.resolve("index.html")));
      InstrumentedQueue<Message> mailbox = InstrumentedQueue.unbounded("mailbox");
      harness.consume(mailbox, message -> {}).sendTo(Sender.offering(mailbox::offer));
    }
  }
}
