package dev.spillway.junit.realtargets;

import ch.qos.logback.classic.AsyncAppender;
import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.LoggingEvent;
import ch.qos.logback.core.Appender;
import ch.qos.logback.core.UnsynchronizedAppenderBase;
import dev.spillway.toolkit.ledger.InFlight;
import dev.spillway.toolkit.ledger.MessageLedger;
import dev.spillway.toolkit.load.Message;
import dev.spillway.toolkit.load.Outcome;
import dev.spillway.toolkit.load.Sender;
import dev.spillway.toolkit.probe.QueueProbe;
import dev.spillway.toolkit.probe.QueueProbes;
import dev.spillway.toolkit.target.AccountedTarget;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Logback's {@link AsyncAppender} as an {@link AccountedTarget}: each message sent is one logging
 * event of a fixed level appended to it, and the appender's worker delivers it to {@code
 * downstream}, the appender it was configured with.
 *
 * <p>What is counted, and how (logback 1.5's {@code AsyncAppenderBase}):
 *
 * <ul>
 *   <li><b>sent</b> before {@code doAppend};
 *   <li><b>dropped</b> below the discarding threshold: when the queue's remaining capacity is below
 *       {@code discardingThreshold}, {@code append} returns before it prepares the event for the
 *       worker (TRACE, DEBUG and INFO are discardable). The events are the target's own, and {@link
 *       LoggingEvent#prepareForDeferredProcessing()} is the call that tells: an event that returns
 *       from {@code doAppend} unprepared, after the appender asked for its level ({@code
 *       isDiscardable} does, and only above the threshold), was discarded, exactly, on the caller's
 *       thread. One not even asked for its level was not appended at all (a stopped appender, a
 *       filter, an exception logback keeps in its status messages): dropped too, saying so;
 *   <li><b>dropped</b> on a full queue with {@code neverBlock}: {@code offer} fails silently and
 *       nothing of it can be seen. With one sending thread the events reach the worker in the order
 *       in which they were prepared, so the event the worker hands on next after a gap proves the
 *       events in the gap lost, exactly, when it is handed on. Until then they count as queued:
 *       their fate is not known yet (a drop at the very end of a load, never followed by a
 *       delivery, would stay "queued" for good — the tests end every load below the appender's
 *       rate);
 *   <li><b>queued</b>: every event appended and not yet handed to {@code downstream}, not only
 *       {@link AsyncAppender#getNumberOfElementsInQueue()}. The worker does not take one event at a
 *       time: it takes the first and drains the whole queue into a batch, which it then delivers
 *       event by event, so up to {@code queueSize} events wait in its hands where the queue's size
 *       no longer shows them, and the queue's size alone saws between empty and full while the
 *       backlog grows (seen: a queue of 64 read +20/s while the backlog grew by λ − μ ≈ 50/s, and
 *       the run was judged SURVIVED). The backlog is what came in minus what the worker handed on,
 *       the "out" read first; its capacity is {@code 2 × queueSize} (the queue, and a batch of at
 *       most a full queue);
 *   <li><b>in flight</b>: counted: the one event inside {@code downstream.doAppend}, counted out of
 *       the backlog before it goes in, and out of flight before it is counted processed;
 *   <li><b>processed</b> when {@code downstream.doAppend} returns on the worker.
 * </ul>
 *
 * <p>A caller held in {@code put} by a full queue ({@code neverBlock} false, a level that is not
 * discardable) is the harness's driver held up: push-back, seen by the load driver.
 *
 * <p>Test code, not API: copy it (and adapt it) to flood an appender of your own.
 *
 * <p>Thread-safety: safe for <b>one sending thread</b> (the harness sends on one); the probe, the
 * ledger and the in-flight count may be read from any thread. Events appended to the appender by
 * others pass through to {@code downstream} uncounted; while a run lasts there must be none, or the
 * queue counts events that were never sent.
 */
public final class LogbackAsyncTarget implements AccountedTarget {

  static final String BELOW_THRESHOLD =
      "discarded by logback's AsyncAppender (queue above its discarding threshold, level %s is"
          + " discardable): the caller was not told";

  static final String NOT_APPENDED =
      "not appended by logback's AsyncAppender (stopped, filtered out, or an error in its status"
          + " messages): the caller was not told";

  static final String QUEUE_FULL =
      "discarded by logback's AsyncAppender (queue full, neverBlock): the caller was not told";

  private final String name;
  private final AsyncAppender appender;
  private final Appender<ILoggingEvent> downstream;
  private final Logger logger;
  private final Level level;
  private final MessageLedger ledger;
  private final QueueProbe queue;

  /** The index the next prepared event gets; the sending thread's only. */
  private long prepared;

  private final AtomicLong entered = new AtomicLong(); // written by the sender only
  private final AtomicLong handedOn = new AtomicLong(); // written by the worker only
  private final AtomicLong vanished = new AtomicLong(); // written by the worker only
  private final AtomicLong inside = new AtomicLong(); // written by the worker only: 0 or 1

  private LogbackAsyncTarget(
      String name, AsyncAppender appender, Appender<ILoggingEvent> downstream, Level level) {
    this.name = name;
    this.appender = appender;
    this.downstream = downstream;
    this.level = level;
    this.logger = ((LoggerContext) appender.getContext()).getLogger(name);
    this.ledger = MessageLedger.builder().named(name).build();
    this.queue =
        QueueProbes.withCapacity(QueueProbes.of(name, this::backlog), 2L * appender.getQueueSize());
  }

  /**
   * Attaches {@code downstream}, through the target's delivery count, to {@code appender} and
   * starts it. Logback lets an async appender have one appender only, attached once: the target
   * attaches it itself, so that it sees each event delivered.
   *
   * @param appender configured (queue size, threshold, neverBlock), with a {@link LoggerContext},
   *     not started, nothing attached
   * @param downstream started
   * @param level the level of every event sent
   */
  public static LogbackAsyncTarget start(
      String name, AsyncAppender appender, Appender<ILoggingEvent> downstream, Level level) {
    if (appender.isStarted() || appender.iteratorForAppenders().hasNext()) {
      throw new IllegalArgumentException(
          "appender must be not started and have nothing attached, but was " + appender.getName());
    }
    if (!(appender.getContext() instanceof LoggerContext context)
        || context.getMDCAdapter() == null
        || !downstream.isStarted()) {
      // without an MDC adapter (SLF4J's binding sets one) every event fails in preprocess
      throw new IllegalArgumentException(
          "appender must have a LoggerContext with an MDC adapter and downstream be started, but"
              + " were "
              + appender.getContext()
              + ", "
              + downstream.isStarted());
    }
    LogbackAsyncTarget target = new LogbackAsyncTarget(name, appender, downstream, level);
    Delivery delivery = target.new Delivery();
    delivery.setContext(appender.getContext());
    delivery.setName("delivery to " + downstream.getName());
    delivery.start();
    appender.addAppender(delivery);
    appender.start();
    if (!appender.isStarted()) {
      throw new IllegalStateException("appender " + appender.getName() + " did not start");
    }
    return target;
  }

  @Override
  public String name() {
    return name;
  }

  /** Appends one event per message; always answers accepted: that is all the caller hears. */
  @Override
  public Sender sender() {
    return this::send;
  }

  @Override
  public List<QueueProbe> queues() {
    return List.of(queue);
  }

  @Override
  public MessageLedger ledger() {
    return ledger;
  }

  /** Counted: the event inside {@code downstream}, if any. */
  @Override
  public InFlight inFlight() {
    return InFlight.counted(inside::get);
  }

  private Outcome send(Message message) {
    Event event = new Event(message);
    ledger.sent();
    appender.doAppend(event);
    if (event.index >= 0) {
      entered.incrementAndGet(); // in the queue, delivered already, or lost to a full queue
    } else if (event.levelAsked) {
      ledger.dropped(String.format(BELOW_THRESHOLD, level));
    } else {
      ledger.dropped(NOT_APPENDED);
    }
    return Outcome.ACCEPTED;
  }

  /**
   * In the queue or the worker's batch, and drops not proven yet: what went out is read before what
   * came in, so that a reading never counts an event that has moved on (it may miss one moving).
   */
  private long backlog() {
    long out = handedOn.get() + vanished.get();
    return Math.max(0, entered.get() - out);
  }

  /** One message as a logging event, which notes when the appender prepares it for the worker. */
  private final class Event extends LoggingEvent {

    /** Its place among the prepared events; -1 until prepared. Published to the worker by put. */
    private long index = -1;

    /** Whether the appender asked for its level before preparing it: the discarding test. */
    private boolean levelAsked;

    Event(Message message) {
      super(
          Logger.FQCN,
          logger,
          level,
          "message #{} with key {}",
          null,
          new Object[] {message.sequence(), message.key()});
    }

    LogbackAsyncTarget target() {
      return LogbackAsyncTarget.this;
    }

    @Override
    public Level getLevel() {
      if (index < 0) { // asked by isDiscardable, only when the queue is above the threshold
        levelAsked = true;
      }
      return super.getLevel();
    }

    @Override
    public void prepareForDeferredProcessing() {
      super.prepareForDeferredProcessing();
      if (index < 0) { // the appender prepares it on the caller's thread, before put or offer
        index = prepared++;
      }
    }
  }

  /** The async appender's one appender: counts each event out, then hands it to downstream. */
  private final class Delivery extends UnsynchronizedAppenderBase<ILoggingEvent> {

    @Override
    protected void append(ILoggingEvent event) {
      if (!(event instanceof Event ours) || ours.target() != LogbackAsyncTarget.this) {
        downstream.doAppend(event);
        return;
      }
      // every event prepared before this one and not handed on was lost to a full queue
      for (long gap = ours.index - (handedOn.get() + vanished.get()); gap > 0; gap--) {
        vanished.incrementAndGet(); // out of the backlog before the outcome
        ledger.dropped(QUEUE_FULL);
      }
      handedOn.incrementAndGet(); // out of the backlog before into flight
      inside.set(1);
      try {
        downstream.doAppend(event);
      } finally {
        inside.set(0); // out of flight before the outcome
      }
      ledger.processed();
    }
  }

  @Override
  public String toString() {
    return "LogbackAsyncTarget[name="
        + name
        + ", queueSize="
        + appender.getQueueSize()
        + ", discardingThreshold="
        + appender.getDiscardingThreshold()
        + ", neverBlock="
        + appender.isNeverBlock()
        + ", level="
        + level
        + "]";
  }
}
