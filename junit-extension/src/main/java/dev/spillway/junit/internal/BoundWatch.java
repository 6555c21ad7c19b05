package dev.spillway.junit.internal;

import static org.apiguardian.api.API.Status.INTERNAL;

import dev.spillway.toolkit.probe.QueueProbe;
import dev.spillway.toolkit.record.DepthListener;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.apiguardian.api.API;

/**
 * Checks the {@link dev.spillway.junit.QueueBound}s of a run as the depths change and stops the
 * load at the first breach: exactly, at every enqueue, for an instrumented queue (a {@link
 * DepthListener}); at every sample the recorder takes for any other probe (a probe that checks what
 * it reads). Only the first breach is kept. Thread-safe; the checks never block.
 */
@API(status = INTERNAL, since = "0.1")
public final class BoundWatch {

  private final List<QueueBoundSpec> bounds;
  private final AtomicReference<QueueBreach> first = new AtomicReference<>();
  private volatile Runnable onBreach;

  /** A watch of {@code bounds}. */
  public BoundWatch(List<QueueBoundSpec> bounds) {
    this.bounds = List.copyOf(bounds);
  }

  /** The tightest bound on the queue named {@code queue}, if any applies. */
  public Optional<QueueBoundSpec> boundOf(String queue) {
    return QueueBoundSpec.tightest(bounds, queue);
  }

  /**
   * A listener for the instrumented queue read by {@code peaks} that notes every depth it reaches
   * and checks its bound at every enqueue.
   */
  public DepthListener listener(PeakProbe peaks) {
    String queue = peaks.name();
    QueueBoundSpec bound = boundOf(queue).orElse(null);
    long limit = bound == null ? Long.MAX_VALUE : bound.max();
    return new DepthListener() {
      @Override
      public void afterEnqueue(long depth) {
        peaks.seen(depth);
        if (depth > limit) {
          trip(new QueueBreach(queue, depth, System.nanoTime(), bound, true));
        }
      }

      @Override
      public void afterDequeue(long depth, int count) {}
    };
  }

  /** {@code probe}, checking its bound (if any) on every read. */
  public QueueProbe checking(QueueProbe probe) {
    Optional<QueueBoundSpec> bound = boundOf(probe.name());
    if (bound.isEmpty()) {
      return probe;
    }
    QueueBoundSpec b = bound.get();
    return new QueueProbe() {
      @Override
      public String name() {
        return probe.name();
      }

      @Override
      public long depth() {
        long depth = probe.depth();
        if (depth > b.max()) {
          trip(new QueueBreach(probe.name(), depth, System.nanoTime(), b, false));
        }
        return depth;
      }

      @Override
      public String toString() {
        return "checked " + probe + " against " + b.describe();
      }
    };
  }

  /** Runs {@code stop} at the first breach (at once if one happened already). */
  public void onBreach(Runnable stop) {
    onBreach = stop;
    if (first.get() != null) {
      stop.run();
    }
  }

  /** The first breach, if any. */
  public Optional<QueueBreach> breach() {
    return Optional.ofNullable(first.get());
  }

  private void trip(QueueBreach breach) {
    if (first.compareAndSet(null, breach)) {
      Runnable stop = onBreach;
      if (stop != null) {
        stop.run();
      }
    }
  }
}
