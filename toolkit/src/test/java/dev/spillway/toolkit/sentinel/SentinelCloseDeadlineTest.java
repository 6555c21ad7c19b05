package dev.spillway.toolkit.sentinel;

import static dev.spillway.toolkit.sentinel.Fixtures.drainTo;
import static dev.spillway.toolkit.sentinel.Fixtures.eventually;
import static dev.spillway.toolkit.sentinel.Fixtures.fillTo;
import static org.assertj.core.api.Assertions.assertThat;

import dev.spillway.toolkit.probe.QueueProbe;
import dev.spillway.toolkit.record.InstrumentedQueue;
import dev.spillway.toolkit.record.TraceEvent;
import dev.spillway.toolkit.testing.LogCapture;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * {@link Sentinel#close()} returns within its close timeout whatever blocks: a mitigation on the
 * sentinel's thread or inline on a producer's, a probe, an event sink; it names the blocked step
 * and thread in one line, and nothing the blocked step does afterwards is recorded or reported.
 *
 * <p>Each blocked step stays blocked for {@link #BLOCKED_FOR} unless released (every test releases
 * it when it ends, so no thread outlives the class): close must return after at least its timeout
 * and well before that.
 */
class SentinelCloseDeadlineTest {

  private static final Duration TIMEOUT = Duration.ofMillis(400);
  private static final Duration BLOCKED_FOR = Duration.ofSeconds(60);

  /** 15 × the timeout for a loaded machine, still a tenth of how long the step stays blocked. */
  private static final Duration WELL_BEFORE_RELEASE = Duration.ofSeconds(6);

  private final InstrumentedQueue<Integer> queue = InstrumentedQueue.unbounded("orders");
  private final CountDownLatch entered = new CountDownLatch(1);
  private final CountDownLatch release = new CountDownLatch(1);
  private final AtomicBoolean sawInterrupt = new AtomicBoolean();
  private final AtomicInteger calls = new AtomicInteger();
  private final Fixtures.RecordingSink sink = new Fixtures.RecordingSink();
  private final LogCapture log = LogCapture.of(Sentinel.class);

  @AfterEach
  void releaseTheBlockedStep() {
    release.countDown();
    log.close();
  }

  /** Blocks until released, ending early (with the flag set) when interrupted. */
  private void blockInterruptibly() {
    calls.incrementAndGet();
    entered.countDown();
    try {
      release.await(BLOCKED_FOR.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      sawInterrupt.set(true);
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while blocked");
    }
  }

  /** Blocks until released, noting and ignoring interrupts (a step that swallows them). */
  private void blockUninterruptibly() {
    calls.incrementAndGet();
    entered.countDown();
    long end = System.nanoTime() + BLOCKED_FOR.toNanos();
    while (release.getCount() > 0 && System.nanoTime() - end < 0) {
      try {
        release.await(end - System.nanoTime(), TimeUnit.NANOSECONDS);
      } catch (InterruptedException e) {
        sawInterrupt.set(true); // and go on waiting: this step ignores interrupts
      }
    }
  }

  private void awaitEntered() throws InterruptedException {
    assertThat(entered.await(5, TimeUnit.SECONDS)).as("the step began").isTrue();
  }

  private static Duration timedClose(Sentinel sentinel) {
    long start = System.nanoTime();
    sentinel.close();
    return Duration.ofNanos(System.nanoTime() - start);
  }

  private static void assertHeldTheDeadline(Duration took) {
    assertThat(took).isGreaterThanOrEqualTo(TIMEOUT).isLessThan(WELL_BEFORE_RELEASE);
  }

  @Test
  void aMitigationBlockedOnTheSentinelThread_isInterruptedAtTheTimeout_andNamed()
      throws InterruptedException {
    Sentinel sentinel =
        Sentinel.watching(queue)
            .enableAt(10)
            .disableAt(5)
            .named("orders-interruptible")
            .closeTimeout(TIMEOUT)
            .mitigate(Mitigation.callback(b -> blockInterruptibly()))
            .events(sink)
            .start();
    fillTo(queue, 10);
    awaitEntered();
    Thread thread = SentinelHysteresisTest.sentinelThread("spillway-sentinel-orders-interruptible");

    assertHeldTheDeadline(timedClose(sentinel));

    assertThat(log.lines())
        .containsExactly(
            "sentinel 'orders-interruptible': mitigation 'callback' did not return within 400 ms;"
                + " its thread spillway-sentinel-orders-interruptible was interrupted and is left"
                + " running (daemon)");
    eventually().until(() -> !thread.isAlive()); // it heeded the interrupt
    assertThat(sawInterrupt).isTrue();
    assertThat(sentinel.breachCount()).isZero(); // its late outcome was not recorded
    assertThat(sink.kinds()).isEmpty();
    assertThat(log.lines()).hasSize(1); // nor logged as a failed mitigation
  }

  @Test
  void aMitigationThatIgnoresTheInterrupt_isLeftRunning_andNothingQueuedBehindItRuns()
      throws InterruptedException {
    Sentinel sentinel =
        Sentinel.watching(queue)
            .enableAt(10)
            .disableAt(5)
            .named("orders-stubborn")
            .closeTimeout(TIMEOUT)
            .mitigate(Mitigation.callback(b -> blockUninterruptibly()))
            .events(sink)
            .start();
    fillTo(queue, 10);
    awaitEntered();
    drainTo(queue, 0); // a re-arm and a second breach queue up behind the blocked one
    fillTo(queue, 10);
    Thread thread = SentinelHysteresisTest.sentinelThread("spillway-sentinel-orders-stubborn");

    assertHeldTheDeadline(timedClose(sentinel));

    assertThat(log.lines())
        .containsExactly(
            "sentinel 'orders-stubborn': mitigation 'callback' did not return within 400 ms; its"
                + " thread spillway-sentinel-orders-stubborn was interrupted and is left running"
                + " (daemon)");
    assertThat(thread.isAlive()).isTrue();
    assertThat(thread.isDaemon()).isTrue();
    release.countDown();
    eventually().until(() -> !thread.isAlive());
    assertThat(sawInterrupt).isTrue();
    assertThat(calls).hasValue(1); // the second breach's mitigation never started
    assertThat(sentinel.breachCount()).isZero();
    assertThat(sentinel.rearmCount()).isZero();
    assertThat(sink.kinds()).isEmpty();
  }

  @Test
  void aMitigationBlockedInlineOnAProducer_isNamedWithThatThread_whichIsNotInterrupted()
      throws InterruptedException {
    Sentinel sentinel =
        Sentinel.watching(queue)
            .enableAt(10)
            .disableAt(5)
            .named("orders-inline")
            .closeTimeout(TIMEOUT)
            .actionsInline()
            .mitigate(Mitigation.callback(b -> blockUninterruptibly()))
            .start();
    Thread producer = new Thread(() -> fillTo(queue, 10), "producer-1");
    producer.setDaemon(true);
    producer.start();
    awaitEntered();

    assertHeldTheDeadline(timedClose(sentinel));

    assertThat(log.lines())
        .containsExactly(
            "sentinel 'orders-inline': mitigation 'callback' did not return within 400 ms; it runs"
                + " inline on thread producer-1, which is left in it (not interrupted: not the"
                + " sentinel's thread)");
    release.countDown();
    producer.join(5_000);
    assertThat(producer.isAlive()).isFalse();
    assertThat(sawInterrupt).isFalse();
    assertThat(sentinel.breachCount()).isZero();
  }

  @Test
  void aProbeThatBlocksThePollingThread_isNamed() throws InterruptedException {
    AtomicBoolean blockNow = new AtomicBoolean();
    QueueProbe probe =
        QueueProbe.of(
            "depth-endpoint",
            () -> {
              if (blockNow.get()) {
                blockUninterruptibly();
              }
              return 0;
            });
    Sentinel sentinel =
        Sentinel.polling(probe)
            .every(Duration.ofMillis(1))
            .enableAt(10)
            .disableAt(5)
            .named("polled")
            .closeTimeout(TIMEOUT)
            .start();
    blockNow.set(true);
    awaitEntered();

    assertHeldTheDeadline(timedClose(sentinel));

    assertThat(log.lines())
        .containsExactly(
            "sentinel 'polled': probe 'depth-endpoint' did not return within 400 ms; its thread"
                + " spillway-sentinel-polled was interrupted and is left running (daemon)");
    Thread thread = SentinelHysteresisTest.sentinelThread("spillway-sentinel-polled");
    release.countDown();
    eventually().until(() -> !thread.isAlive());
  }

  @Test
  void aBlockedEventSink_isNamed() throws InterruptedException {
    Sentinel sentinel =
        Sentinel.watching(queue)
            .enableAt(10)
            .disableAt(5)
            .named("orders-sink")
            .closeTimeout(TIMEOUT)
            .mitigate(Mitigation.none())
            .events(
                event -> {
                  if (event.kind() == TraceEvent.Kind.BREACH) {
                    blockUninterruptibly();
                  }
                })
            .start();
    fillTo(queue, 10);
    awaitEntered();

    assertHeldTheDeadline(timedClose(sentinel));

    assertThat(log.lines())
        .containsExactly(
            "sentinel 'orders-sink': event sinks did not return within 400 ms; its thread"
                + " spillway-sentinel-orders-sink was interrupted and is left running (daemon)");
  }

  @Test
  void anInterruptOfTheClosingThread_endsTheWaitAtOnce_andStaysSet() throws InterruptedException {
    Duration longTimeout = Duration.ofSeconds(30);
    Sentinel sentinel =
        Sentinel.watching(queue)
            .enableAt(10)
            .disableAt(5)
            .named("orders-interrupted")
            .closeTimeout(longTimeout)
            .mitigate(Mitigation.callback(b -> blockUninterruptibly()))
            .start();
    fillTo(queue, 10);
    awaitEntered();

    Thread.currentThread().interrupt();
    Duration took = timedClose(sentinel);

    assertThat(Thread.interrupted()).as("the interrupt flag was kept").isTrue();
    assertThat(took).isLessThan(WELL_BEFORE_RELEASE); // not the 30 s timeout
    assertThat(log.lines())
        .containsExactly(
            "sentinel 'orders-interrupted': mitigation 'callback' did not return before close()"
                + " was interrupted; its thread spillway-sentinel-orders-interrupted was"
                + " interrupted and is left running (daemon)");
  }

  @Test
  void withinTheTimeout_closeStillWaitsForTheMitigation_andSaysNothing()
      throws InterruptedException {
    Sentinel sentinel =
        Sentinel.watching(queue)
            .enableAt(10)
            .disableAt(5)
            .named("orders-in-time")
            .closeTimeout(Duration.ofSeconds(30))
            .mitigate(Mitigation.callback(b -> blockUninterruptibly()))
            .start();
    fillTo(queue, 10);
    awaitEntered();
    Thread releaser =
        new Thread(
            () -> {
              // released only once close() is waiting for the sentinel's thread
              Thread t = SentinelHysteresisTest.sentinelThread("spillway-sentinel-orders-in-time");
              eventually().until(() -> sentinel.isClosed());
              release.countDown();
              eventually().until(() -> !t.isAlive());
            },
            "releaser");
    releaser.setDaemon(true);
    releaser.start();

    sentinel.close();

    assertThat(sentinel.breachCount()).isEqualTo(1);
    assertThat(log.lines()).isEmpty();
    releaser.join(5_000);
  }
}
