package dev.spillway.samples;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import dev.spillway.toolkit.util.Preconditions;
import org.apiguardian.api.API;

/**
 * One tracked event, as a consumer handles it.
 *
 * @param id a number unique within the design that accepted it, increasing as events arrive
 *     (assigned just before queuing, so concurrent producers may queue ids slightly out of order)
 * @param key the event's key (user, device, order…); events of one key keep their order in the
 *     partitioned design
 * @param payload the event's content; may be empty, never null
 * @param acceptedNanos when it was accepted, as {@link System#nanoTime()}
 */
@API(status = EXPERIMENTAL, since = "0.1")
public record Event(long id, String key, String payload, long acceptedNanos) {

  /** Validates the components. */
  public Event {
    Preconditions.notNull(key, "event key");
    Preconditions.notNull(payload, "event payload");
  }
}
