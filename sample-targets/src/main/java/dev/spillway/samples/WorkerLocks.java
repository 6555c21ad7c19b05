package dev.spillway.samples;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import dev.spillway.toolkit.util.Preconditions;
import java.time.Duration;
import org.apiguardian.api.API;

/**
 * The worker-locks design ({@link Designs#workerLocks}): clients check a worker out before they
 * hand it an event, through a lock that is not immediate — so two clients can check out the same
 * worker — and wait while every worker is checked out. Thread-safe.
 */
@API(status = EXPERIMENTAL, since = "0.1")
public interface WorkerLocks extends EventTracker {

  /**
   * How a client checks a worker out: through the seed's {@linkplain #registry(Duration) registry},
   * which is not immediate, or {@linkplain #immediate() immediately}.
   *
   * @param atomic whether the client marks the worker checked out itself, atomically (the immediate
   *     lock)
   * @param visibleAfter with the registry, how long after the worker marks itself the other clients
   *     see the mark; zero with the immediate lock
   */
  record Lock(boolean atomic, Duration visibleAfter) {

    /** Validates the delay: not negative, and zero with the immediate lock. */
    public Lock {
      Preconditions.notNegative(visibleAfter, "visible after");
      Preconditions.check(
          !atomic || visibleAfter.isZero(),
          "visible after",
          "zero with the immediate lock",
          visibleAfter);
    }

    /**
     * As a registry of busy workers (the seed's design): the client reads that the worker is free
     * and hands it the event; the worker marks itself checked out when the event reaches it, the
     * other clients see the mark {@code visibleAfter} later (a registry that propagates its
     * entries; zero: as soon as the worker marks itself), and the worker checks back in when it is
     * done with the event. Not immediate: clients that look in between hand it events too, and
     * those wait in its mailbox while it looks free again after each one.
     */
    public static Lock registry(Duration visibleAfter) {
      return new Lock(false, visibleAfter);
    }

    /** {@link #registry(Duration)} whose mark is seen as soon as the worker makes it. */
    public static Lock registry() {
      return registry(Duration.ZERO);
    }

    /**
     * The client marks the worker checked out itself, atomically, before it hands it the event: no
     * two clients ever share a worker, and a worker holds one event at a time.
     */
    public static Lock immediate() {
      return new Lock(true, Duration.ZERO);
    }

    @Override
    public String toString() {
      return atomic
          ? "immediate lock"
          : visibleAfter.isZero()
              ? "registry lock"
              : "registry lock, seen " + visibleAfter.toNanos() / 1e6 + " ms after";
    }
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
