package dev.spillway.gatling;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import org.apiguardian.api.API;

/**
 * What Gatling's virtual users were answered when they sent to one watched queue, by {@link
 * HttpOutcome}. Immutable.
 *
 * @param accepted answers 2xx
 * @param rejected answers 503 or 429
 * @param failed other answers, and requests that got none
 */
@API(status = EXPERIMENTAL, since = "0.1")
public record ClientOutcomes(long accepted, long rejected, long failed) {

  /** Validates the counts. */
  public ClientOutcomes {
    Checks.check(accepted >= 0, "accepted count", ">= 0", accepted);
    Checks.check(rejected >= 0, "rejected count", ">= 0", rejected);
    Checks.check(failed >= 0, "failed count", ">= 0", failed);
  }

  /** Every request. */
  public long total() {
    return accepted + rejected + failed;
  }

  /** {@code "1,450 requests: 1,347 accepted, 103 rejected, 0 failed"}. */
  public String describe() {
    return String.format(
        java.util.Locale.ROOT,
        "%,d requests: %,d accepted, %,d rejected, %,d failed",
        total(),
        accepted,
        rejected,
        failed);
  }
}
