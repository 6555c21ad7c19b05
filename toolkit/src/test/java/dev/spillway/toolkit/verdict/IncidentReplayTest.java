package dev.spillway.toolkit.verdict;

import static org.assertj.core.api.Assertions.assertThat;

import dev.spillway.toolkit.ledger.LedgerSnapshot;
import dev.spillway.toolkit.ledger.MessageLedger;
import dev.spillway.toolkit.ledger.RateBucket;
import dev.spillway.toolkit.ledger.Rates;
import dev.spillway.toolkit.record.InstrumentedQueue;
import dev.spillway.toolkit.record.QueueRecorder;
import dev.spillway.toolkit.record.QueueTrace;
import dev.spillway.toolkit.record.TraceEvent;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.Test;

/**
 * The seed incident, scaled down and replayed on real threads: a ~5 ms handler (μ ≈ 195/s with
 * Thread.sleep(5)) offered 250/s for 2 s. Every figure is compared with another measured in the
 * same run, never with wall-clock constants.
 */
class IncidentReplayTest {

  private static final long SPIKE_NANOS = TimeUnit.SECONDS.toNanos(2);
  private static final double OFFERED_PER_SECOND = 250;

  @Test
  void singletonConsumer_underTheSpike_overflowsAtTheMeasuredArrivalMinusServiceRate()
      throws Exception {
    InstrumentedQueue<Long> queue = InstrumentedQueue.unbounded("singleton");
    MessageLedger ledger = MessageLedger.create();
    QueueRecorder recorder = QueueRecorder.sampling(queue.probe()).named("incident").start();
    Consumer consumer = new Consumer(queue, ledger);
    consumer.start();

    long start = System.nanoTime();
    recorder.record(new TraceEvent(start, TraceEvent.Kind.PHASE, "driver", "spike 250/s"));
    long sent = 0;
    while (System.nanoTime() - start < SPIKE_NANOS) {
      long due = (long) ((System.nanoTime() - start) * OFFERED_PER_SECOND / 1e9);
      for (; sent < due; sent++) { // batches: park granularity is ~60 µs
        ledger.sent();
        queue.offer(sent);
      }
      LockSupport.parkNanos(1_000_000);
    }
    long end = System.nanoTime();
    consumer.stopAndJoin();
    QueueTrace trace = recorder.stop();
    LedgerSnapshot books = ledger.snapshot(queue.probe());

    Evidence evidence =
        Evidence.of(trace, books)
            .withLoadWindow(trace.offsetOf(start), trace.offsetOf(end))
            .withRatesFrom(ledger);
    Assessment a = Verdicts.assess(evidence);
    Rates lateRates =
        ledger.ratesBetween(
            trace.startNanos() + a.growth().from().toNanos(),
            trace.startNanos() + a.growth().to().toNanos());
    double excess = lateRates.excessPerSecond();

    assertThat(a.verdict()).as(a.summary()).isEqualTo(Verdict.OVERFLOWED);
    assertThat(books.isBalanced()).as(books.describe()).isTrue();
    assertThat(books.sent()).isEqualTo(sent);
    // λ is what this test sent in the load window, however fast a loaded machine let it send: the
    // ledger's whole buckets inside the window hold at least their share of it, and the buckets it
    // pro-rates at the window's two edges at most all the rest
    Rates rates = a.rates().orElseThrow();
    double arrivedInWindow = rates.arrivalPerSecond() * rates.window().toNanos() / 1e9;
    long inWholeBuckets =
        ledger.rateSeries().stream()
            .filter(b -> b.startNanos() - start >= 0)
            .filter(b -> end - (b.startNanos() + b.length().toNanos()) >= 0)
            .mapToLong(RateBucket::sent)
            .sum();
    assertThat(rates.window()).isEqualTo(Duration.ofNanos(end - start));
    assertThat(arrivedInWindow).isBetween(inWholeBuckets - 1e-6, sent + 1e-6);
    // the queue grows by what arrives minus what is served: both measured in this run
    assertThat(a.growth().slopePerSecond()).isBetween(excess * 0.7, excess * 1.3);
    assertThat(a.explanation())
        .contains("exceeded service")
        .doesNotContain("drained"); // the trace ends with the load
    assertThat(trace.events(TraceEvent.Kind.PHASE)).hasSize(1);
  }

  /** Takes messages and sleeps 5 ms on each, until stopped; finishes the message in hand. */
  private static final class Consumer extends Thread {
    private final InstrumentedQueue<Long> queue;
    private final MessageLedger ledger;
    private volatile boolean running = true;

    Consumer(InstrumentedQueue<Long> queue, MessageLedger ledger) {
      super("test-consumer");
      setDaemon(true);
      this.queue = queue;
      this.ledger = ledger;
    }

    @Override
    public void run() {
      try {
        while (running) {
          Long m = queue.poll(10, TimeUnit.MILLISECONDS);
          if (m != null) {
            Thread.sleep(5);
            ledger.processed();
          }
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }

    void stopAndJoin() throws InterruptedException {
      running = false;
      join(Duration.ofSeconds(5).toMillis());
    }
  }
}
