package dev.spillway.junit.realtargets;

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
import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.core.Appender;
import org.apache.logging.log4j.core.ErrorHandler;
import org.apache.logging.log4j.core.LogEvent;
import org.apache.logging.log4j.core.appender.AbstractAppender;
import org.apache.logging.log4j.core.appender.AsyncAppender;
import org.apache.logging.log4j.core.config.AppenderRef;
import org.apache.logging.log4j.core.config.NullConfiguration;
import org.apache.logging.log4j.core.config.Property;
import org.apache.logging.log4j.core.impl.Log4jLogEvent;
import org.apache.logging.log4j.message.ParameterizedMessage;

/**
 * Log4j 2's {@link AsyncAppender}, built programmatically (no configuration file), as an {@link
 * AccountedTarget}: each message sent is one INFO event appended to it, and its dispatcher thread
 * delivers it to {@code downstream}.
 *
 * <p>What is counted, and how (log4j-core 2.25's {@code AsyncAppender}):
 *
 * <ul>
 *   <li><b>sent</b> before {@code append};
 *   <li><b>dropped</b> when the queue is full and {@code blocking} is false: {@code append} then
 *       reports "queue is full" to the appender's {@link ErrorHandler} (and hands the event to the
 *       {@code errorRef} appender, when there is one; here there is none) and returns. The target
 *       installs an error handler around the appender's own, which notes that report on the sending
 *       thread and passes it on: the discard is counted exactly, as it happens;
 *   <li>with {@code blocking} (the default) a full queue holds the caller in {@code put} (Log4j's
 *       default queue-full policy): push-back, seen by the load driver;
 *   <li><b>queued</b>: {@link AsyncAppender#getQueueSize()}, capacity {@link
 *       AsyncAppender#getQueueCapacity()};
 *   <li><b>in flight</b>: counted — what came in, minus what is in the queue, minus what came out,
 *       read in that order (the dispatcher takes one event at a time, so it is 0 or 1);
 *   <li><b>processed</b> when {@code downstream} returns on the dispatcher.
 * </ul>
 *
 * <p>Test code, not API: copy it (and adapt it) to flood an appender of your own.
 *
 * <p>Thread-safety: safe for one sending thread (the harness sends on one); the probe, the ledger
 * and the in-flight count may be read from any thread. {@link #stop()} stops the appender the way
 * Log4j does at shutdown: the dispatcher delivers every queued event first.
 */
public final class Log4jAsyncTarget implements AccountedTarget {

  static final String QUEUE_FULL =
      "discarded by Log4j's AsyncAppender (queue full, blocking=false): the caller was not told";

  private static final String DELIVERY = "delivery";

  private final String name;
  private final AsyncAppender appender;
  private final MessageLedger ledger;
  private final QueueProbe queue;

  /** Whether the event being appended now was discarded; the sending thread's only. */
  private boolean discarded;

  private Thread sending;

  private final AtomicLong entered = new AtomicLong(); // written by the sender only
  private final AtomicLong delivered = new AtomicLong(); // written by the dispatcher only

  private Log4jAsyncTarget(String name, Appender downstream, int bufferSize, boolean blocking) {
    this.name = name;
    this.ledger = MessageLedger.builder().named(name).build();
    NullConfiguration config = new NullConfiguration();
    config.addAppender(new Delivery(downstream));
    this.appender =
        AsyncAppender.newBuilder()
            .setName(name)
            .setConfiguration(config)
            .setAppenderRefs(
                new AppenderRef[] {AppenderRef.createAppenderRef(DELIVERY, null, null)})
            .setBufferSize(bufferSize)
            .setBlocking(blocking)
            .build();
    appender.setHandler(new Noting(appender.getHandler()));
    this.queue =
        QueueProbes.withCapacity(
            QueueProbes.of(name, appender::getQueueSize), appender.getQueueCapacity());
  }

  /**
   * Builds the async appender named {@code name} with one appender reference, to {@code downstream}
   * through the target's delivery count, and starts it.
   *
   * @param downstream started
   * @param bufferSize the queue's capacity (Log4j's default: 1024)
   * @param blocking whether a full queue holds the caller (Log4j's default: true)
   */
  public static Log4jAsyncTarget start(
      String name, Appender downstream, int bufferSize, boolean blocking) {
    if (!downstream.isStarted()) {
      throw new IllegalArgumentException("downstream must be started, but was " + downstream);
    }
    Log4jAsyncTarget target = new Log4jAsyncTarget(name, downstream, bufferSize, blocking);
    target.appender.start();
    return target;
  }

  /** The async appender itself. */
  public AsyncAppender appender() {
    return appender;
  }

  /** Stops the appender as Log4j does: after the dispatcher has delivered every queued event. */
  public void stop() {
    appender.stop();
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

  @Override
  public InFlight inFlight() {
    return InFlight.counted(this::inFlightNow);
  }

  private Outcome send(Message message) {
    LogEvent event =
        Log4jLogEvent.newBuilder()
            .setLoggerName(name)
            .setLevel(Level.INFO)
            .setMessage(
                new ParameterizedMessage(
                    "message #{} with key {}", message.sequence(), message.key()))
            .build();
    ledger.sent();
    sending = Thread.currentThread();
    discarded = false;
    try {
      appender.append(event);
    } finally {
      sending = null;
    }
    if (discarded) {
      ledger.dropped(QUEUE_FULL);
    } else {
      entered.incrementAndGet(); // in the queue, or delivered already
    }
    return Outcome.ACCEPTED;
  }

  /** Came in, minus in the queue, minus came out: read in that order. */
  private long inFlightNow() {
    long in = entered.get();
    long waiting = appender.getQueueSize();
    long out = delivered.get();
    return Math.max(0, in - waiting - out);
  }

  /** The appender's error handler, which notes a "queue is full" report during a send. */
  private final class Noting implements ErrorHandler {

    private final ErrorHandler original;

    Noting(ErrorHandler original) {
      this.original = original;
    }

    @Override
    public void error(String msg) {
      if (Thread.currentThread() == sending && msg.endsWith("queue is full")) {
        discarded = true;
      }
      original.error(msg);
    }

    @Override
    public void error(String msg, Throwable t) {
      original.error(msg, t);
    }

    @Override
    public void error(String msg, LogEvent event, Throwable t) {
      original.error(msg, event, t);
    }
  }

  /** The async appender's one appender: hands each event to downstream, then counts it out. */
  private final class Delivery extends AbstractAppender {

    private final Appender downstream;

    Delivery(Appender downstream) {
      super(DELIVERY, null, null, true, Property.EMPTY_ARRAY);
      this.downstream = downstream;
      start();
    }

    @Override
    public void append(LogEvent event) {
      downstream.append(event);
      delivered.incrementAndGet(); // out before the outcome
      ledger.processed();
    }
  }

  @Override
  public String toString() {
    return "Log4jAsyncTarget[name="
        + name
        + ", bufferSize="
        + appender.getQueueCapacity()
        + ", blocking="
        + appender.isBlocking()
        + "]";
  }
}
