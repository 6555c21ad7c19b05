package dev.spillway.junit.internal;

import static org.apiguardian.api.API.Status.INTERNAL;

import dev.spillway.toolkit.util.Durations;
import java.time.Duration;
import java.util.Optional;
import org.apiguardian.api.API;

/**
 * How one queue drained after the load, as {@link Waits#drain} watched it.
 *
 * @param queue the watched queue's name
 * @param drainedAfter how long after the wait began the queue was first seen at or below the drain
 *     level; empty when it was not while the wait lasted
 * @param depthLeft the depth read when the wait ended, for a queue that did not drain ({@link
 *     Long#MAX_VALUE} when it could not be read); 0 for one that did
 */
@API(status = INTERNAL, since = "0.1")
public record QueueDrain(String queue, Optional<Duration> drainedAfter, long depthLeft) {

  /**
   * What the queue still held, for a failure message: {@code "'orders' still held 120 messages"}.
   */
  public String describe() {
    if (drainedAfter.isPresent()) {
      return "'" + queue + "' drained only after " + Durations.format(drainedAfter.get());
    }
    return "'"
        + queue
        + "' still held "
        + (depthLeft == Long.MAX_VALUE ? "an unreadable depth" : depthLeft + " messages");
  }
}
