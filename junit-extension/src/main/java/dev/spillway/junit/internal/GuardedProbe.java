package dev.spillway.junit.internal;

import static org.apiguardian.api.API.Status.INTERNAL;

import dev.spillway.toolkit.probe.ProbeException;
import dev.spillway.toolkit.probe.QueueProbe;
import dev.spillway.toolkit.util.Durations;
import java.time.Duration;
import java.util.OptionalLong;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apiguardian.api.API;

/**
 * A watched probe of a run, read on a thread of its own ({@code spillway-probe-<test>-<probe>})
 * with a time limit, that keeps the account of its failures: a probe that throws, returns a
 * negative depth or blocks costs its own samples, never the recorder's thread or the body's.
 *
 * <p>A read waits at most the limit for its answer, then fails ("did not answer within …"); the
 * blocked read goes on in the background, and later reads fail at once while it lasts. Callers that
 * arrive while a read is under way (the recorder and the body, during the drain) share its answer.
 * A negative depth is a failure; nothing unreadable ever reads as a number. {@link #close()}
 * interrupts a blocked read; one that ignores interrupts keeps its thread, which the test's thread
 * check then names. Thread-safe.
 */
@API(status = INTERNAL, since = "0.1")
public final class GuardedProbe implements QueueProbe, AutoCloseable {

  /** How long {@link #close()} waits for the reading thread to end after interrupting it. */
  static final Duration CLOSE_WAIT = Duration.ofMillis(200);

  private final QueueProbe probe;
  private final String name;
  private final long limitNanos;
  private final ExecutorService reader;
  private final Object lock = new Object();

  // guarded by lock
  private Future<Long> pending;
  private long pendingSince;
  private AtomicBoolean pendingGivenUp;
  private long reads;
  private long failures;
  private long firstFailureNanos;
  private String firstFailure;
  private String lastFailure;
  private String lateFailure;
  private boolean lastFailed;
  private boolean closed;

  /**
   * Guards {@code probe}, giving each read at most {@code limit}; the reading thread is named
   * {@code spillway-probe-<test>-<probe name>}.
   */
  public GuardedProbe(QueueProbe probe, String test, Duration limit) {
    this.probe = probe;
    this.name = probe.name();
    this.limitNanos = limit.toNanos();
    String thread = "spillway-probe-" + test + "-" + name;
    this.reader =
        new ThreadPoolExecutor(
            1,
            1,
            0,
            TimeUnit.MILLISECONDS,
            new LinkedBlockingQueue<>(),
            r -> {
              Thread t = new Thread(r, thread);
              t.setDaemon(true);
              return t;
            });
  }

  @Override
  public String name() {
    return name;
  }

  /** The guarded probe's capacity: what it knows of its queue, not a read. */
  @Override
  public OptionalLong capacity() {
    return probe.capacity();
  }

  /** Whether the guarded probe knows its queue is unbounded: not a read. */
  @Override
  public boolean unbounded() {
    return probe.unbounded();
  }

  /**
   * The depth, read on the probe's thread within the limit.
   *
   * @throws ProbeException naming the probe and what went wrong
   */
  @Override
  public long depth() {
    Future<Long> read;
    long since;
    long now = System.nanoTime();
    synchronized (lock) {
      if (closed) {
        throw new ProbeException("probe '" + name + "' is closed: its run has ended");
      }
      if (pending != null && !pending.isDone()) {
        if (now - pendingSince >= limitNanos) {
          throw failed(
              now,
              "probe '"
                  + name
                  + "' is still blocked in a read that began "
                  + Durations.format(Duration.ofNanos(now - pendingSince))
                  + " ago",
              true);
        }
      } else {
        AtomicBoolean givenUp = new AtomicBoolean();
        try {
          pending = reader.submit(() -> read(givenUp));
        } catch (RejectedExecutionException e) {
          throw new ProbeException("probe '" + name + "' is closed: its run has ended", e);
        }
        pendingSince = now;
        pendingGivenUp = givenUp;
      }
      read = pending;
      since = pendingSince;
    }
    return await(read, since);
  }

