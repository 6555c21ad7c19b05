package dev.spillway.toolkit.record;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;
import static org.awaitility.Awaitility.await;

import dev.spillway.toolkit.probe.ProbeException;
import dev.spillway.toolkit.probe.QueueProbe;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class QueueRecorderTest {

  private static final Duration WAIT = Duration.ofSeconds(10);
  private final List<QueueRecorder> started = new ArrayList<>();

  @AfterEach
  void stopAll() {
    started.forEach(QueueRecorder::close);
  }

  private QueueRecorder start(QueueRecorder.Builder builder) {
    QueueRecorder r = builder.build();
    started.add(r);
    return r.start();
  }

  private static void awaitSamples(QueueRecorder r, String probe, long n) {
    await().atMost(WAIT).until(() -> r.snapshot().series(probe).samples() >= n);
  }

  @Test
  void linearProbe_slopeIsRecoveredToWithinATenthOfAPercent() {
    long t0 = System.nanoTime();
    double rate = 20_000;
    QueueProbe line = QueueProbe.of("line", () -> (long) ((System.nanoTime() - t0) * rate / 1e9));
    QueueRecorder r = start(QueueRecorder.sampling(line).every(200, TimeUnit.MICROSECONDS));
    awaitSamples(r, "line", 1000);

    Growth g = r.stop().series("line").growth();

    // preemption between a read's timestamps shifts single samples, so the error is not
    // Gaussian here (SE ~0.05/s); a relative bound states what the recorder guarantees
    assertThat(g.points()).isGreaterThanOrEqualTo(1000);
    assertThat(g.slopePerSecond()).isCloseTo(rate, within(rate * 1e-3));
  }

  @Test
  void noisyLinearProbe_slopeIsWithinFourStandardErrorsAndTheErrorReflectsTheNoise() {
    long t0 = System.nanoTime();
    double rate = 5_000;
    Random noise = new Random(42); // read only by the recorder thread
    QueueProbe noisy =
        QueueProbe.of(
            "noisy",
            () -> 1000 + (long) ((System.nanoTime() - t0) * rate / 1e9) + noise.nextInt(201) - 100);
    QueueRecorder r = start(QueueRecorder.sampling(noisy).every(200, TimeUnit.MICROSECONDS));
    awaitSamples(r, "noisy", 1000);

    DepthSeries s = r.stop().series("noisy");
    Growth g = s.growth();

    assertThat(Math.abs(g.slopePerSecond() - rate)).isLessThan(4 * g.standardError());
    // uniform noise of ±100 has sd 58; the OLS error is sd / sqrt(Σ(t − t̄)²)
    double sxx = sxx(s);
    assertThat(g.standardError()).isCloseTo(58 / Math.sqrt(sxx), within(0.3 * 58 / Math.sqrt(sxx)));
    assertThat(g.isSignificant(3)).isTrue();
  }

  private static double sxx(DepthSeries s) {
    double mean = 0;
    for (int i = 0; i < s.size(); i++) {
      mean += s.timeNanos(i) / 1e9;
    }
    mean /= s.size();
    double sxx = 0;
    for (int i = 0; i < s.size(); i++) {
      double d = s.timeNanos(i) / 1e9 - mean;
      sxx += d * d;
    }
    return sxx;
  }

  @Test
  void downsampling_boundsThePointsAndKeepsTheHighWaterMark() {
    AtomicLong calls = new AtomicLong();
    QueueProbe spiky =
        QueueProbe.of(
            "spiky",
            () -> {
              long n = calls.incrementAndGet();
              return n == 137 ? 1_000_000 : n % 10;
            });
    QueueRecorder r =
        start(
            QueueRecorder.sampling(spiky).every(Duration.ofNanos(100_000)).maxSamplesPerProbe(16));
    awaitSamples(r, "spiky", 2000);

    DepthSeries s = r.stop().series("spiky");

    assertThat(s.size()).isLessThanOrEqualTo(16);
    assertThat(s.stride()).isGreaterThanOrEqualTo(128);
    assertThat(s.highWaterMark()).isEqualTo(1_000_000);
    assertThat(s.samples()).isBetween(calls.get() - 1, calls.get());
    assertThat(s.finalDepth()).isBetween(0L, 9L);
  }

  @Test
  void aProbeThatThrows_costsItsSamplesNotTheRecorderAndIsReportedAsEvents() {
    AtomicLong calls = new AtomicLong();
    QueueProbe flaky =
        QueueProbe.of(
            "flaky",
            () -> {
              long n = calls.incrementAndGet();
              if (n >= 5 && n < 10) {
                throw new ProbeException("endpoint down");
              }
              if (n == 10) {
                return -3; // a broken probe
              }
              return 7;
            });
    AtomicLong healthyCalls = new AtomicLong();
    QueueProbe healthy = QueueProbe.of("healthy", healthyCalls::incrementAndGet);
    QueueRecorder r = start(QueueRecorder.sampling(flaky, healthy).every(Duration.ofMillis(1)));
    awaitSamples(r, "flaky", 20);

    QueueTrace t = r.stop();
    DepthSeries s = t.series("flaky");

    assertThat(s.failedSamples()).isEqualTo(6);
    assertThat(s.lastFailure()).contains("returned a negative depth -3");
    assertThat(s.highWaterMark()).isEqualTo(7);
    assertThat(t.series("healthy").failedSamples()).isZero();
    assertThat(t.series("healthy").samples()).isEqualTo(s.samples() + 6);
    assertThat(t.events())
        .extracting(TraceEvent::source, TraceEvent::detail)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(
                "flaky", "probe failed: ProbeException: endpoint down"),
            org.assertj.core.groups.Tuple.tuple("flaky", "probe recovered after 6 failed samples"));
  }

  @Test
  void events_areCapturedInTimeOrderAndBoundedWithDropsCounted() {
    QueueRecorder r = start(QueueRecorder.sampling(QueueProbe.of("q", () -> 0)).maxEvents(3));
    long now = System.nanoTime();
    r.record(new TraceEvent(now + 2, TraceEvent.Kind.BREACH, "sentinel", "depth 100 >= 100"));
    r.record(new TraceEvent(now + 1, TraceEvent.Kind.PHASE, "driver", "spike 250/s"));
    r.mark("checkpoint");
    r.record(new TraceEvent(now + 3, TraceEvent.Kind.REARM, "sentinel", "dropped: buffer full"));

    QueueTrace t = r.stop();
    r.record(TraceEvent.now(TraceEvent.Kind.MARK, "late", "after stop"));

    assertThat(t.events())
        .extracting(TraceEvent::detail)
        .containsExactly("spike 250/s", "depth 100 >= 100", "checkpoint");
    assertThat(t.droppedEvents()).isOne();
    assertThat(r.snapshot().droppedEvents()).isOne(); // the final trace does not change
    assertThat(t.events(TraceEvent.Kind.BREACH)).hasSize(1);
    assertThat(t.offsetOf(t.events().get(0))).isEqualTo(Duration.ofNanos(now + 1 - t.startNanos()));
  }

  @Test
  void eventsFromManyThreads_areAllKeptInTimeOrder() throws Exception {
    QueueRecorder r = start(QueueRecorder.sampling(QueueProbe.of("q", () -> 0)));
    List<Thread> threads = new ArrayList<>();
    for (int i = 0; i < 4; i++) {
      String source = "t" + i;
      threads.add(
          new Thread(
              () -> {
                for (int k = 0; k < 500; k++) {
                  r.record(TraceEvent.now(TraceEvent.Kind.MARK, source, "#" + k));
                }
              }));
    }
    threads.forEach(Thread::start);
    for (Thread t : threads) {
      t.join(WAIT.toMillis());
    }

    List<TraceEvent> events = r.stop().events();

    assertThat(events).hasSize(2000);
    assertThat(events).isSortedAccordingTo((a, b) -> Long.compare(a.nanoTime(), b.nanoTime()));
    for (int i = 0; i < 4; i++) {
      String source = "t" + i;
      assertThat(events.stream().filter(e -> e.source().equals(source)).map(TraceEvent::detail))
          .as("each thread's events keep their order")
          .isEqualTo(java.util.stream.IntStream.range(0, 500).mapToObj(k -> "#" + k).toList());
    }
  }

  @Test
  void snapshot_whileRunning_growsAndStopReturnsTheSameFinalTraceEveryTime() {
    QueueRecorder r = start(QueueRecorder.sampling(QueueProbe.of("q", () -> 3)));
    awaitSamples(r, "q", 5);
    QueueTrace early = r.snapshot();
    awaitSamples(r, "q", early.series("q").samples() + 5);

    QueueTrace last = r.stop();

    assertThat(last.series("q").samples()).isGreaterThan(early.series("q").samples());
    assertThat(last.duration()).isGreaterThan(early.duration());
    assertThat(r.stop()).isSameAs(last);
    assertThat(r.snapshot()).isSameAs(last);
    assertThat(r.isRunning()).isFalse();
    assertThat(last.interval()).isEqualTo(Duration.ofMillis(1));
    assertThat(last.recorder()).isEqualTo("recorder");
    assertThat(last.probeNames()).containsExactly("q");
  }

  @Test
  void samplingThread_isANamedDaemonThatEndsOnStop() {
    AtomicReference<Thread> sampler = new AtomicReference<>();
    QueueRecorder r =
        start(
            QueueRecorder.sampling(
                    QueueProbe.of(
                        "q",
                        () -> {
                          sampler.set(Thread.currentThread());
                          return 0;
                        }))
                .named("orders"));
    await().atMost(WAIT).until(() -> sampler.get() != null);
    assertThat(sampler.get().getName()).isEqualTo("spillway-recorder-orders");
    assertThat(sampler.get().isDaemon()).isTrue();
    assertThat(r.isRunning()).isTrue();

    r.close();

    assertThat(sampler.get().isAlive()).isFalse();
  }

  @Test
  void stop_whenTheCallerIsInterrupted_returnsTheTraceAndKeepsTheInterrupt() {
    QueueRecorder r = start(QueueRecorder.sampling(QueueProbe.of("q", () -> 1)));
    awaitSamples(r, "q", 1);

    Thread.currentThread().interrupt();
    QueueTrace t = r.stop();

    assertThat(Thread.interrupted()).isTrue();
    assertThat(t.series("q").samples()).isPositive();
  }

  @Test
  void stop_withAProbeStuckInAnInterruptibleCall_interruptsItAndReturns() {
    CountDownLatch never = new CountDownLatch(1);
    AtomicLong calls = new AtomicLong();
    QueueProbe stuck =
        QueueProbe.of(
            "stuck",
            () -> {
              if (calls.incrementAndGet() > 2) {
                try {
                  never.await();
                } catch (InterruptedException e) {
                  Thread.currentThread().interrupt();
                  throw new ProbeException("interrupted");
                }
              }
              return 1;
            });
    QueueRecorder r = start(QueueRecorder.sampling(stuck));
    await().atMost(WAIT).until(() -> calls.get() > 2);

    QueueTrace t = r.stop();

    assertThat(t.series("stuck").samples()).isEqualTo(2);
    assertThat(r.isRunning()).isFalse();
  }

  @Test
  void lifecycle_misuse_isRejectedNamingTheRecorder() {
    QueueRecorder r = QueueRecorder.sampling(QueueProbe.of("q", () -> 0)).named("orders").build();
    assertThatThrownBy(r::snapshot)
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("recorder 'orders' has not been started");
    assertThatThrownBy(r::stop).isInstanceOf(IllegalStateException.class);
    r.close(); // harmless
    started.add(r);
    r.start();
    assertThatThrownBy(r::start)
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("recorder 'orders' was already started; a recorder runs once");
  }

  @Test
  void settings_outOfRange_areRejectedBeforeAnyThreadStarts() {
    QueueRecorder.Builder b = QueueRecorder.sampling(QueueProbe.of("q", () -> 0));
    assertThatThrownBy(() -> b.every(Duration.ofNanos(99_999)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("sampling interval must be in [PT0.0001S, PT1S], but was PT0.000099999S");
    assertThatThrownBy(() -> b.every(Duration.ofMillis(1001)))
        .hasMessageStartingWith("sampling interval must be in");
    assertThatThrownBy(() -> b.every(-1, TimeUnit.MILLISECONDS))
        .hasMessageStartingWith("sampling interval must be in");
    assertThatThrownBy(() -> b.every(1, null)).hasMessage("time unit must not be null");
    assertThatThrownBy(() -> b.every(null)).hasMessage("sampling interval must not be null");
    assertThatThrownBy(() -> b.maxSamplesPerProbe(15))
        .hasMessage("max samples per probe must be in [16, 50000000], but was 15");
    assertThatThrownBy(() -> b.maxEvents(-1))
        .hasMessage("max events must be in [0, 1000000], but was -1");
    assertThatThrownBy(() -> b.named("")).hasMessage("recorder name must not be blank, but was ''");
    assertThatThrownBy(() -> QueueRecorder.sampling(List.of()))
        .hasMessage("probes must not be empty");
    assertThatThrownBy(
            () -> QueueRecorder.sampling(QueueProbe.of("q", () -> 0), QueueProbe.of("q", () -> 1)))
        .hasMessage("probe name must be unique in a recorder, but was q");
    assertThatThrownBy(() -> QueueRecorder.sampling(QueueProbe.of("q", () -> 0), (QueueProbe) null))
        .hasMessage("probes[1] must not be null");
    assertThatThrownBy(() -> QueueRecorder.sampling((QueueProbe) null))
        .hasMessage("probes[0] must not be null");
    assertThatThrownBy(() -> QueueRecorder.sampling((List<QueueProbe>) null))
        .hasMessage("probes must not be null");
    assertThat(Thread.getAllStackTraces().keySet())
        .noneMatch(t -> t.getName().startsWith("spillway-recorder-"));
  }

  @Test
  void builder_settingsAreImmutableAndListedInToString() {
    QueueRecorder.Builder base = QueueRecorder.sampling(QueueProbe.of("q", () -> 0));
    QueueRecorder.Builder fast = base.every(Duration.ofNanos(100_000));
    assertThat(base.toString()).contains("interval=PT0.001S");
    assertThat(fast.toString())
        .isEqualTo(
            "QueueRecorder.Builder[probes=[q], name=recorder, interval=PT0.0001S,"
                + " maxSamplesPerProbe=100000, maxEvents=10000]");
    assertThat(fast.build().interval()).isEqualTo(Duration.ofNanos(100_000));
  }
}
