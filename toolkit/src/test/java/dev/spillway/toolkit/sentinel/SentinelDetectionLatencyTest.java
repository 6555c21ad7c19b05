package dev.spillway.toolkit.sentinel;

import static dev.spillway.toolkit.sentinel.Fixtures.drainTo;
import static dev.spillway.toolkit.sentinel.Fixtures.fillTo;
import static org.assertj.core.api.Assertions.assertThat;

import dev.spillway.toolkit.probe.QueueProbe;
import dev.spillway.toolkit.record.InstrumentedQueue;
import dev.spillway.toolkit.record.TraceEvent;
import java.time.Duration;
import java.util.SplittableRandom;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestReporter;

/**
 * Where and when each kind of sentinel runs its callback, crossing by crossing: inline, on the
 * producer's thread before its {@code offer()} returns; handed off, on the sentinel's thread
 * without holding the producer; polling, on the poller's thread at the first read after the
 * crossing. These hold on any machine, however loaded.
 *
 * <p>How fast each one is — event-driven detection in microseconds against half a polling interval
 * — is a speed claim that depends on the machine: it is measured by the benchmark P2 ({@code
 * benchmarks/.../DetectionLatency}), not asserted here. The latencies seen here are published for
 * information only. More crossings: {@code -Dspillway.sentinel.crossings=1000
 * -Dspillway.sentinel.pollCrossings=1000 -Dspillway.sentinel.pollMillis=10}.
 */
class SentinelDetectionLatencyTest {

  private static final int CROSSINGS = Integer.getInteger("spillway.sentinel.crossings", 1000);
  private static final int POLL_CROSSINGS =
      Integer.getInteger("spillway.sentinel.pollCrossings", 40);
  private static final int POLL_MILLIS = Integer.getInteger("spillway.sentinel.pollMillis", 10);

  @Test
  void inline_runsTheCallbackOnTheProducersThread_beforeItsOfferReturns(TestReporter reporter)
      throws Exception {
    InstrumentedQueue<Integer> queue = InstrumentedQueue.unbounded("inline");
    AtomicLong calledAt = new AtomicLong();
    AtomicReference<Thread> calledOn = new AtomicReference<>();
    Histogram latency = new Histogram(3);
    try (Sentinel sentinel =
        Sentinel.watching(queue)
            .enableAt(100)
            .disableAt(50)
            .mitigate(
                Mitigation.callback(
                    b -> {
                      calledAt.set(System.nanoTime());
                      calledOn.set(Thread.currentThread());
                    }))
            .actionsInline()
            .start()) {
      for (int i = 1; i <= CROSSINGS; i++) {
        fillTo(queue, 99);
        calledOn.set(null);
        long before = System.nanoTime();
        queue.offer(i);
        long after = System.nanoTime();

        assertThat(calledOn.get()).as("crossing %d ran on", i).isSameAs(Thread.currentThread());
        assertThat(calledAt.get()).as("crossing %d ran at", i).isBetween(before, after);
        latency.recordValue(calledAt.get() - before);
        drainTo(queue, 50);
        assertThat(sentinel.isArmed()).isTrue();
      }
      assertThat(sentinel.breachCount()).isEqualTo(CROSSINGS);
    }
    reporter.publishEntry("inline (for information)", summary(latency));
  }

  @Test
  void handedOff_runsTheCallbackOnTheSentinelsThread_withoutHoldingTheProducer(
      TestReporter reporter) throws Exception {
    InstrumentedQueue<Integer> queue = InstrumentedQueue.unbounded("handoff");
    AtomicLong calledAt = new AtomicLong();
    AtomicReference<Thread> calledOn = new AtomicReference<>();
    AtomicReference<CountDownLatch> offerReturned = new AtomicReference<>();
    Semaphore fired = new Semaphore(0);
    Histogram latency = new Histogram(3);
    try (Sentinel sentinel =
        Sentinel.watching(queue)
            .enableAt(100)
            .disableAt(50)
            .named("handoff")
            .mitigate(
                Mitigation.callback(
                    b -> {
                      calledAt.set(System.nanoTime());
                      calledOn.set(Thread.currentThread());
                      // the producer's offer must return while this callback is still waiting:
                      // an offer that waited for the callback would never return
                      awaitQuietly(offerReturned.get());
                      fired.release();
                    }))
            .actionsOnSentinelThread()
            .start()) {
      for (int i = 1; i <= CROSSINGS / 10; i++) {
        fillTo(queue, 99);
        offerReturned.set(new CountDownLatch(1));
        long before = System.nanoTime();
        queue.offer(i);
        offerReturned.get().countDown();

        assertThat(fired.tryAcquire(10, TimeUnit.SECONDS)).as("crossing %d fired", i).isTrue();
        assertThat(calledOn.get().getName()).isEqualTo("spillway-sentinel-handoff");
        assertThat(calledAt.get()).as("crossing %d ran at", i).isGreaterThanOrEqualTo(before);
        latency.recordValue(calledAt.get() - before);
        drainTo(queue, 50);
        Fixtures.eventually().until(sentinel::isArmed);
      }
      // each breach is recorded once its callback has returned, on the sentinel's thread
      Fixtures.eventually().until(() -> sentinel.breachCount() == CROSSINGS / 10);
    }
    reporter.publishEntry("hand-off (for information)", summary(latency));
  }

