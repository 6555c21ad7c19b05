package dev.spillway.toolkit.verdict;

import dev.spillway.toolkit.ledger.LedgerSnapshot;
import dev.spillway.toolkit.load.LoadReport;
import java.util.Optional;

/**
 * The failures a verdict judges: the books' own, or the failures the caller saw when it saw a
 * larger share of them. A target that keeps its own books counts what reached it; a request that
 * timed out at the caller, or a connection that broke, may never reach those books (the target even
 * handles a request whose caller gave up), yet the caller's message failed.
 *
 * @param failed the failed messages
 * @param of the messages they are a share of (the books' sent, or the driver's)
 * @param seenByCaller whether the figures are the driver's (the caller's answers), not the books'
 */
record FailureCount(long failed, long of, boolean seenByCaller) {

  /** The larger share of the two: the books' failed of sent, or the driver's failed of sent. */
  static FailureCount of(LedgerSnapshot books, Optional<LoadReport> load) {
    FailureCount byBooks = new FailureCount(books.failed(), books.sent(), false);
    return load.filter(report -> report.sent() > 0)
        .map(report -> new FailureCount(report.failed(), report.sent(), true))
        .filter(byCaller -> byCaller.share() > byBooks.share())
        .orElse(byBooks);
  }

  /** {@code failed / of}, or 0 when nothing was sent. */
  double share() {
    return of == 0 ? 0 : (double) failed / of;
  }
}
