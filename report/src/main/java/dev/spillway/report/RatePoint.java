package dev.spillway.report;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import dev.spillway.toolkit.util.Preconditions;
import java.time.Duration;
import org.apiguardian.api.API;

/**
 * The messages offered (sent) and served (completed) during one time bucket of a run: λ and μ over
 * time.
 *
 * <p>Immutable and thread-safe.
 *
 * @param start when the bucket starts, from the start of the recording (may be negative for a
 *     bucket that began before it)
 * @param length the bucket's length; positive
 * @param sent messages sent during it; &gt;= 0
 * @param completed messages completed (processed or failed) during it; &gt;= 0
 */
@API(status = EXPERIMENTAL, since = "0.1")
public record RatePoint(Duration start, Duration length, long sent, long completed) {

  /** Validates the components. */
  public RatePoint {
    Preconditions.notNull(start, "bucket start");
    Preconditions.positive(length, "bucket length");
    Preconditions.notNegative(sent, "sent");
    Preconditions.notNegative(completed, "completed");
  }

  /** λ: the offered rate during the bucket, in messages per second. */
  public double offeredPerSecond() {
    return sent * 1e9 / length.toNanos();
  }

  /** μ: the served rate during the bucket, in messages per second. */
  public double servedPerSecond() {
    return completed * 1e9 / length.toNanos();
  }

  /** When the bucket ends, from the start of the recording. */
  public Duration end() {
    return start.plus(length);
  }
}
