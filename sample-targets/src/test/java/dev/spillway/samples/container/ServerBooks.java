package dev.spillway.samples.container;

import dev.spillway.toolkit.ledger.MessageLedger;
import dev.spillway.toolkit.probe.HttpMetricsProbe;
import dev.spillway.toolkit.probe.ProbeException;
import dev.spillway.toolkit.util.Preconditions;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.locks.LockSupport;

/**
 * The books a containerized server keeps of one design, mirrored into a local {@link MessageLedger}
 * so that an overload test can judge a target in another process by the target's own books ({@code
 * harness.useLedger(books.ledger())}), as it does an in-process design's.
 *
 * <p>A daemon thread reads the server's {@code spillway_messages_total} counters every {@code
 * interval} and adds what each grew by since the previous read. It lags the server by up to one
 * interval (and by any time the server cannot be read, e.g. while paused). The counters are read
 * outcomes first, then {@code sent}, and added {@code sent} first; the harness waits for the books
 * to balance, so the lag shows as waiting, not as a loss. Reads that fail are retried at the next
 * interval.
 *
 * <p>Thread-safety: {@link #ledger()} is thread-safe; {@link #close()} stops the thread.
 */
final class ServerBooks implements AutoCloseable {

  private static final Duration READ_TIMEOUT = Duration.ofMillis(200);

  private final MessageLedger ledger;
  private final List<Counter> counters; // "sent" first: it is added first and read last
  private final Thread thread;

  /** One of the server's counters, what the mirror last saw of it, and how the ledger counts it. */
  private static final class Counter {
    final HttpMetricsProbe probe;
    final Runnable count;
    long seen;
    long now;

    Counter(HttpMetricsProbe probe, Runnable count) {
      this.probe = probe;
      this.count = count;
    }
  }

  private ServerBooks(SampleTargetContainer target, String design, Duration interval) {
    this.ledger = MessageLedger.builder().named(design + " (server's books)").build();
    this.counters =
        List.of(
            counter(target, design, "sent", ledger::sent),
            counter(target, design, "processed", ledger::processed),
            counter(target, design, "rejected", ledger::rejected),
            counter(target, design, "dropped", ledger::dropped),
            counter(target, design, "failed", ledger::failed));
    long intervalNanos = interval.toNanos();
    this.thread =
        new Thread(
            () -> {
              while (!Thread.currentThread().isInterrupted()) {
                sync();
                LockSupport.parkNanos(intervalNanos);
              }
            },
            "server-books-" + design);
    thread.setDaemon(true);
  }

  private static Counter counter(
      SampleTargetContainer target, String design, String outcome, Runnable count) {
    return new Counter(target.messagesProbe(design, outcome, READ_TIMEOUT), count);
  }

  /** Mirrors {@code design}'s books on {@code target}, read every {@code interval}. */
  static ServerBooks of(SampleTargetContainer target, String design, Duration interval) {
    Preconditions.notNull(target, "target");
    Preconditions.notBlank(design, "design");
    Preconditions.positive(interval, "interval");
    ServerBooks books = new ServerBooks(target, design, interval);
    books.thread.start();
    return books;
  }

  /** The mirror: sent, processed, rejected, dropped and failed as the server counted them. */
  MessageLedger ledger() {
    return ledger;
  }

  private void sync() {
    try {
      // 'sent', read after the outcomes, counts every event they count: it is added first
      for (int i = counters.size() - 1; i >= 0; i--) {
        counters.get(i).now = counters.get(i).probe.depth();
      }
      for (Counter c : counters) {
        for (; c.seen < c.now; c.seen++) {
          c.count.run();
        }
      }
    } catch (ProbeException unreadable) {
      // a paused or restarting server cannot be read: the next interval tries again
    }
  }

  @Override
  public void close() {
    thread.interrupt();
    try {
      thread.join(5_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt(); // stop waiting; the thread is a daemon and was told
    }
    counters.forEach(c -> c.probe.close());
  }
}
