package dev.spillway.junit.realtargets;

import dev.spillway.toolkit.ledger.InFlight;
import dev.spillway.toolkit.ledger.MessageLedger;
import dev.spillway.toolkit.load.Message;
import dev.spillway.toolkit.load.Outcome;
import dev.spillway.toolkit.load.Sender;
import dev.spillway.toolkit.probe.QueueProbe;
import dev.spillway.toolkit.probe.QueueProbes;
import dev.spillway.toolkit.target.AccountedTarget;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Consumer;
import reactor.core.Disposable;
import reactor.core.Scannable;
import reactor.core.publisher.BufferOverflowStrategy;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Sinks;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;

/**
 * A Project Reactor pipeline as an {@link AccountedTarget}, written by hand as a user would write
 * one (Spillway has no Reactor dependency): the sender emits into a {@link Sinks.Many} with {@code
 * tryEmitNext}, and one subscriber runs {@code work} on a single-thread scheduler of its own
 * ({@code publishOn(scheduler, 1)}).
 *
 * <p>Three shapes, each with a queue whose depth can be read:
 *
 * <ul>
 *   <li>{@link #ofUnicastSink}: a {@code Sinks.many().unicast().onBackpressureBuffer(buffer)}, the
 *       buffer being a queue the caller passes (bounded or not). {@code publishOn} fuses with a
 *       unicast sink (ASYNC fusion) and polls that very queue on the scheduler's thread, so it is
 *       the pipeline's one queue, read by its own {@code size()}. An emission the sink refuses
 *       ({@code FAIL_OVERFLOW} when the buffer is full) is <b>rejected</b>, with the {@link
 *       Sinks.EmitResult} as reason: the caller got it back.
 *   <li>{@link #ofMulticastSink}: a {@code Sinks.many().multicast().onBackpressureBuffer(n)}, whose
 *       queue is Reactor's own, read through {@code Scannable} ({@code Attr.BUFFERED}); the element
 *       {@code publishOn} takes from it is there only in passing. Refusals as above.
 *   <li>{@link #ofOverflowBuffer}: a sink without a buffer of its own ({@code
 *       multicast().directBestEffort()}, its subscriber asks for everything) into {@code
 *       onBackpressureBuffer(maxSize, onOverflow, strategy)}. That buffer is private to Reactor (an
 *       {@code ArrayDeque} read without a lock), so the target counts its depth itself: elements in
 *       (counted by the sender once {@code tryEmitNext} has returned: the buffer took the element
 *       synchronously on the sender's thread), out (dropped by the {@code onOverflow} callback, or
 *       received by the subscriber), depth = in − out, with {@code publishOn}'s one prefetched
 *       element counted with it. What {@code onOverflow} is called with is <b>dropped</b>, with a
 *       reason naming the strategy: the caller's emission had succeeded.
 * </ul>
 *
 * <p>In flight is {@linkplain InFlight#counted counted}: the subscriber counts an element into
 * flight after it left the queue, and out of flight before its outcome (processed, or failed when
 * {@code work} throws). A terminal error of the pipeline (the {@code ERROR} strategy) is kept
 * ({@link #terminalError()}); a sink whose subscriber has gone refuses every later emission ({@code
 * FAIL_ZERO_SUBSCRIBER}, {@code FAIL_CANCELLED}), counted rejected like any refusal.
 *
 * <p><b>Thread-safety.</b> The sender is for one thread at a time (a {@code Sinks.many()} sink
 * refuses concurrent emissions with {@code FAIL_NON_SERIALIZED}, which would count as rejected);
 * probes, ledger and in-flight count may be read from any thread. {@link #close()} disposes the
 * subscription and the scheduler.
 */
final class ReactorPipeline implements AccountedTarget {

  private final String name;
  private final Sinks.Many<Message> sink;
  private final Consumer<Message> work;
  private final MessageLedger ledger;
  private final Scheduler scheduler;
  private final AtomicLong inFlight = new AtomicLong(); // written by the subscriber's thread only
  private final AtomicReference<Throwable> terminalError = new AtomicReference<>();
  private final CountDownLatch terminated = new CountDownLatch(1);
  // for ofOverflowBuffer: elements into the buffer, out of it as drops, and received downstream
  private final LongAdder entered = new LongAdder();
  private final LongAdder dropped = new LongAdder();
  private final LongAdder received = new LongAdder();
  private QueueProbe queue;
  private Disposable subscription;

  private ReactorPipeline(String name, Sinks.Many<Message> sink, Consumer<Message> work) {
    this.name = name;
    this.sink = sink;
    this.work = work;
    this.ledger = MessageLedger.builder().named(name).build();
    this.scheduler = Schedulers.newSingle(name);
  }

  /**
   * {@code sink}, a {@code Sinks.many().unicast().onBackpressureBuffer(buffer)} (or a wrapper of
   * one), with {@code buffer} as its queue: subscribed at once, each element running {@code work}.
   */
  static ReactorPipeline ofUnicastSink(
      String name,
      Sinks.Many<Message> sink,
      BlockingQueue<Message> buffer,
      Consumer<Message> work) {
    ReactorPipeline pipeline = new ReactorPipeline(name, sink, work);
    pipeline.queue = QueueProbes.blockingQueue(name, buffer); // with its capacity, when bounded
    pipeline.subscribe(sink.asFlux());
    return pipeline;
  }

