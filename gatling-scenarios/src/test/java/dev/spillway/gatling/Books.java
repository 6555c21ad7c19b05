package dev.spillway.gatling;

import dev.spillway.toolkit.util.Preconditions;

/**
 * Do the server's books match what the clients saw? Between the baseline (read before the load
 * starts) and the final poll (once every request has been answered), the design's ledger must have
 * received one event per request, rejected exactly the requests answered 503, and accepted exactly
 * those answered 202: every rejection was an explicit 503 and no request went missing. Assumes
 * nobody else sends to the design meanwhile.
 */
final class Books {

  private Books() {}

  /** The verdict for {@code design}, whose requests are {@code stats}. */
  static Verdict verdict(
      String design, RequestStats stats, DesignSample baseline, DesignSample last) {
    DesignSample first = Preconditions.notNull(baseline, "baseline");
    Preconditions.notNull(stats, "request stats");
    Preconditions.check(
        first.design().equals(design) && last.design().equals(design),
        "samples",
        "of design " + design,
        first.design() + ", " + last.design());
    long sent = last.sent() - first.sent();
    long rejected = last.rejected() - first.rejected();
    long accepted = sent - rejected;
    long answered202 = stats.withStatus(202);
    long answered503 = stats.withStatus(503);
    String detail =
        "server: "
            + sent
            + " received, "
            + accepted
            + " accepted, "
            + rejected
            + " rejected; clients: "
            + stats.count()
            + " requests, "
            + answered202
            + " × 202, "
            + answered503
            + " × 503";
    boolean ok = sent == stats.count() && rejected == answered503 && accepted == answered202;
    return new Verdict(design + ": books match the responses", ok, detail);
  }
}
