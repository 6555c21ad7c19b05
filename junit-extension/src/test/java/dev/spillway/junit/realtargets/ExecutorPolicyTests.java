package dev.spillway.junit.realtargets;

import static org.assertj.core.api.Assertions.assertThat;

import dev.spillway.junit.ExpectVerdict;
import dev.spillway.junit.Fixture;
import dev.spillway.junit.Fixtures;
import dev.spillway.junit.OverloadHarness;
import dev.spillway.junit.OverloadResult;
import dev.spillway.toolkit.ledger.CauseCount;
import dev.spillway.toolkit.ledger.LedgerSnapshot;
import dev.spillway.toolkit.ledger.Rates;
import dev.spillway.toolkit.ledger.SettledBooks;
import dev.spillway.toolkit.ledger.Settlement;
import dev.spillway.toolkit.load.PhaseReport;
import dev.spillway.toolkit.probe.QueueProbe;
import dev.spillway.toolkit.target.AccountedTarget;
import dev.spillway.toolkit.target.ExecutorTarget;
import dev.spillway.toolkit.verdict.Verdict;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.RejectedExecutionHandler;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * A JDK {@code ThreadPoolExecutor} — one worker, a work queue of 100, a 5 ms task — under the seed
 * spike held 4 s, with each of the JDK's rejection policies and a handler that blocks: the verdict
 * each deserves, and Spillway's books against what the pool itself counted in the same run ({@link
 * CountingPool}: the calls of {@code execute}, the exceptions they threw, every run of the work and
 * the thread it ran on).
 */
@Tag("realtargets")
class ExecutorPolicyTests {

  @AfterEach
  void noThreadOfOursOutlivesTheFixture() {
    assertThat(Fixtures.spillwayThreads()).isEmpty();
  }

  @Test
  void abortPolicy_isShed_andEveryRejectionIsTheExceptionTheCallerGot() {
    abortPolicy(RealRun.of(Policies.class, "abort"));
  }

  static void abortPolicy(RealRun run) {
    OverloadResult result = Checks.verdict(run, Verdict.SHED);
    Checks.booksAgree(run, 1);
    LedgerSnapshot books = result.books();
    assertThat(books.rejected()).as(run.describe()).isPositive();
    assertThat(books.rejectionReasons())
        .extracting(CauseCount::cause)
        .containsExactly(RejectedExecutionException.class.getName());
    assertThat(result.highWaterMark("orders")).isLessThanOrEqualTo(100);
  }

  @Test
  void callerRunsPolicy_isPushedBack_andTheCallersWorkIsNotTheWorkersServiceRate() {
    callerRuns(RealRun.of(Policies.class, "callerRuns"));
  }

  static void callerRuns(RealRun run) {
    OverloadResult result = Checks.verdict(run, Verdict.PUSHED_BACK);
    Checks.booksAgree(run, 1);
    assertThat(run.truth().callerRuns()).as(run.describe()).isPositive();
    assertThat(result.summary()).contains(" run on the caller's thread");
    // μ is the worker's: one worker cannot complete more than one task per its shortest service
    // time (whole 100 ms buckets: at most one task more at each edge of the window). Work run on
    // the driver's thread, counted in μ, would add its rate (≈ 10 % of the peak) on top.
    Rates rates = result.assessment().rates().orElseThrow();
    double edges = 2 / (rates.window().toNanos() / 1e9);
    assertThat(rates.servicePerSecond())
        .as(run.describe())
        .isLessThanOrEqualTo(1 / run.truth().minService() + edges);
  }

  @Test
  void discardPolicy_isShed_withEveryDiscardDropped_andSaidThatTheCallerWasNotTold() {
    discard(RealRun.of(Policies.class, "discard"));
  }