  @Test
  void polling_runsTheCallbackAtTheFirstReadAfterTheCrossing(TestReporter reporter)
      throws Exception {
    AtomicLong depth = new AtomicLong();
    AtomicLong reads = new AtomicLong();
    AtomicLong firstReadAtEnable = new AtomicLong(); // the number of the first read that saw 100
    QueueProbe probe =
        QueueProbe.of(
            "polled",
            () -> {
              long read = reads.incrementAndGet();
              long d = depth.get();
              if (d >= 100) {
                firstReadAtEnable.compareAndSet(0, read);
              }
              return d;
            });
    AtomicLong calledAt = new AtomicLong();
    AtomicReference<Thread> calledOn = new AtomicReference<>();
    Semaphore fired = new Semaphore(0);
    Semaphore rearmed = new Semaphore(0);
    SplittableRandom random = new SplittableRandom(42);
    Duration interval = Duration.ofMillis(POLL_MILLIS);
    Histogram latency = new Histogram(3);
    try (Sentinel sentinel =
        Sentinel.polling(probe)
            .every(interval)
            .enableAt(100)
            .disableAt(50)
            .named("poller")
            .mitigate(
                Mitigation.callback(
                    b -> {
                      calledAt.set(System.nanoTime());
                      calledOn.set(Thread.currentThread());
                      fired.release();
                    }))
            .events(
                e -> {
                  if (e.kind() == TraceEvent.Kind.REARM) {
                    rearmed.release();
                  }
                })
            .start()) {
      for (int i = 1; i <= POLL_CROSSINGS; i++) {
        // cross at a random phase of the polling period, as real traffic would
        LockSupport.parkNanos(random.nextLong(interval.toNanos()));
        firstReadAtEnable.set(0);
        long readsBefore = reads.get();
        long before = System.nanoTime();
        depth.set(100);

        assertThat(fired.tryAcquire(10, TimeUnit.SECONDS)).as("crossing %d fired", i).isTrue();
        // the read that saw the crossing is the one under way when it happened or the next one,
        // never a later one (one poller thread: at most one read is under way at a time), and the
        // breach is that read's: at the crossing's depth, after the crossing
        assertThat(firstReadAtEnable.get())
            .as("crossing %d: reads before it %d", i, readsBefore)
            .isBetween(readsBefore, readsBefore + 1);
        assertThat(calledAt.get()).isGreaterThanOrEqualTo(before);
        assertThat(calledOn.get().getName()).isEqualTo("spillway-sentinel-poller");
        latency.recordValue(calledAt.get() - before);
        depth.set(0);
        assertThat(rearmed.tryAcquire(10, TimeUnit.SECONDS)).as("re-arm %d", i).isTrue();
        // recorded once its mitigations ran, before the poller read again and re-armed
        assertThat(sentinel.breachCount()).isEqualTo(i);
        assertThat(sentinel.breaches().get(i - 1).depth()).isEqualTo(100);
      }
      assertThat(sentinel.breachCount()).isEqualTo(POLL_CROSSINGS);
    }
    reporter.publishEntry(
        "polling every " + POLL_MILLIS + " ms (for information)", summary(latency));
  }

  private static void awaitQuietly(CountDownLatch latch) {
    try {
      if (!latch.await(10, TimeUnit.SECONDS)) {
        throw new AssertionError("the producer's offer did not return while the callback waited");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static String summary(Histogram h) {
    return String.format(
        "n=%d p50=%.1f us p99=%.1f us max=%.1f us",
        h.getTotalCount(),
        h.getValueAtPercentile(50) / 1e3,
        h.getValueAtPercentile(99) / 1e3,
        h.getMaxValue() / 1e3);
  }
}
