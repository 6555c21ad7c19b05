package dev.spillway.toolkit.sentinel;

import static dev.spillway.toolkit.sentinel.Fixtures.eventually;
import static org.assertj.core.api.Assertions.assertThat;

import dev.spillway.toolkit.record.InstrumentedQueue;
import dev.spillway.toolkit.record.TraceEvent;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** The package's usage example as compiled, running code: a sentinel-watched component. */
class SentinelUsageExampleTest {

  /** A component with one consumer thread and an unbounded mailbox, guarded by a sentinel. */
  static final class WatchedMailbox implements AutoCloseable {
    final InstrumentedQueue<Integer> queue = InstrumentedQueue.unbounded("orders");
    final AtomicLong rejected = new AtomicLong();
    final AtomicLong processed = new AtomicLong();
    final CountDownLatch stalled = new CountDownLatch(1);
    final Thread consumer = new Thread(this::consume, "orders-consumer");
    final Sentinel sentinel;

    WatchedMailbox(Fixtures.RecordingSink recorder) {
      consumer.setDaemon(true);
      sentinel =
          Sentinel.watching(queue)
              .enableAt(500)
              .disableAt(250)
              .mitigate(
                  Mitigation.shed()
                      .and(Mitigation.log(new Fixtures.CapturingLogger(System.Logger.Level.INFO))))
              .consumerThread(consumer)
              .events(recorder)
              .start();
      consumer.start();
    }

    /** The client API: admitted, or rejected explicitly while the sentinel sheds. */
    boolean track(int event) {
      if (!sentinel.admits()) {
        rejected.incrementAndGet();
        return false;
      }
      return queue.offer(event);
    }

    private void consume() {
      try {
        stalled.await(); // a stalled consumer: the flood piles up until released
        while (!Thread.currentThread().isInterrupted()) {
          queue.take();
          processed.incrementAndGet();
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }

    @Override
    public void close() {
      sentinel.close();
      consumer.interrupt();
      try {
        consumer.join();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }

  @Test
  void aFloodOnAStalledConsumer_isShedAtEnable_andNothingIsLost() throws Exception {
    Fixtures.RecordingSink recorder = new Fixtures.RecordingSink();
    try (WatchedMailbox mailbox = new WatchedMailbox(recorder)) {
      int sent = 1_000;
      long admitted = 0;
      for (int i = 0; i < sent; i++) {
        if (mailbox.track(i)) {
          admitted++;
        }
      }
      assertThat(admitted).isEqualTo(500);
      assertThat(mailbox.rejected).hasValue(500);

      mailbox.stalled.countDown();

      eventually().until(() -> mailbox.processed.get() == 500);
      eventually().until(() -> recorder.kinds().contains(TraceEvent.Kind.REARM));
      assertThat(mailbox.processed.get() + mailbox.rejected.get()).isEqualTo(sent);
      assertThat(mailbox.sentinel.shedCount()).isEqualTo(500);
      Breach breach = mailbox.sentinel.breaches().get(0);
      assertThat(breach.depth()).isEqualTo(500);
      assertThat(breach.diagnostics().consumerThread()).startsWith("'orders-consumer'");
      assertThat(mailbox.track(-1)).isTrue();
    }
  }
}
