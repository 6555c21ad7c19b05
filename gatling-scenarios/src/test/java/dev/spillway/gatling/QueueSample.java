package dev.spillway.gatling;

import dev.spillway.toolkit.util.Preconditions;

/**
 * One queue of a design, as {@code /metrics.json} reported it at one poll.
 *
 * @param name the queue's name, such as {@code partitioned-3}
 * @param depth messages waiting at the poll; &gt;= 0
 * @param highWaterMark the largest depth since the server started (exact, kept at enqueue); &gt;= 0
 * @param capacity the queue's capacity, or -1 for an unbounded queue
 */
record QueueSample(String name, long depth, long highWaterMark, long capacity) {

  /** Validates the components. */
  QueueSample {
    Preconditions.notBlank(name, "queue name");
    Preconditions.notNegative(depth, "queue depth");
    Preconditions.notNegative(highWaterMark, "queue high-water mark");
    Preconditions.check(capacity == -1 || capacity >= 1, "queue capacity", "-1 or >= 1", capacity);
  }
}