  /*
   * Why SHED: the pool kept its queue at its bound and turned the excess away, by the policy it was
   * configured with; nothing vanished where nobody can see it (the target counts each discard as
   * it happens, exactly, with its reason). What the verdict alone does not say — that the callers
   * were never told — the drop reason says, in the summary, the explanation, the JSON and the page:
   * "discarded by DiscardPolicy (queue full): the caller was not told". LOST would claim that
   * messages vanished without a trace, which is untrue here; it is the verdict of a handler that
   * discards where the target cannot see it (see ExecutorTargetTest).
   */
  static void discard(RealRun run) {
    OverloadResult result = Checks.verdict(run, Verdict.SHED);
    Checks.booksAgree(run, 1);
    LedgerSnapshot books = result.books();
    assertThat(books.dropped()).as(run.describe()).isPositive();
    assertThat(books.rejected()).isZero();
    assertThat(books.dropReasons())
        .extracting(CauseCount::cause)
        .containsExactly("discarded by DiscardPolicy (queue full): the caller was not told");
    assertThat(result.summary()).contains("drops: ", "the caller was not told");
    assertThat(result.assessment().explanation()).contains("the caller was not told");
  }

  @Test
  void discardOldestPolicy_isShed_withEveryDiscardedOldestTaskDropped() {
    discardOldest(RealRun.of(Policies.class, "discardOldest"));
  }

  /* SHED for the same reasons as DiscardPolicy: it discards the oldest waiting task instead. */
  static void discardOldest(RealRun run) {
    OverloadResult result = Checks.verdict(run, Verdict.SHED);
    Checks.booksAgree(run, 1);
    LedgerSnapshot books = result.books();
    assertThat(books.dropped()).as(run.describe()).isPositive();
    assertThat(books.dropReasons())
        .extracting(CauseCount::cause)
        .singleElement()
        .asString()
        .contains("oldest", "the caller was not told");
  }

  @Test
  void aHandlerThatBlocksUntilTheQueueHasRoom_isPushedBack_andEveryTaskRuns() {
    blockingPut(RealRun.of(Policies.class, "blockingPut"));
  }

  static void blockingPut(RealRun run) {
    OverloadResult result = Checks.verdict(run, Verdict.PUSHED_BACK);
    Checks.booksAgree(run, 1);
    assertThat(run.truth().runs()).isEqualTo(run.truth().handed());
    // the peak's sends waited for room: each fell due while an earlier one was held in put (the
    // phase named in the summary is the one with the largest held share: often the recovery,
    // whose messages all fell due while the driver was still held sending the peak's)
    PhaseReport peak = result.load().phases().get(1);
    assertThat(peak.name()).isEqualTo("spike peak 250/s for 4 s");
    assertThat(peak.heldShare()).as(run.describe()).isGreaterThanOrEqualTo(0.05);
    assertThat(peak.fellShort()).isTrue();
    assertThat(result.assessment().heldPhase()).isPresent();
    // the summary names the phase it held: its sends held one after another, or how long
    assertThat(result.summary())
        .contains("; held ", "'" + result.assessment().heldPhase().orElseThrow().name() + "'");
  }

  @Test
  void aHandlerOfItsOwnThatDiscardsSilently_isLost_byExactlyWhatItDiscarded() {
    silentDiscard(RealRun.of(Policies.class, "silentDiscard"));
  }

  /*
   * The target cannot see through a handler of its own: what it discards without a word has no
   * outcome in the books. Once the pool is at rest that is proven lost — exactly the tasks that
   * never ran.
   */
  static void silentDiscard(RealRun run) {
    OverloadResult result = Checks.verdict(run, Verdict.LOST);
    SettledBooks settled = result.assessment().settled();
    assertThat(settled.settlement()).as(run.describe()).isEqualTo(Settlement.AT_REST);
    assertThat(run.truth().vanished()).isPositive();
    assertThat(settled.provenLost()).isEqualTo(result.books().unaccounted());
    assertThat(result.books().unaccounted()).isEqualTo(run.truth().vanished());
    assertThat(result.books().processed()).isEqualTo(run.truth().runs());
    assertThat(result.books().dropped() + result.books().rejected()).isZero();
    assertThat(result.assessment().explanation())
        .startsWith(run.truth().vanished() + " messages lost silently (taken at rest");
  }

