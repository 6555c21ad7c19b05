package dev.spillway.samples;

/**
 * The worker-locks design ({@link Designs#workerLocks}): clients check a worker out before they
 * hand it an event, through a lock that is not immediate — so two clients can check out the same
 * worker — and wait while every worker is checked out. Thread-safe.
 */
public interface WorkerLocks extends EventTracker {

  /** How a client checks a worker out. */
  enum Lock {
    /**
     * As a registry of busy workers (the seed's design): the client reads that the worker is free
     * and hands it the event; the worker marks itself checked out when the event reaches it. Not
     * immediate: clients that read in between hand it events too.
     */
    REGISTRY,
    /**
     * The client marks the worker checked out itself, atomically, before it hands it the event: no
     * two clients ever share a worker, and a worker holds one event at a time.
     */
    IMMEDIATE
  }

  /** How this design's clients check workers out. */
  Lock lock();

  /**
   * How many events reached a worker that already held one: the clients that found it free in the
   * moment before it locked itself. Counted at each hand-over, apart from the lock the clients
   * read.
   */
  long lockRaces();

  /**
   * {@link #lockRaces()} of one worker.
   *
   * @param worker the worker's index, in {@link #queues()} order
   * @throws IllegalArgumentException when there is no such worker
   */
  long lockRaces(int worker);

  /** How many callers found every worker checked out and waited for one to check in. */
  long lockWaits();
}
