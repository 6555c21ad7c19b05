package dev.spillway.junit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.spillway.junit.internal.ReportSettings;
import dev.spillway.report.ReportWriter;
import dev.spillway.report.RunResult;
import dev.spillway.report.RunResultJson;
import dev.spillway.toolkit.autopsy.AutopsyReport;
import dev.spillway.toolkit.autopsy.MethodShare;
import dev.spillway.toolkit.load.Message;
import dev.spillway.toolkit.load.Sender;
import dev.spillway.toolkit.record.InstrumentedQueue;
import dev.spillway.toolkit.verdict.Verdict;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.platform.engine.TestExecutionResult.Status;

/**
 * {@link RecordAutopsy}: the autopsy of an overflowing consumer names the method its time went to,
 * in the result, the summary line and the report; threads the harness does not wrap join it through
 * {@link OverloadHarness#autopsyOf}.
 */
class RecordAutopsyTests {

  @TempDir Path dir;

  @AfterEach
  void noThreadOfOursOutlivesTheFixture() {
    assertThat(Fixtures.spillwayThreads()).isEmpty();
  }

  @Test
  void anOverflowingConsumer_sleepingInRepoInsert_isNamedAtRepoInsert_inResultSummaryAndReport()
      throws Exception {
    Path reports = dir.resolve("reports");
    Fixtures.Outcome outcome =
        Fixtures.run(
            Autopsied.class,
            "sleepsInRepoInsert",
            Map.of(ReportSettings.DIRECTORY, reports.toString()));

    assertThat(outcome.status()).isEqualTo(Status.SUCCESSFUL);
    OverloadResult result = Autopsied.lastResult.get();
    assertThat(result.verdict()).isEqualTo(Verdict.OVERFLOWED);
    AutopsyReport autopsy = result.autopsy().orElseThrow();
    assertThat(autopsy.threads()).containsExactly("spillway-consumer-sleepsInRepoInsert-mailbox");
    MethodShare top = autopsy.topMethod().orElseThrow();
    assertThat(top.shortName()).isEqualTo("RecordAutopsyTests$Repo.insert");
    assertThat(top.share()).isGreaterThan(0.5);
    assertThat(autopsy.time().sleeping()).isGreaterThan(autopsy.time().parked());
    assertThat(result.summary()).endsWith("; " + autopsy.summary());
    assertThat(outcome.reports())
        .singleElement()
        .asString()
        .contains("in RecordAutopsyTests$Repo.insert");

    RunResult run =
        RunResultJson.read(
            reports.resolve(ReportWriter.RUNS).resolve("Autopsied.sleepsInRepoInsert.json"));
    assertThat(run.autopsy()).contains(autopsy);
  }

  @Test
  void aComponentsOwnConsumer_joinsTheAutopsy_throughAutopsyOf() {
    Fixtures.Outcome outcome = Fixtures.run(Autopsied.class, "ownConsumerParses");

    assertThat(outcome.status()).isEqualTo(Status.SUCCESSFUL);
    AutopsyReport autopsy = Autopsied.lastResult.get().autopsy().orElseThrow();
    assertThat(autopsy.threads()).containsExactly("own-consumer");
    MethodShare top = autopsy.topMethod().orElseThrow();
    assertThat(top.shortName()).isEqualTo("RecordAutopsyTests$Parser.parse");
    assertThat(top.selfShare()).isGreaterThan(top.share() / 2);
    assertThat(autopsy.time().running()).isGreaterThan(0.5).isGreaterThan(autopsy.time().waiting());
  }

  @Test
  void aSamplePeriodOutOfRange_failsBeforeAnyLoad_namingTheAttribute() {
    Fixtures.Outcome outcome = Fixtures.run(Autopsied.class, "badPeriod");

    assertThat(outcome.status()).isEqualTo(Status.FAILED);
    assertThat(outcome.message())
        .contains("@RecordAutopsy")
        .contains("samplePeriod")
        .contains("5s");
  }

  /** A repository whose insert waits 5 ms on its database. */
  static final class Repo {
    void insert() {
      try {
        Thread.sleep(5);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }

  /** A parser that burns about 5 ms of CPU per message. */
  static final class Parser {
    static volatile long sink;

    void parse() {
      long end = System.nanoTime() + 5_000_000;
      long x = 1;
      while (System.nanoTime() < end) {
        for (int i = 0; i < 1_000; i++) {
          x = x * 6364136223846793005L + 1442695040888963407L;
        }
      }
      sink = x;
    }
  }

  @Fixture
  static class Autopsied {

    static final AtomicReference<OverloadResult> lastResult = new AtomicReference<>();

    @OverloadTest(grace = "2s")
    @ConstantLoad(rate = 300, duration = "800ms") // μ ≈ 200/s: the queue grows ~100/s
    @RecordAutopsy
    void sleepsInRepoInsert(OverloadHarness harness) {
      Repo repo = new Repo();
      InstrumentedQueue<Message> mailbox = InstrumentedQueue.unbounded("mailbox");
      harness.consume(mailbox, m -> repo.insert()).sendTo(Sender.offering(mailbox::offer));
      lastResult.set(harness.run());
    }

    @OverloadTest(grace = "2s", settleLimit = "200ms") // nothing counts its messages processed
    @ConstantLoad(rate = 300, duration = "600ms")
    @AllowSilentLoss("the component's own consumer is not counted by the harness")
    void ownConsumerParses(OverloadHarness harness) throws InterruptedException {
      Parser parser = new Parser();
      InstrumentedQueue<Message> mailbox = InstrumentedQueue.unbounded("mailbox");
      Thread own =
          new Thread(
              () -> {
                try {
                  while (true) {
                    mailbox.take();
                    parser.parse();
                  }
                } catch (InterruptedException e) {
                  // stopped
                }
              },
              "own-consumer");
      own.setDaemon(true);
      own.start();
      try {
        harness
            .watch(mailbox)
            .sendTo(Sender.offering(mailbox::offer))
            .autopsyOf(t -> t.getName().equals("own-consumer"));
        lastResult.set(harness.run());
      } finally {
        own.interrupt();
        own.join();
      }
    }

    @OverloadTest
    @ConstantLoad(rate = 100, duration = "100ms")
    @RecordAutopsy(samplePeriod = "5s")
    void badPeriod(OverloadHarness harness) {}
  }
}
