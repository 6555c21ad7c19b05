package dev.spillway.samples.internal;

import dev.spillway.samples.Event;
import dev.spillway.samples.QueueView;
import dev.spillway.toolkit.ledger.MessageLedger;
import dev.spillway.toolkit.probe.QueueProbe;
import dev.spillway.toolkit.record.InstrumentedQueue;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;

/**
 * A design with one consumer thread behind its intake (the drop-oldest buffer, the large messages):
 * the thread, the count of events it has taken but not yet given an outcome, the one queue it
 * shows, when it is idle, and how a close stops it.
 *
 * <p>A subclass writes its loop in {@link #consume()} and calls {@link #startConsumer()} last in
 * its constructor, once its own fields are set. The loop counts each event it takes in {@link
 * #handling()} until the event has an outcome, and {@link #droppedByStop(long)} for each one a stop
 * interrupts.
 *
 * <p>Thread-safety: all methods are thread-safe.
 */
abstract class SingleConsumerTracker<E> extends IntakeTracker<E> {

  private final AtomicLong handling = new AtomicLong(); // taken from the intake, no outcome yet
  private final AtomicLong droppedByStop = new AtomicLong();
  private final QueueView view;
  private final Thread consumer;

  SingleConsumerTracker(
      String name, MessageLedger ledger, InstrumentedQueue<E> intake, Function<Event, E> form) {
    super(name, ledger, intake, form);
    this.view = QueueViews.of(intake(), handling::get);
    this.consumer = consumerThread(name, this::consume);
  }

  /** The consumer's loop; runs until {@link #stopping()}, and a stop interrupts it. */
  abstract void consume();

  /** Starts the consumer: the last step of a subclass's constructor. */
  final void startConsumer() {
    consumer.start();
  }

  /** Events the consumer has taken from the intake that have no outcome yet. */
  final AtomicLong handling() {
    return handling;
  }

  /** Counts {@code events} a stop interrupted (already counted dropped in the ledger). */
  final void droppedByStop(long events) {
    droppedByStop.addAndGet(events);
  }

  @Override
  public final List<QueueView> queues() {
    return List.of(view);
  }

  @Override
  public final QueueProbe depthProbe() {
    return intake().probe();
  }

  @Override
  final boolean idle() {
    return intake().isEmpty() && handling.get() == 0;
  }

  @Override
  final long stopThreads(long deadlineNanos) {
    consumer.interrupt();
    awaitStopped(consumer, deadlineNanos);
    return droppedByStop.get();
  }

  @Override
  final List<InstrumentedQueue<?>> remains() {
    return List.of(intake());
  }
}
