package dev.spillway.samples.container;

import dev.spillway.toolkit.internal.Preconditions;
import dev.spillway.toolkit.ledger.MessageLedger;
import dev.spillway.toolkit.probe.HttpMetricsProbe;
import dev.spillway.toolkit.probe.ProbeException;
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

  private static final List<String> OUTCOMES =
      List.of("processed", "rejected", "dropped", "failed");

  private final MessageLedger ledger;
  private final HttpMetricsProbe sent;
  private final List<HttpMetricsProbe> outcomes;
  private final long[] seen = new long[1 + OUTCOMES.size()];
  private final Thread thread;

  private ServerBooks(SampleTargetContainer target, String design, Duration interval) {
    this.ledger = MessageLedger.builder().named(design + " (server's books)").build();
    this.sent = target.messagesProbe(design, "sent", READ_TIMEOUT);
    this.outcomes =
        OUTCOMES.stream()
            .map(outcome -> target.messagesProbe(design, outcome, READ_TIMEOUT))
            .toList();
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
      long[] now = new long[seen.length];
      for (int i = 0; i < outcomes.size(); i++) {
        now[i + 1] = outcomes.get(i).depth();
      }
      // read after the outcomes, 'sent' counts every event they count: it goes in first
      now[0] = sent.depth();
      for (long k = seen[0]; k < now[0]; k++) {
        ledger.sent();
      }
      for (int i = 0; i < outcomes.size(); i++) {
        for (long k = seen[i + 1]; k < now[i + 1]; k++) {
          record(OUTCOMES.get(i));
        }
      }
      System.arraycopy(now, 0, seen, 0, seen.length);
    } catch (ProbeException unreadable) {
      // a paused or restarting server cannot be read: the next interval tries again
    }
  }

  private void record(String outcome) {
    switch (outcome) {
      case "processed" -> ledger.processed();
      case "rejected" -> ledger.rejected();
      case "dropped" -> ledger.dropped();
      default -> ledger.failed();
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
    sent.close();
    outcomes.forEach(HttpMetricsProbe::close);
  }
}
