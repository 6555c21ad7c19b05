package dev.spillway.samples;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import dev.spillway.toolkit.util.Preconditions;
import org.apiguardian.api.API;

/**
 * What a design answered to {@link EventTracker#track}: accepted (queued for its consumer) or
 * rejected, with a reason that names the design and why.
 *
 * @param accepted whether the event was queued
 * @param reason empty when accepted; otherwise a one-line reason such as {@code "bounded mailbox
 *     'bounded' is full (capacity 100)"}
 */
@API(status = EXPERIMENTAL, since = "0.1")
public record TrackResult(boolean accepted, String reason) {

  /** The event was queued. */
  public static final TrackResult ACCEPTED = new TrackResult(true, "");

  /** Validates that a rejection has a reason and an acceptance has none. */
  public TrackResult {
    Preconditions.notNull(reason, "reason");
    Preconditions.check(
        accepted ? reason.isEmpty() : !reason.isBlank(),
        "reason",
        accepted ? "empty for an accepted event" : "non-blank for a rejected event",
        "'" + reason + "'");
  }

  /** The event was not queued, for {@code reason}. */
  public static TrackResult rejected(String reason) {
    return new TrackResult(false, Preconditions.notBlank(reason, "reason"));
  }
}
