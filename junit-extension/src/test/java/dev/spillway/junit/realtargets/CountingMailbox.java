package dev.spillway.junit.realtargets;

import com.typesafe.config.Config;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.LongAdder;
import org.apache.pekko.actor.ActorRef;
import org.apache.pekko.actor.ActorSystem;
import org.apache.pekko.dispatch.Envelope;
import org.apache.pekko.dispatch.MailboxType;
import org.apache.pekko.dispatch.MessageQueue;
import org.apache.pekko.dispatch.ProducesMessageQueue;
import org.apache.pekko.dispatch.UnboundedMessageQueueSemantics;
import scala.Option;

/**
 * A Pekko mailbox type: Pekko's own unbounded mailbox (a {@link ConcurrentLinkedQueue} of
 * envelopes) that also counts what went in and what came out, each side writing only its own
 * counter. Its depth is {@code enqueued − dequeued}. Pekko creates one queue per actor; the test
 * finds it by the actor's path ({@link #of(String)}). Configured as {@code mailbox-type =
 * "dev.spillway.junit.realtargets.CountingMailbox"}.
 */
public final class CountingMailbox
    implements MailboxType, ProducesMessageQueue<CountingMailbox.CountingQueue> {

  private static final Map<String, CountingQueue> QUEUES = new ConcurrentHashMap<>();

  /** Pekko's constructor for a mailbox type. */
  public CountingMailbox(ActorSystem.Settings settings, Config config) {}

  @Override
  public MessageQueue create(Option<ActorRef> owner, Option<ActorSystem> system) {
    CountingQueue queue = new CountingQueue();
    if (owner.isDefined()) {
      QUEUES.put(owner.get().path().toString(), queue);
    }
    return queue;
  }

  /** Whether the actor at {@code path} has a counting mailbox. */
  static boolean registered(String path) {
    return QUEUES.containsKey(path);
  }

  /** The queue of the actor at {@code path}. */
  static CountingQueue of(String path) {
    CountingQueue queue = QUEUES.get(path);
    if (queue == null) {
      throw new IllegalStateException("no counting mailbox for the actor at " + path);
    }
    return queue;
  }

  /** The counting queue. Thread-safe: many senders, one actor taking messages at a time. */
  public static final class CountingQueue implements MessageQueue, UnboundedMessageQueueSemantics {

    private final ConcurrentLinkedQueue<Envelope> queue = new ConcurrentLinkedQueue<>();
    private final LongAdder enqueued = new LongAdder();
    private final LongAdder dequeued = new LongAdder();

    @Override
    public void enqueue(ActorRef receiver, Envelope handle) {
      enqueued.increment(); // counted in before it can be taken: the depth never goes below 0
      queue.offer(handle);
    }

    @Override
    public Envelope dequeue() {
      Envelope next = queue.poll();
      if (next != null) {
        dequeued.increment(); // counted out before the actor handles it
      }
      return next;
    }

    @Override
    public int numberOfMessages() {
      return (int) Math.min(Integer.MAX_VALUE, depth());
    }

    @Override
    public boolean hasMessages() {
      return !queue.isEmpty();
    }

    @Override
    public void cleanUp(ActorRef owner, MessageQueue deadLetters) {
      for (Envelope handle = dequeue(); handle != null; handle = dequeue()) {
        deadLetters.enqueue(owner, handle);
      }
    }

    /**
     * Messages in the mailbox now: what came out is read before what went in, so that a reading
     * never counts a message that has already left (it may miss one arriving).
     */
    long depth() {
      long out = dequeued.sum();
      return Math.max(0, enqueued.sum() - out);
    }

    /** Messages that went in, ever. */
    long enqueued() {
      return enqueued.sum();
    }

    /** Messages that came out, ever. */
    long dequeued() {
      return dequeued.sum();
    }
  }
}
