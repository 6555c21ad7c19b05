package dev.spillway.toolkit.ledger;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import dev.spillway.toolkit.util.Preconditions;
import java.util.OptionalLong;
import java.util.function.LongSupplier;
import org.apiguardian.api.API;

/**
 * What is known of the messages inside a target's consumers (taken from the queue, no outcome yet):
 * they are {@linkplain #counted counted} one by one, only {@linkplain #atMost bounded} by the
 * consumers' concurrency, or {@linkplain #unknown() unknown}.
 *
 * <p>It decides how much of an unaccounted figure can be work in flight rather than a loss: with a
 * count, none (the count is in the books); with a bound, at most that many; unknown, any number
 * while a backlog is still being served, and none once the target is at rest.
 *
 * <p>Immutable; {@link #read()} is thread-safe when the count it reads is.
 */
@API(status = EXPERIMENTAL, since = "0.1")
public final class InFlight {

  private static final InFlight UNKNOWN = new InFlight(null, 0);

  private final LongSupplier count;
  private final long limit; // 0 when unknown

  private InFlight(LongSupplier count, long limit) {
    this.count = count;
    this.limit = limit;
  }

  /** Nothing is known of the messages inside the consumers. */
  public static InFlight unknown() {
    return UNKNOWN;
  }

  /**
   * The consumers handle at most {@code concurrency} messages at once (a single consumer thread: 1;
   * a pool: its maximum size), but nobody counts them.
   *
   * @param concurrency &gt;= 1
   */
  public static InFlight atMost(long concurrency) {
    Preconditions.positive(concurrency, "consumer concurrency");
    return new InFlight(null, concurrency);
  }

  /**
   * Every message inside a consumer is counted by {@code count}, which must count a message out of
   * the queue before into flight, and out of flight before its outcome is recorded (see {@link
   * MessageLedger#snapshot(dev.spillway.toolkit.probe.QueueProbe, LongSupplier)}).
   */
  public static InFlight counted(LongSupplier count) {
    Preconditions.notNull(count, "in-flight count");
    return new InFlight(count, 0);
  }

  /** Whether every message inside a consumer is counted. */
  public boolean isCounted() {
    return count != null;
  }

  /** The consumers' concurrency, when it was given. */
  public OptionalLong limit() {
    return limit > 0 ? OptionalLong.of(limit) : OptionalLong.empty();
  }

  /** The messages counted inside a consumer now; 0 when they are not counted. */
  public long read() {
    return count == null ? 0 : count.getAsLong();
  }

  /**
   * How many unaccounted messages can be inside a consumer rather than lost: 0 when they are
   * counted (they are in the books already), the concurrency when only that is known, empty
   * (unbounded) when nothing is known.
   */
  public OptionalLong allowance() {
    if (count != null) {
      return OptionalLong.of(0);
    }
    return limit();
  }

  /** {@code "counted"}, {@code "at most 4"} or {@code "unknown"}. */
  public String describe() {
    if (count != null) {
      return "counted";
    }
    return limit > 0 ? "at most " + limit : "unknown";
  }

  @Override
  public String toString() {
    return "InFlight[" + describe() + "]";
  }
}
