package dev.spillway.samples;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import dev.spillway.toolkit.probe.QueueProbe;
import org.apiguardian.api.API;

/**
 * A read-only view of one of a design's queues: its depth, its exact high-water mark and its
 * capacity. Thread-safe.
 */
@API(status = EXPERIMENTAL, since = "0.1")
public interface QueueView {

  /** The queue's name, such as {@code "partitioned-3"}. */
  String name();

  /** Messages waiting now. */
  long depth();

  /** Messages its consumer has taken and not finished yet (0 or 1 for one consumer). */
  long inFlight();

  /** The exact largest depth reached (kept at enqueue time, not sampled). */
  long highWaterMark();

  /** The capacity, or {@link Integer#MAX_VALUE} for an unbounded queue. */
  int capacity();

  /** A probe of this queue's depth. */
  QueueProbe probe();
}
