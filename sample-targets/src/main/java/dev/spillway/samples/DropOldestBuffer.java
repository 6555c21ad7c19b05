package dev.spillway.samples;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import org.apiguardian.api.API;

/**
 * The drop-oldest design ({@link Designs#dropOldest}): a bounded buffer that never refuses its
 * callers and drops its oldest event to make room, and a consumer that pulls in batches and is told
 * how many events were dropped since its last pull. Thread-safe.
 */
@API(status = EXPERIMENTAL, since = "0.1")
public interface DropOldestBuffer extends EventTracker {

  /**
   * How many dropped events the consumer has been told of, with the batches it pulled. Every drop
   * is counted in the {@link #ledger()} at once; it is announced with the consumer's next pull, so
   * once the buffer is idle after its last drop, this equals the books' dropped count (less what a
   * close dropped).
   */
  long announcedDrops();

  /** How many events the consumer pulls at most at once. */
  int batch();
}