  /**
   * {@code sink}, a {@code Sinks.many().multicast().onBackpressureBuffer(bufferSize)} (or a wrapper
   * of one), with one subscriber running {@code work}. Its queue is Reactor's own, read with {@code
   * Scannable.from(sink).scan(Scannable.Attr.BUFFERED)}, without a capacity: Reactor makes it with
   * {@code Queues.get(bufferSize)}, which rounds the size up to a power of two, so the capacity the
   * sink reports ({@code Attr.CAPACITY}, the size asked for) is not the one it enforces.
   */
  static ReactorPipeline ofMulticastSink(
      String name, Sinks.Many<Message> sink, Consumer<Message> work) {
    ReactorPipeline pipeline = new ReactorPipeline(name, sink, work);
    pipeline.queue =
        QueueProbes.of(
            name,
            () -> {
              Integer buffered = Scannable.from(sink).scan(Scannable.Attr.BUFFERED);
              return buffered == null ? 0 : buffered;
            });
    pipeline.subscribe(sink.asFlux());
    return pipeline;
  }

  /**
   * {@code source}, a sink without a buffer of its own, into {@code onBackpressureBuffer(maxSize,
   * onOverflow, strategy)}: subscribed at once, each element running {@code work}; what the
   * strategy gives up is counted dropped.
   */
  static ReactorPipeline ofOverflowBuffer(
      String name,
      Sinks.Many<Message> source,
      int maxSize,
      BufferOverflowStrategy strategy,
      Consumer<Message> work) {
    ReactorPipeline pipeline = new ReactorPipeline(name, source, work);
    // the buffer, plus the one element publishOn(scheduler, 1) may hold before the subscriber
    pipeline.queue =
        QueueProbes.withCapacity(QueueProbes.of(name, pipeline::buffered), maxSize + 1L);
    String reason = dropReason(maxSize, strategy);
    pipeline.subscribe(
        source
            .asFlux()
            .onBackpressureBuffer(
                maxSize,
                element -> {
                  pipeline.dropped.increment(); // out of the buffer before its outcome
                  pipeline.ledger.dropped(reason);
                },
                strategy));
    return pipeline;
  }

  private static String dropReason(int maxSize, BufferOverflowStrategy strategy) {
    String what =
        switch (strategy) {
          case DROP_OLDEST -> "the oldest waiting element dropped";
          case DROP_LATEST -> "the newest element dropped";
          case ERROR -> "the overflowing element, and the pipeline terminated";
        };
    return String.format(
        Locale.ROOT,
        "onBackpressureBuffer(%d, %s) full: %s; the emitter was not told",
        maxSize,
        strategy,
        what);
  }

  private void subscribe(Flux<Message> upstream) {
    subscription =
        upstream
            .publishOn(scheduler, 1)
            .subscribe(
                this::consume,
                error -> {
                  terminalError.set(error);
                  terminated.countDown();
                },
                terminated::countDown);
  }

  /** On the scheduler's thread: out of the queue (as the caller counts it), into flight. */
  private void consume(Message message) {
    received.increment();
    inFlight.incrementAndGet();
    try {
      work.accept(message);
    } catch (RuntimeException e) {
      inFlight.decrementAndGet();
      ledger.failed(e);
      return;
    }
    inFlight.decrementAndGet();
    ledger.processed();
  }

  /** Elements in the overflow buffer or publishOn's prefetch: out read before in, never < 0. */
  private long buffered() {
    long out = received.sum() + dropped.sum();
    return Math.max(0, entered.sum() - out);
  }

  @Override
  public String name() {
    return name;
  }

  /**
   * Counts the message sent, then emits it with {@code tryEmitNext}: {@link Outcome#ACCEPTED} when
   * the sink took it, else rejected with the {@link Sinks.EmitResult} as reason.
   */
  @Override
  public Sender sender() {
    return message -> {
      ledger.sent();
      Sinks.EmitResult result = sink.tryEmitNext(message);
      if (result.isSuccess()) {
        // counted in once the buffer has taken it (and dropped what it gave up for it): a reading
        // may miss it for a moment, but never counts one more than the buffer can hold
        entered.increment();
        return Outcome.ACCEPTED;
      }
      String reason = "Sinks.EmitResult." + result;
      ledger.rejected(reason);
      return Outcome.rejected(reason);
    };
  }

  @Override
  public List<QueueProbe> queues() {
    return List.of(queue);
  }

  @Override
  public MessageLedger ledger() {
    return ledger;
  }

  @Override
  public InFlight inFlight() {
    return InFlight.counted(inFlight::get);
  }

  /** The error that terminated the pipeline, if one did. */
  Throwable terminalError() {
    return terminalError.get();
  }

  /**
   * Completes the sink and waits until the subscriber has seen the end of the stream (completion,
   * or the error that terminated it before): then every element emitted has reached the subscriber
   * or been given up by the pipeline. For after the run: nothing may be sent any more.
   *
   * @throws IllegalStateException when the pipeline does not end within {@code limit}
   */
  void completeAndAwait(Duration limit) throws InterruptedException {
    sink.tryEmitComplete(); // refused (FAIL_CANCELLED, say) once the pipeline has terminated
    if (!terminated.await(limit.toNanos(), TimeUnit.NANOSECONDS)) {
      throw new IllegalStateException("pipeline '" + name + "' did not end within " + limit);
    }
  }

  /** Cancels the subscription and disposes the scheduler (its thread ends). */
  @Override
  public void close() {
    subscription.dispose();
    scheduler.dispose();
  }

  @Override
  public String toString() {
    return "ReactorPipeline[name=" + name + ", queue=" + queue + "]";
  }
}
