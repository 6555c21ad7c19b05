package dev.spillway.junit.realtargets;

import static org.assertj.core.api.Assertions.assertThat;

import dev.spillway.junit.Fixture;
import dev.spillway.junit.Fixtures;
import dev.spillway.junit.OverloadHarness;
import dev.spillway.junit.OverloadResult;
import dev.spillway.junit.OverloadTest;
import dev.spillway.junit.SpikeLoad;
import dev.spillway.toolkit.ledger.SettledBooks;
import dev.spillway.toolkit.ledger.Settlement;
import dev.spillway.toolkit.target.ExecutorTarget;
import dev.spillway.toolkit.verdict.Verdict;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * A {@code ThreadPoolExecutor(1, 1)} with an unbounded {@code LinkedBlockingQueue} and a 5 ms task
 * under the seed spike held long: its backlog grows at λ − μ ≈ 50 messages a second and outlives
 * the load. That is an overflow, never a loss: every task runs in the end, and the test counts them
 * itself (it shuts the pool down after the run and waits until it has run every task).
 */
@Tag("realtargets")
class UnboundedExecutorTests {

  @AfterEach
  void noThreadOfOursOutlivesTheFixture() {
    assertThat(Fixtures.spillwayThreads()).isEmpty();
  }

  @Test
  void aBacklogThatNeedsLongerThanTheSettleLimit_isOverflowed_stillDraining_neverLost() {
    backlogOutlivesTheSettleLimit(RealRun.of(Backlogs.class, "heldPastTheSettleLimit"));
  }

  static void backlogOutlivesTheSettleLimit(RealRun run) {
    OverloadResult result = Checks.verdict(run, Verdict.OVERFLOWED);
    Checks.booksAgree(run, 1);
    SettledBooks settled = result.assessment().settled();
    // 6 s × ≈ 50/s: some 300 messages queued when the load ends, about 1.5 s of work at μ ≈ 200/s
    // (more on a loaded machine, never less: the 5 ms work caps μ), three times the 500 ms settle
    // limit; the books were taken while they still drained
    assertThat(settled.settlement()).as(run.describe()).isEqualTo(Settlement.STILL_DRAINING);
    assertThat(settled.books().queued()).isPositive();
    assertThat(result.assessment().explanation()).contains("books taken still draining after");
    assertThat(run.truth().runs()).as("every task ran").isEqualTo(run.truth().handed());
  }

  @Test
  void theIssuesEightSecondSpike_isOverflowed_neverLost() {
    backlogDrainsWithinTheSettleLimit(RealRun.of(Backlogs.class, "held8s"));
  }

  static void backlogDrainsWithinTheSettleLimit(RealRun run) {
    Checks.verdict(run, Verdict.OVERFLOWED);
    Checks.booksAgree(run, 1);
    assertThat(run.truth().runs()).as("every task ran").isEqualTo(run.truth().handed());
  }

  /** One worker, an unbounded queue, the spike held 6 s (settling for at most 500 ms) or 8 s. */
  @Fixture
  static class Backlogs {

    private static void flood(OverloadHarness harness) throws Exception {
      CountingPool pool =
          CountingPool.of(
              "orders", 1, new LinkedBlockingQueue<>(), new ThreadPoolExecutor.AbortPolicy());
      harness.closeAfterTest(pool::stop);
      harness.target(ExecutorTarget.of("orders", pool, pool.counting(Work::fiveMillis)));
      RealRun.play(
          harness,
          () -> {
            pool.shutdown(); // the backlog still runs: then every task has run
            if (!pool.awaitTermination(3, TimeUnit.MINUTES)) {
              throw new IllegalStateException("the pool did not finish its backlog");
            }
            return pool.truth();
          });
    }

    // a settle limit the backlog outlives, as the 10 s default is outlived by a longer spike;
    // grace: the body waits for the backlog after the run (the watchdog counts it in)
    @OverloadTest(grace = "1m", settleLimit = "500ms")
    @SpikeLoad(base = 150, peak = 250, at = "500ms", hold = "6s", duration = "7s")
    void heldPastTheSettleLimit(OverloadHarness harness) throws Exception {
      flood(harness);
    }

    @OverloadTest(grace = "1m")
    @SpikeLoad(base = 150, peak = 250, at = "500ms", hold = "8s", duration = "9s")
    void held8s(OverloadHarness harness) throws Exception {
      flood(harness);
    }
  }
}
