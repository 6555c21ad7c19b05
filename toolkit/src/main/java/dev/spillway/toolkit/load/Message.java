package dev.spillway.toolkit.load;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import dev.spillway.toolkit.util.Preconditions;
import org.apiguardian.api.API;

/**
 * One message the {@link LoadDriver} sends.
 *
 * @param sequence the message's index in the profile, from 0
 * @param key the message's key from the driver's {@link KeyDistribution}; not null
 * @param intendedNanoTime when the message was due, as {@link System#nanoTime()}: latency and
 *     lateness are measured from here, never from when the send actually started
 */
@API(status = EXPERIMENTAL, since = "0.1")
public record Message(long sequence, String key, long intendedNanoTime) {

  /** Validates the components. */
  public Message {
    Preconditions.notNegative(sequence, "message sequence");
    Preconditions.notNull(key, "message key");
  }
}
