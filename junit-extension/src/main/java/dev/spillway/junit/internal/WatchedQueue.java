package dev.spillway.junit.internal;

import static org.apiguardian.api.API.Status.INTERNAL;

import dev.spillway.toolkit.probe.QueueProbe;
import dev.spillway.toolkit.record.ObservableQueue;
import java.util.OptionalLong;
import org.apiguardian.api.API;

/**
 * A queue a harness watches: its probe, and the queue itself when it is instrumented (then its
 * bound and high-water mark are checked exactly, at enqueue).
 *
 * @param name the name in traces and messages; unique in a harness
 * @param probe reads the depth
 * @param queue the instrumented queue, or null for a plain probe
 */
@API(status = INTERNAL, since = "0.1")
public record WatchedQueue(String name, QueueProbe probe, ObservableQueue<?> queue) {

  /** Whether the queue is instrumented. */
  public boolean isInstrumented() {
    return queue != null;
  }

  /** The most the queue can hold, when it is bounded and that is known. */
  public OptionalLong capacity() {
    if (queue != null) {
      return queue.isBounded() ? OptionalLong.of(queue.capacity()) : OptionalLong.empty();
    }
    return probe.capacity();
  }

  /** Whether the queue is known to have no bound (see {@link QueueProbe#unbounded()}). */
  public boolean unbounded() {
    return queue != null ? !queue.isBounded() : probe.unbounded();
  }
}
