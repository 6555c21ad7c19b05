package dev.spillway.toolkit.sentinel;

import static dev.spillway.toolkit.sentinel.Fixtures.drainTo;
import static dev.spillway.toolkit.sentinel.Fixtures.fillTo;
import static org.assertj.core.api.Assertions.assertThat;

import dev.spillway.toolkit.probe.QueueProbe;
import dev.spillway.toolkit.record.InstrumentedQueue;
import dev.spillway.toolkit.record.TraceEvent;
import java.time.Duration;
import java.util.SplittableRandom;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestReporter;

/**
 * Detection latency: from just before the enqueue (or probe change) that crosses the enable
 * threshold to the start of the breach callback. Event-driven inline, event-driven handed off to
 * the sentinel's thread, and polling. Prints the figures; asserts only ratios measured in the same
 * run.
 *
 * <p>More crossings for a report: {@code -Dspillway.sentinel.crossings=1000
 * -Dspillway.sentinel.pollCrossings=1000 -Dspillway.sentinel.pollMillis=10}.
 */
class SentinelDetectionLatencyTest {

  private static final int CROSSINGS = Integer.getInteger("spillway.sentinel.crossings", 1000);
  private static final int WARMUP = 200;
  private static final int POLL_CROSSINGS =
      Integer.getInteger("spillway.sentinel.pollCrossings", 40);
  private static final int POLL_MILLIS = Integer.getInteger("spillway.sentinel.pollMillis", 10);

  @Test
  void eventDrivenDetection_isFarFasterThanPollingEvery10Milliseconds(TestReporter reporter)
      throws Exception {
    Histogram inlineOffer = new Histogram(3);
    Histogram handoffOffer = new Histogram(3);
    Histogram inline = eventDriven(true, inlineOffer);
    Histogram handoff = eventDriven(false, handoffOffer);
    Histogram polling = polling(Duration.ofMillis(POLL_MILLIS));

    reporter.publishEntry("inline", summary(inline));
    reporter.publishEntry("handoff", summary(handoff));
    reporter.publishEntry("polling " + POLL_MILLIS + " ms", summary(polling));
    System.out.printf(
        "Sentinel detection latency (crossing enqueue -> callback start):%n"
            + "  event-driven, actions inline:          %s%n"
            + "  event-driven, sentinel thread handoff: %s%n"
            + "  polling every %d ms:                    %s%n"
            + "Producer's cost of the crossing offer():%n"
            + "  actions inline:                        %s%n"
            + "  handoff to the sentinel thread:        %s%n",
        summary(inline),
        summary(handoff),
        POLL_MILLIS,
        summary(polling),
        summary(inlineOffer),
        summary(handoffOffer));

    long pollingMedian = polling.getValueAtPercentile(50);
    assertThat(inline.getValueAtPercentile(99)).isLessThan(pollingMedian);
    assertThat(handoff.getValueAtPercentile(50) * 10).isLessThan(pollingMedian);
  }

  /**
   * @param offerCost receives the duration of each measured crossing offer() on the producer
   */
  private static Histogram eventDriven(boolean inline, Histogram offerCost)
      throws InterruptedException {
    InstrumentedQueue<Integer> queue = InstrumentedQueue.unbounded("latency");
    AtomicLong start = new AtomicLong();
    long[] latency = new long[WARMUP + CROSSINGS];
    Semaphore fired = new Semaphore(0);
    SentinelBuilder builder =
        Sentinel.watching(queue)
            .enableAt(100)
            .disableAt(50)
            .mitigate(
                Mitigation.callback(
                    b -> {
                      latency[(int) b.excursion() - 1] = System.nanoTime() - start.get();
                      fired.release();
                    }));
    try (Sentinel sentinel =
        (inline ? builder.actionsInline() : builder.actionsOnSentinelThread()).start()) {
      for (int i = 0; i < latency.length; i++) {
        fillTo(queue, 99);
        long t0 = System.nanoTime();
        start.set(t0);
        queue.offer(i);
        long offered = System.nanoTime() - t0;
        if (i >= WARMUP) {
          offerCost.recordValue(offered);
        }
        assertThat(fired.tryAcquire(5, TimeUnit.SECONDS)).as("crossing %d fired", i).isTrue();
        drainTo(queue, 50);
        assertThat(sentinel.isArmed()).isTrue();
      }
    }
    return histogram(latency, WARMUP);
  }

  private static Histogram polling(Duration interval) throws InterruptedException {
    AtomicLong depth = new AtomicLong();
    AtomicLong start = new AtomicLong();
    long[] latency = new long[POLL_CROSSINGS];
    Semaphore fired = new Semaphore(0);
    Semaphore rearmed = new Semaphore(0);
    SplittableRandom random = new SplittableRandom(42);
    try (Sentinel sentinel =
        Sentinel.polling(QueueProbe.of("latency", depth::get))
            .every(interval)
            .enableAt(100)
            .disableAt(50)
            .mitigate(
                Mitigation.callback(
                    b -> {
                      latency[(int) b.excursion() - 1] = System.nanoTime() - start.get();
                      fired.release();
                    }))
            .events(
                e -> {
                  if (e.kind() == TraceEvent.Kind.REARM) {
                    rearmed.release();
                  }
                })
            .start()) {
      for (int i = 0; i < latency.length; i++) {
        // cross at a random phase of the polling period, as real traffic would
        LockSupport.parkNanos(random.nextLong(interval.toNanos()));
        start.set(System.nanoTime());
        depth.set(100);
        assertThat(fired.tryAcquire(5, TimeUnit.SECONDS)).as("crossing %d fired", i).isTrue();
        depth.set(0);
        assertThat(rearmed.tryAcquire(5, TimeUnit.SECONDS)).as("re-arm %d", i).isTrue();
      }
      assertThat(sentinel.breachCount()).isEqualTo(POLL_CROSSINGS);
    }
    return histogram(latency, 0);
  }

  private static Histogram histogram(long[] latency, int skip) {
    Histogram h = new Histogram(3);
    for (int i = skip; i < latency.length; i++) {
      h.recordValue(latency[i]);
    }
    return h;
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
