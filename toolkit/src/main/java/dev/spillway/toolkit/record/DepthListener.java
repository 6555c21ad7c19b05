package dev.spillway.toolkit.record;

/**
 * Told of every change of an {@link InstrumentedQueue}'s depth, on the thread that made it.
 *
 * <p>This is how an event-driven sentinel checks a threshold at enqueue time without a polling
 * thread. Implementations run on the producer's and consumer's hot paths: they must be fast,
 * thread-safe and must never block.
 */
public interface DepthListener {

  /** A message was admitted; {@code depth} is the depth right after it, exact. */
  void afterEnqueue(long depth);

  /** {@code count} messages were taken; {@code depth} is the depth right after. */
  void afterDequeue(long depth, int count);
}
