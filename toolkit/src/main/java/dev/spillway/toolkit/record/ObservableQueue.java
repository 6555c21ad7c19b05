package dev.spillway.toolkit.record;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import dev.spillway.toolkit.probe.QueueProbe;
import java.util.Queue;
import org.apiguardian.api.API;

/**
 * A queue that watches itself: it knows its depth and its high-water mark, and tells {@link
 * DepthListener}s of every change on the thread that made it. This is what an event-driven sentinel
 * ({@code Sentinel.watching}) listens to and what a recorder samples through {@link #probe()}.
 *
 * <p>Two implementations, for two shapes of mailbox:
 *
 * <ul>
 *   <li>{@link InstrumentedQueue}: a {@link java.util.concurrent.BlockingQueue} behind one lock,
 *       bounded or unbounded, any number of producers and consumers; depth and high-water mark are
 *       exact at every enqueue.
 *   <li>{@link InstrumentedMpscQueue}: bounded, lock-free, any number of producers and <em>one</em>
 *       consumer thread; the depth is the difference of its two indices, and its high-water mark
 *       can miss a peak by the polls that raced the enqueue that reached it (see its Javadoc).
 * </ul>
 *
 * <p>Each implementation states its thread-safety and what its figures guarantee under concurrency
 * in its class Javadoc.
 *
 * @param <E> the type of the messages
 */
@API(status = EXPERIMENTAL, since = "0.1")
public interface ObservableQueue<E> extends Queue<E> {

  /** The queue's name, as its probe reports it; never blank. */
  String name();

  /** The capacity, or {@link Integer#MAX_VALUE} when unbounded. */
  int capacity();

  /** Whether the queue has a capacity below {@link Integer#MAX_VALUE}. */
  default boolean isBounded() {
    return capacity() != Integer.MAX_VALUE;
  }

  /** The depth: messages admitted and not yet taken; never negative, never above the capacity. */
  @Override
  int size();

  /**
   * The largest depth reached since creation or the last {@link #resetHighWaterMark()}; never above
   * the true largest depth (each implementation says how close to it it is).
   */
  long highWaterMark();

  /** Starts a new high-water mark from the current depth. */
  void resetHighWaterMark();

  /** A probe named after this queue that reads its depth; cheap and safe from any thread. */
  QueueProbe probe();

  /**
   * Adds a listener told of every depth change from now on; closing the returned handle removes it
   * (closing twice is harmless). Listeners run on producer and consumer threads and must not block.
   *
   * @param listener not null
   */
  AutoCloseable addDepthListener(DepthListener listener);
}