  private long await(Future<Long> read, long since) {
    try {
      long depth = read.get(limitNanos - (System.nanoTime() - since), TimeUnit.NANOSECONDS);
      synchronized (lock) {
        reads++;
        lastFailed = false;
      }
      return depth;
    } catch (TimeoutException e) {
      synchronized (lock) {
        if (read == pending) {
          pendingGivenUp.set(true);
        }
      }
      throw failed(
          since, // the fault began when the read did
          "probe '"
              + name
              + "' did not answer within "
              + Durations.format(Duration.ofNanos(limitNanos)));
    } catch (ExecutionException e) {
      throw failed(since, describe(e.getCause())); // the sample that was asked for then
    } catch (CancellationException e) {
      throw new ProbeException("probe '" + name + "' is closed: its run has ended", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt(); // the caller is being stopped: not the probe's fault
      throw new ProbeException("interrupted while waiting for probe '" + name + "'", e);
    }
  }

  private long read(AtomicBoolean givenUp) {
    try {
      long depth = probe.depth();
      if (depth < 0) {
        throw new NegativeDepth(depth);
      }
      return depth;
    } catch (RuntimeException | LinkageError | AssertionError e) {
      if (givenUp.get()) {
        synchronized (lock) {
          if (lateFailure == null) {
            lateFailure = describe(e);
          }
        }
      }
      throw e;
    }
  }

  private ProbeException failed(long at, String message) {
    return failed(at, message, false);
  }

  /**
   * Counts a failed read; one that failed only because an earlier read is still blocked ({@code
   * consequence}) is counted but not described again.
   */
  private ProbeException failed(long at, String message, boolean consequence) {
    synchronized (lock) {
      reads++;
      failures++;
      lastFailed = true;
      if (firstFailure == null) {
        firstFailure = message;
        firstFailureNanos = at;
      }
      if (!consequence) {
        lastFailure = message;
      }
    }
    return new ProbeException(message);
  }

  /** What {@code thrown} says about the probe, on one line. */
  private String describe(Throwable thrown) {
    String text;
    if (thrown instanceof NegativeDepth negative) {
      text = "probe '" + name + "' returned a negative depth " + negative.depth;
    } else if (thrown instanceof ProbeException && thrown.getMessage() != null) {
      text = thrown.getMessage();
    } else {
      text =
          "probe '"
              + name
              + "' threw "
              + thrown.getClass().getSimpleName()
              + (thrown.getMessage() == null ? "" : ": " + thrown.getMessage());
    }
    return OneLine.of(text);
  }

  /**
   * Whether a read has failed so far: one threw, returned a negative depth or timed out, or one is
   * still under way after the limit. A read under way within its limit has not failed: on a busy
   * machine the recorder's reads are under way much of the time.
   */
  public boolean hasFailed() {
    synchronized (lock) {
      return failures > 0
          || (pending != null
              && !pending.isDone()
              && System.nanoTime() - pendingSince >= limitNanos);
    }
  }

  /** What went wrong with this probe during the run, if anything did. */
  public Fault fault() {
    synchronized (lock) {
      boolean stuck = pending != null && !pending.isDone();
      String first = firstFailure;
      long firstNanos = firstFailureNanos;
      if (first == null && stuck) { // blocked, but nobody waited long enough to see it time out
        first = "probe '" + name + "' did not answer: a read was still blocked when the run ended";
        firstNanos = pendingSince;
      }
      String last = lastFailure == null || lastFailure.equals(first) ? null : lastFailure;
      return new Fault(
          name, reads, failures, first, firstNanos, last, lateFailure, stuck || lastFailed, stuck);
    }
  }

  /** Interrupts a read still under way and ends the reading thread (waits briefly). */
  @Override
  public void close() {
    synchronized (lock) {
      closed = true;
    }
    reader.shutdownNow();
    try {
      reader.awaitTermination(CLOSE_WAIT.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @Override
  public String toString() {
    return "GuardedProbe["
        + probe
        + ", limit "
        + Durations.format(Duration.ofNanos(limitNanos))
        + "]";
  }

  /**
   * A probe's failures during a run.
   *
   * @param probe the probe's name
   * @param reads the reads it was asked for, failed ones included
   * @param failures the reads that failed
   * @param first what the first failure was, on one line (null when none failed)
   * @param firstNanos when the read that failed first began, as a nanoTime
   * @param last what the last failure was, when it differs from the first (otherwise null)
   * @param late what a read that had been given up on finally threw, if anything
   * @param unreadableAtEnd whether the last read failed or a read was still blocked at the end
   * @param stuck whether a read was still blocked at the end
   */
  public record Fault(
      String probe,
      long reads,
      long failures,
      String first,
      long firstNanos,
      String last,
      String late,
      boolean unreadableAtEnd,
      boolean stuck) {

    /** Whether any read failed. */
    public boolean any() {
      return failures > 0 || stuck;
    }
  }

  /** A negative depth, which is no depth. */
  private static final class NegativeDepth extends RuntimeException {
    private static final long serialVersionUID = 1L;
    final long depth;

    NegativeDepth(long depth) {
      super("negative depth " + depth, null, false, false);
      this.depth = depth;
    }
  }
}
