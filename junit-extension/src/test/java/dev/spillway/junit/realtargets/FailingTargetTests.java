package dev.spillway.junit.realtargets;

import static org.assertj.core.api.Assertions.assertThat;

import dev.spillway.junit.Fixture;
import dev.spillway.junit.Fixtures;
import dev.spillway.junit.OverloadHarness;
import dev.spillway.junit.OverloadResult;
import dev.spillway.junit.OverloadTest;
import dev.spillway.junit.SpikeLoad;
import dev.spillway.junit.VerdictThresholds;
import dev.spillway.report.ReportWriter;
import dev.spillway.report.RunResult;
import dev.spillway.report.RunResultJson;
import dev.spillway.toolkit.ledger.LedgerSnapshot;
import dev.spillway.toolkit.load.Message;
import dev.spillway.toolkit.record.InstrumentedQueue;
import dev.spillway.toolkit.target.ExecutorTarget;
import dev.spillway.toolkit.verdict.Verdict;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Targets that answer with errors instead of serving, under the seed spike (1 s peak): one whose
 * every send throws, one whose every task throws, and one that fails every twentieth message (5 %)
 * on two workers that keep up with the load. A failing target is FAILED above the failed-share
 * threshold (1 % by default), never SURVIVED, and its exception's class and message are in the
 * summary, the explanation and the JSON.
 */
@Tag("realtargets")
class FailingTargetTests {

  static final String REFUSED = "downstream refused the order: connection reset";

  @AfterEach
  void noThreadOfOursOutlivesTheFixture() {
    assertThat(Fixtures.spillwayThreads()).isEmpty();
  }

  @Test
  void aTargetWhoseEverySendThrows_isFailed_withTheExceptionEverywhere() {
    sendThrows(RealRun.of(Failing.class, "sendThrows"));
  }

  static void sendThrows(RealRun run) {
    OverloadResult result = Checks.verdict(run, Verdict.FAILED);
    LedgerSnapshot books = result.books();
    // the harness's own books: each send counted, each throw a failure; nothing else happened
    assertThat(books.sent()).as(run.describe()).isEqualTo(run.truth().handed());
    assertThat(books.failed()).isEqualTo(run.truth().thrown()).isEqualTo(books.sent());
    assertThat(books.processed()).isZero();
    assertThat(books.isBalanced()).isTrue();
    saysTheCauseEverywhere(result, "Failing.sendThrows");
  }

  @Test
  void aTargetWhoseEveryTaskThrows_isFailed_withTheExceptionEverywhere() {
    taskThrows(RealRun.of(Failing.class, "taskThrows"));
  }

  static void taskThrows(RealRun run) {
    OverloadResult result = Checks.verdict(run, Verdict.FAILED);
    Checks.booksAgree(run, 2);
    assertThat(result.books().failed()).isEqualTo(run.truth().runs());
    saysTheCauseEverywhere(result, "Failing.taskThrows");
  }

  @Test
  void aTargetThatFailsFivePercent_isFailed_underTheDefaultOnePercentThreshold() {
    fivePercent(RealRun.of(Failing.class, "fivePercent"), Verdict.FAILED);
  }

  @Test
  void aTargetThatFailsFivePercent_survives_underATenPercentThreshold() {
    fivePercent(RealRun.of(Failing.class, "fivePercentAllowed"), Verdict.SURVIVED);
  }

  static void fivePercentFailed(RealRun run) {
    fivePercent(run, Verdict.FAILED);
  }

  static void fivePercentSurvived(RealRun run) {
    fivePercent(run, Verdict.SURVIVED);
  }

  static void fivePercent(RealRun run, Verdict expected) {
    OverloadResult result = Checks.verdict(run, expected);
    Checks.booksAgree(run, 2);
    LedgerSnapshot books = result.books();
    // messages 0, 20, 40, … fail: exactly one in twenty of those sent (sequences 0 … sent − 1)
    assertThat(books.failed()).as(run.describe()).isEqualTo((books.sent() + 19) / 20);
    assertThat(result.assessment().explanation())
        .contains(
            expected == Verdict.FAILED ? "above the 1.0% threshold" : "within the 10.0% threshold");
  }