  /** The fixtures: the same pool and load, one policy each. */
  @Fixture
  static class Policies {

    /** One worker, a queue of 100, {@code policy}; the target counted, the pool counting. */
    private static CountingPool flood(OverloadHarness harness, RejectedExecutionHandler policy)
        throws Exception {
      return flood(harness, policy, false);
    }

    /**
     * As above; with {@code boundHidden} the queue is watched through a lambda that does not know
     * its bound, as a user's own probe of a component may be.
     */
    private static CountingPool flood(
        OverloadHarness harness, RejectedExecutionHandler policy, boolean boundHidden)
        throws Exception {
      CountingPool pool = CountingPool.of("orders", 1, new ArrayBlockingQueue<>(100), policy);
      harness.closeAfterTest(pool::stop);
      AccountedTarget target = ExecutorTarget.of("orders", pool, pool.counting(Work::fiveMillis));
      harness.target(boundHidden ? withBoundHidden(target, pool) : target);
      RealRun.play(
          harness,
          () -> {
            pool.shutdown(); // the queued tasks still run: then every task has run or vanished
            if (!pool.awaitTermination(2, TimeUnit.MINUTES)) {
              throw new IllegalStateException("the pool did not finish its tasks");
            }
            return pool.truth();
          });
      return pool;
    }

    @SeedSpike
    void abort(OverloadHarness harness) throws Exception {
      flood(harness, new ThreadPoolExecutor.AbortPolicy());
    }

    @SeedSpike
    void callerRuns(OverloadHarness harness) throws Exception {
      flood(harness, new ThreadPoolExecutor.CallerRunsPolicy());
    }

    @SeedSpike
    void discard(OverloadHarness harness) throws Exception {
      flood(harness, new ThreadPoolExecutor.DiscardPolicy());
    }

    @SeedSpike
    void discardOldest(OverloadHarness harness) throws Exception {
      flood(harness, new ThreadPoolExecutor.DiscardOldestPolicy());
    }

    @SeedSpike
    @ExpectVerdict(Verdict.LOST) // expected: the run's no-silent-loss check does not fail it
    void silentDiscard(OverloadHarness harness) throws Exception {
      flood(harness, (task, executor) -> {}); // discards without a word
    }

    @SeedSpike
    void blockingPut(OverloadHarness harness) throws Exception {
      floodBlocking(harness, false);
    }

    /**
     * {@link #blockingPut} watched through a probe that does not know the bound: run by {@link
     * EarlyStopRealTargetsTests} (stopped when certain, it runs its whole plan: a held driver calls
     * nothing) and by {@link RealTargetsStability} in both arms.
     */
    @SeedSpike
    void blockingPutBoundHidden(OverloadHarness harness) throws Exception {
      floodBlocking(harness, true);
    }

    private static void floodBlocking(OverloadHarness harness, boolean boundHidden)
        throws Exception {
      LongAdder waits = new LongAdder();
      flood(
          harness,
          (task, executor) -> {
            waits.increment();
            try {
              executor.getQueue().put(task); // waits until the worker makes room
            } catch (InterruptedException e) {
              Thread.currentThread().interrupt();
              throw new RejectedExecutionException("interrupted while waiting for room", e);
            }
          },
          boundHidden);
      assertThat(waits.sum()).isPositive();
    }

    /** {@code target}, its queue read through a lambda that does not know the bound of 100. */
    private static AccountedTarget withBoundHidden(AccountedTarget target, CountingPool pool) {
      QueueProbe hidden = QueueProbe.of("orders", () -> pool.getQueue().size());
      return new ForwardingTarget(target) {
        @Override
        public List<QueueProbe> queues() {
          return List.of(hidden);
        }
      };
    }
  }
}
