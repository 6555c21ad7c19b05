package dev.spillway.toolkit.ledger;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import dev.spillway.toolkit.util.Preconditions;
import java.time.Duration;
import org.apiguardian.api.API;

/**
 * How long {@link Settling} waits for a backlog after a load. The time allowed is derived from the
 * backlog and the service rate μ measured during the load: twice the time μ needs to serve it, at
 * least {@code floor} and at most {@code limit}.
 *
 * @param limit the most time allowed for the backlog (default 10 s; in [0 s, 1 h]; 0 s reads the
 *     books once, without waiting)
 * @param floor the least time allowed for a backlog, whatever μ says (default 1 s; &gt;= 0 s); a
 *     floor above the limit is cut to it
 * @param stallWindow how long with messages queued or in flight and none completed means the
 *     consumer stopped — unless it resumes before the limit (default 1 s; positive)
 * @param pollEvery how often the books are read while waiting (default 5 ms; in [1 ms, 1 s])
 */
@API(status = EXPERIMENTAL, since = "0.1")
public record SettleRules(
    Duration limit, Duration floor, Duration stallWindow, Duration pollEvery) {

  /** The default settle limit: 10 s. */
  public static final Duration DEFAULT_LIMIT = Duration.ofSeconds(10);

  /** Validates the components. */
  public SettleRules {
    Preconditions.inRange(limit, Duration.ZERO, Duration.ofHours(1), "settle limit");
    Preconditions.notNegative(floor, "settle floor");
    Preconditions.positive(stallWindow, "stall window");
    Preconditions.inRange(pollEvery, Duration.ofMillis(1), Duration.ofSeconds(1), "settle poll");
  }

  /** The defaults: limit 10 s, floor 1 s, stall window 1 s, a reading every 5 ms. */
  public static SettleRules defaults() {
    return new SettleRules(
        DEFAULT_LIMIT, Duration.ofSeconds(1), Duration.ofSeconds(1), Duration.ofMillis(5));
  }

  /** A copy with this limit (in [0 s, 1 h]). */
  public SettleRules withLimit(Duration limit) {
    return new SettleRules(limit, floor, stallWindow, pollEvery);
  }

  /** A copy with this stall window (positive). */
  public SettleRules withStallWindow(Duration stallWindow) {
    return new SettleRules(limit, floor, stallWindow, pollEvery);
  }

  /** A copy with this floor (&gt;= 0 s). */
  public SettleRules withFloor(Duration floor) {
    return new SettleRules(limit, floor, stallWindow, pollEvery);
  }

  /**
   * The time allowed for {@code backlog} messages at {@code serviceRate} per second: {@code 2 ×
   * backlog / μ} within [floor, limit]; the limit when μ is not positive (the stall window ends the
   * wait for a consumer that serves nothing).
   */
  public Duration allowedFor(long backlog, double serviceRate) {
    Duration low = floor.compareTo(limit) <= 0 ? floor : limit;
    if (!(serviceRate > 0) || !Double.isFinite(serviceRate)) {
      return limit;
    }
    double seconds = 2.0 * Math.max(0, backlog) / serviceRate;
    if (seconds * 1e9 >= limit.toNanos()) {
      return limit;
    }
    Duration needed = Duration.ofNanos((long) (seconds * 1e9));
    return needed.compareTo(low) < 0 ? low : needed;
  }
}