  /** The summary, the explanation and the JSON written for the run name the cause. */
  private static void saysTheCauseEverywhere(OverloadResult result, String runId) {
    assertThat(result.summary())
        .contains("failures: ", IllegalStateException.class.getName(), REFUSED);
    assertThat(result.assessment().explanation())
        .contains(IllegalStateException.class.getName(), REFUSED);
    RunResult written = readReport(runId);
    assertThat(written.verdict()).contains(Verdict.FAILED);
    assertThat(written.ledger().orElseThrow().failureCauses())
        .singleElement()
        .satisfies(
            cause -> {
              assertThat(cause.cause()).isEqualTo(IllegalStateException.class.getName());
              assertThat(cause.examples()).containsExactly(REFUSED);
              assertThat(cause.count()).isEqualTo(result.books().failed());
            });
  }

  private static RunResult readReport(String runId) {
    try {
      return RunResultJson.read(
          Path.of(Fixtures.REPORT_DIR).resolve(ReportWriter.RUNS).resolve(runId + ".json"));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The failing targets. */
  @Fixture
  static class Failing {

    private static void refuse(Message message) {
      throw new IllegalStateException(REFUSED);
    }

    @OverloadTest
    @SpikeLoad(base = 150, peak = 250, at = "500ms", hold = "1s", duration = "2s")
    void sendThrows(OverloadHarness harness) throws Exception {
      InstrumentedQueue<Message> mailbox = InstrumentedQueue.unbounded("orders");
      LongAdder attempts = new LongAdder();
      harness
          .consume(mailbox, order -> {}) // never reached: every send throws
          .sendTo(
              message -> {
                attempts.increment();
                refuse(message);
                return null;
              });
      RealRun.play(harness, () -> Truth.counts(attempts.sum(), 0, 0, 0, attempts.sum()));
    }

    /** Two workers (≈ 400/s, above the peak), an unbounded queue, {@code work} per message. */
    private static void twoWorkers(OverloadHarness harness, Consumer<Message> work)
        throws Exception {
      CountingPool pool =
          CountingPool.of(
              "orders", 2, new LinkedBlockingQueue<>(), new ThreadPoolExecutor.AbortPolicy());
      harness.closeAfterTest(pool::stop);
      harness.target(ExecutorTarget.of("orders", pool, pool.counting(work)));
      RealRun.play(
          harness,
          () -> {
            pool.shutdown();
            if (!pool.awaitTermination(1, TimeUnit.MINUTES)) {
              throw new IllegalStateException("the pool did not finish its tasks");
            }
            return pool.truth();
          });
    }

    @OverloadTest
    @SpikeLoad(base = 150, peak = 250, at = "500ms", hold = "1s", duration = "2s")
    void taskThrows(OverloadHarness harness) throws Exception {
      twoWorkers(harness, Failing::refuse);
    }

    private static void failEveryTwentieth(Message message) {
      Work.fiveMillis(message);
      if (message.sequence() % 20 == 0) {
        refuse(message);
      }
    }

    @OverloadTest
    @SpikeLoad(base = 150, peak = 250, at = "500ms", hold = "1s", duration = "2s")
    void fivePercent(OverloadHarness harness) throws Exception {
      twoWorkers(harness, Failing::failEveryTwentieth);
    }

    @OverloadTest
    @SpikeLoad(base = 150, peak = 250, at = "500ms", hold = "1s", duration = "2s")
    @VerdictThresholds(failedShare = 0.10)
    void fivePercentAllowed(OverloadHarness harness) throws Exception {
      twoWorkers(harness, Failing::failEveryTwentieth);
    }
  }
}
