package dev.spillway.samples.internal;

import static org.apiguardian.api.API.Status.INTERNAL;

import dev.spillway.samples.Event;
import dev.spillway.toolkit.ledger.MessageLedger;
import dev.spillway.toolkit.record.InstrumentedQueue;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.apiguardian.api.API;

/**
 * One consumer behind an unbounded queue of large messages: each tracked event arrives as a
 * document of many small fields (parsed on arrival, one string per field), which waits in the queue
 * until the consumer takes it; the consumer renders the document to text and encodes it once per
 * subscriber ({@value #COPIES} times, a few hundred times its size in short-lived garbage), then
 * sleeps its service time. The backlog holds every waiting document, so its memory grows with the
 * depth: in a small heap the collector has ever more to trace at each collection and ever less room
 * between them.
 *
 * <p>Accounting: an event is sent when tracked and queued; the consumer counts it processed; a
 * close counts what is still queued, and the document it interrupts, as dropped.
 *
 * <p>Thread-safety: all methods are thread-safe.
 */
@API(status = INTERNAL, since = "0.1")
public final class LargeMessagesTracker
    extends SingleConsumerTracker<LargeMessagesTracker.Document> {

  /** The characters of one field: ~52 bytes with its string's header, its array and its slot. */
  static final int FIELD_CHARS = 8;

  /** How many copies of each document the consumer renders: one per subscriber. */
  static final int COPIES = 64;

  private static final String FILLER = "x".repeat(FIELD_CHARS);

  /** An event as it waits in the queue: with its document, a string per field. */
  record Document(Event event, String[] fields) {}

  private final int fields;
  private final Duration serviceTime;
  private volatile int rendered; // keeps the JIT from removing the rendering

  /**
   * A design named {@code name} whose documents have {@code fields} fields and whose consumer
   * spends {@code serviceTime} on each after rendering it, accounting in {@code ledger}.
   */
  public LargeMessagesTracker(String name, int fields, Duration serviceTime, MessageLedger ledger) {
    super(name, ledger, InstrumentedQueue.unbounded(name), event -> parse(event, fields));
    this.fields = fields;
    this.serviceTime = serviceTime;
    startConsumer();
  }

  /** The document {@code event} brings: {@code fields} fields, each a string of its own. */
  private static Document parse(Event event, int fields) {
    String[] parsed = new String[fields];
    String prefix = event.key() + ':' + event.id() + ':';
    for (int i = 0; i < fields; i++) {
      parsed[i] = (prefix + i + FILLER).substring(0, FIELD_CHARS);
    }
    return new Document(event, parsed);
  }

  /** The consumer's loop: take a document, render it, spend the service time on it. */
  @Override
  void consume() {
    while (!stopping()) {
      Document document;
      try {
        document = intake().take();
      } catch (InterruptedException e) {
        continue; // stopping is checked by the loop
      }
      handling().incrementAndGet();
      try {
        rendered += render(document);
        TimeUnit.NANOSECONDS.sleep(serviceTime.toNanos());
        handling().decrementAndGet();
        ledger().processed();
      } catch (InterruptedException e) {
        handling().decrementAndGet();
        ledger().dropped();
        droppedByStop(1);
      }
    }
  }

  /**
   * The document as text, encoded once per subscriber: {@value #COPIES} times a few times its size
   * in short-lived garbage.
   */
  private static int render(Document document) {
    int length = 0;
    for (int copy = 0; copy < COPIES; copy++) {
      StringBuilder text = new StringBuilder();
      for (String field : document.fields()) {
        text.append(field).append(':').append(copy).append('\n');
      }
      length += text.toString().getBytes(StandardCharsets.UTF_8).length;
    }
    return length;
  }

  @Override
  public String toString() {
    return name()
        + "["
        + intake()
        + ", "
        + fields
        + " fields per document, "
        + serviceTime.toNanos() / 1_000_000.0
        + " ms per event]";
  }
}
