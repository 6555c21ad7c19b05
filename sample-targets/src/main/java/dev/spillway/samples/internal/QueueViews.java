package dev.spillway.samples.internal;

import dev.spillway.samples.QueueView;
import dev.spillway.toolkit.probe.QueueProbe;
import dev.spillway.toolkit.record.InstrumentedQueue;
import java.util.function.LongSupplier;

/** {@link QueueView}s of a design's queues. */
final class QueueViews {

  private QueueViews() {}

  /** {@code queue} as a view, with {@code inFlight} the events taken from it and not finished. */
  static QueueView of(InstrumentedQueue<?> queue, LongSupplier inFlight) {
    return new QueueView() {
      @Override
      public String name() {
        return queue.name();
      }

      @Override
      public long depth() {
        return queue.size();
      }

      @Override
      public long inFlight() {
        return inFlight.getAsLong();
      }

      @Override
      public long highWaterMark() {
        return queue.highWaterMark();
      }

      @Override
      public int capacity() {
        return queue.capacity();
      }

      @Override
      public QueueProbe probe() {
        return queue.probe();
      }

      @Override
      public String toString() {
        return queue.toString();
      }
    };
  }
}
