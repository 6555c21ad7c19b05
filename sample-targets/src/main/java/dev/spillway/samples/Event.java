package dev.spillway.samples;

import dev.spillway.toolkit.internal.Preconditions;

/**
 * One tracked event, as a consumer handles it.
 *
 * @param id a number unique within the design that accepted it, in acceptance order
 * @param key the event's key (user, device, order…); events of one key keep their order in the
 *     partitioned design
 * @param payload the event's content; may be empty, never null
 * @param acceptedNanos when it was accepted, as {@link System#nanoTime()}
 */
public record Event(long id, String key, String payload, long acceptedNanos) {

  /** Validates the components. */
  public Event {
    Preconditions.notNull(key, "event key");
    Preconditions.notNull(payload, "event payload");
  }
}
