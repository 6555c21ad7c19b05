package dev.spillway.junit.realtargets;

import static org.assertj.core.api.Assertions.assertThat;

import dev.spillway.junit.OverloadResult;
import dev.spillway.toolkit.ledger.LedgerSnapshot;
import dev.spillway.toolkit.ledger.SettledBooks;
import dev.spillway.toolkit.ledger.Settlement;
import dev.spillway.toolkit.verdict.Verdict;
import org.assertj.core.api.SoftAssertions;
import org.junit.platform.engine.TestExecutionResult.Status;

/**
 * The comparisons every real-target case makes between Spillway's books and the truth the test
 * counted itself in the same run. Equality only where the two cannot legitimately differ.
 */
final class Checks {

  private Checks() {}

  /** The fixture passed and the verdict is {@code expected}. */
  static OverloadResult verdict(RealRun run, Verdict expected) {
    assertThat(run.outcome().status()).as(run.describe()).isEqualTo(Status.SUCCESSFUL);
    OverloadResult result = run.measured();
    assertThat(result.verdict()).as(run.describe()).isEqualTo(expected);
    return result;
  }

  /**
   * The books against the truth, for a component of at most {@code concurrency} consumers whose
   * every message was handed to it once and has run, been refused or been discarded by the time the
   * truth was counted (the fixture waited for that).
   *
   * <ul>
   *   <li>Always exact: the load had ended before the books were read, so every send — and every
   *       refusal and every run on the caller's thread, which happen inside a send — was counted.
   *   <li>At rest: exact, too: nothing queued or in flight, every message has its outcome.
   *   <li>Still draining: the reading was taken while the consumer worked, so Spillway saw at most
   *       what the test saw in the end, nothing proven lost, and at most {@code concurrency}
   *       messages between the queue and a consumer (taken, not yet counted in flight).
   * </ul>
   */
  static void booksAgree(RealRun run, long concurrency) {
    OverloadResult result = run.measured();
    SettledBooks settled = result.assessment().settled();
    LedgerSnapshot books = settled.books();
    Truth truth = run.truth();
    SoftAssertions soft = new SoftAssertions();
    soft.assertThat(books.sent()).as("sent = handed over").isEqualTo(truth.handed());
    soft.assertThat(books.rejected()).as("rejected = refused").isEqualTo(truth.refused());
    soft.assertThat(books.byCaller()).as("by the caller").isEqualTo(truth.callerRuns());
    soft.assertThat(settled.provenLost()).as("proven lost").isZero();
    if (settled.settlement() == Settlement.AT_REST) {
      soft.assertThat(books.completed()).as("processed + failed = ran").isEqualTo(truth.runs());
      soft.assertThat(books.failed()).as("failed = threw").isEqualTo(truth.thrown());
      soft.assertThat(books.dropped()).as("dropped = vanished").isEqualTo(truth.vanished());
      soft.assertThat(books.backlog()).as("queued + in flight at rest").isZero();
      soft.assertThat(books.unaccounted()).as("unaccounted at rest").isZero();
    } else {
      soft.assertThat(settled.settlement()).isEqualTo(Settlement.STILL_DRAINING);
      soft.assertThat(books.completed()).as("completed so far").isLessThanOrEqualTo(truth.runs());
      soft.assertThat(books.failed()).as("failed so far").isLessThanOrEqualTo(truth.thrown());
      soft.assertThat(books.dropped()).as("dropped so far").isLessThanOrEqualTo(truth.vanished());
      soft.assertThat(books.unaccounted())
          .as("unaccounted while draining")
          .isBetween(0L, concurrency);
    }
    soft.assertThat(truth.vanished()).as("vanished").isNotNegative();
    try {
      soft.assertAll();
    } catch (AssertionError e) {
      throw new AssertionError(e.getMessage() + "\n" + run.describe(), e);
    }
  }
}
