package dev.spillway.toolkit.record;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import org.apiguardian.api.API;

/**
 * Told of every change of an {@link ObservableQueue}'s depth, on the thread that made it.
 *
 * <p>This is how an event-driven sentinel checks a threshold at enqueue time without a polling
 * thread. Implementations run on the producer's and consumer's hot paths: they must be fast,
 * thread-safe and must never block. How exact the reported depths are depends on the queue: an
 * {@link InstrumentedQueue} reports the exact depth right after each change; an {@link
 * InstrumentedMpscQueue} reports at enqueue a depth the queue reached (at most its depth at some
 * instant after the change) and at dequeue its depth at some instant after the change (see their
 * class Javadoc).
 */
@API(status = EXPERIMENTAL, since = "0.1")
public interface DepthListener {

  /** A message was admitted; {@code depth} is the depth right after it (&gt;= 1). */
  void afterEnqueue(long depth);

  /** {@code count} messages were taken; {@code depth} is the depth right after. */
  void afterDequeue(long depth, int count);
}
