package dev.spillway.toolkit.ledger;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import dev.spillway.toolkit.util.Preconditions;
import java.time.Duration;
import org.apiguardian.api.API;

/**
 * The messages sent and completed during one time bucket of a {@link MessageLedger}.
 *
 * @param startNanos when the bucket starts, on the ledger's clock ({@link System#nanoTime()} by
 *     default)
 * @param length the bucket's length; positive
 * @param sent messages sent during it
 * @param completed messages completed (processed or failed) during it
 */
@API(status = EXPERIMENTAL, since = "0.1")
public record RateBucket(long startNanos, Duration length, long sent, long completed) {

  /** Validates the components. */
  public RateBucket {
    Preconditions.positive(length, "bucket length");
    Preconditions.notNegative(sent, "sent");
    Preconditions.notNegative(completed, "completed");
  }

  /** λ during the bucket, in messages per second. */
  public double arrivalPerSecond() {
    return sent * 1e9 / length.toNanos();
  }

  /** μ (completions) during the bucket, in messages per second. */
  public double servicePerSecond() {
    return completed * 1e9 / length.toNanos();
  }
}
