package dev.spillway.toolkit.inject;

import static java.util.concurrent.TimeUnit.MILLISECONDS;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestReporter;

/**
 * The injection against real time. Each assertion compares figures of the same run (the model's own
 * sum, the run's own worst single wait): the lower bounds follow from the deadline loop, the upper
 * bounds from paying back overshoot, so a loaded machine (other builds on the same two cores) moves
 * both sides of a comparison alike.
 */
class InjectionTimingTest {

  private static final long SLACK_NANOS = 1_000_000; // clock reads, generous

  /**
   * Per call, the time outside the injection's own measurement (the test loop, the return path),
   * where a loaded machine may preempt the thread: a few µs measured, 25 µs allowed. Without the
   * pay-back each call would add its whole overshoot, at least the ~50 µs timer slack.
   */
  private static final long PER_CALL_NANOS = 25_000;

  @Test
  void fixedDelay_givesASingleConsumerTheModelsServiceRate(TestReporter reporter)
      throws InterruptedException {
    int calls = 100; // 0.5 s
    long model = 5_000_000;
    Injection injection = Injector.named("fixed").withDelay(Delay.fixed(5, MILLISECONDS)).start();
    long[] took = new long[calls];
    long t0 = System.nanoTime();
    for (int i = 0; i < calls; i++) {
      long a = System.nanoTime();
      injection.beforeCall();
      took[i] = System.nanoTime() - a;
    }
    long elapsed = System.nanoTime() - t0;
    injection.close();
    long worstOvershoot = Arrays.stream(took).max().orElseThrow() - model;
    long naive0 = System.nanoTime();
    for (int i = 0; i < 20; i++) {
      LockSupport.parkNanos(model); // for the report only: what a plain park gives
    }
    double naivePerCall = (System.nanoTime() - naive0) / 20.0;
    reporter.publishEntry(
        "fixed 5 ms",
        String.format(
            "%d calls in %.2f ms = %.1f calls/s (worst single call +%.3f ms); a plain"
                + " parkNanos(5 ms) takes %.3f ms = %.1f/s",
            calls,
            elapsed / 1e6,
            calls / (elapsed / 1e9),
            worstOvershoot / 1e6,
            naivePerCall / 1e6,
            1e9 / naivePerCall));
    // never faster than the model (deadline loop) ...
    assertThat(elapsed).isGreaterThanOrEqualTo(calls * model);
    // ... and late by about one wait's overshoot in total: the others were paid back
    assertThat(elapsed - calls * model)
        .isLessThanOrEqualTo(worstOvershoot + calls * PER_CALL_NANOS + SLACK_NANOS);
  }

  @Test
  void rateCap_pacesCallsAtTheCap(TestReporter reporter) throws InterruptedException {
    int calls = 61; // 60 intervals of 3.33 ms: 0.2 s
    double interval = 1e9 / 300;
    Injection injection = Injector.named("cap").withRateCap(300).start();
    long[] startedAt = new long[calls];
    for (int i = 0; i < calls; i++) {
      injection.beforeCall();
      startedAt[i] = System.nanoTime();
    }
    injection.close();
    long total = startedAt[calls - 1] - startedAt[0];
    long[] intervals = new long[calls - 1];
    for (int i = 1; i < calls; i++) {
      intervals[i - 1] = startedAt[i] - startedAt[i - 1];
    }
    long worstInterval = Arrays.stream(intervals).max().orElseThrow();
    Arrays.sort(intervals);
    double medianInterval = intervals[intervals.length / 2];
    reporter.publishEntry(
        "rate cap 300/s",
        String.format(
            "measured %.1f calls/s, median interval %.3f ms, worst %.3f ms",
            (calls - 1) / (total / 1e9), medianInterval / 1e6, worstInterval / 1e6));
    // never faster than the cap: call k starts no earlier than k intervals after call 0 ...
    assertThat((double) total).isGreaterThanOrEqualTo((calls - 1) * interval - SLACK_NANOS);
    // ... and paced one by one at about the interval, not in bursts (the exact pacing, with and
    // without overshoot, is checked against a fake clock in InjectionTest)
    assertThat(medianInterval / interval).isBetween(0.5, 1.5);
  }

  @Test
  void rateCap_isSharedByEveryThreadOfTheInjection() throws Exception {
    Injection injection = Injector.named("shared").withRateCap(200).start();
    Runnable paced = SlowConsumer.decorateRunnable(() -> {}, injection);
    ExecutorService two = Executors.newFixedThreadPool(2);
    try {
      long t0 = System.nanoTime();
      List<Future<?>> done = new ArrayList<>();
      for (int i = 0; i < 41; i++) {
        done.add(two.submit(paced));
      }
      for (Future<?> f : done) {
        f.get(10, TimeUnit.SECONDS);
      }
      long elapsed = System.nanoTime() - t0;
      // 41 calls at 200/s take at least 40 intervals of 5 ms, however many threads make them
      assertThat(elapsed).isGreaterThanOrEqualTo(40 * 5_000_000L - SLACK_NANOS);
    } finally {
      two.shutdownNow();
      injection.close();
    }
  }

  @Test
  void stall_holdsACallForTheRestOfItsWindow() throws InterruptedException {
    Injection injection =
        Injector.named("stall")
            .withStall(Stall.once(Duration.ZERO, Duration.ofMillis(100)))
            .start();
    long t0 = System.nanoTime();
    injection.beforeCall();
    long held = System.nanoTime() - t0;
    long t1 = System.nanoTime();
    injection.beforeCall(); // after the window: straight through
    long after = System.nanoTime() - t1;
    injection.close();
    assertThat(held).isBetween(50_000_000L, 5_000_000_000L); // the rest of a 100 ms window
    assertThat(after).isLessThan(held / 10);
  }
}
