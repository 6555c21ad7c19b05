package dev.spillway.samples.container;

import static dev.spillway.samples.Soon.soon;
import static org.assertj.core.api.Assertions.assertThat;

import dev.spillway.junit.container.ContainerChaos;
import dev.spillway.junit.container.ContainerInjection;
import dev.spillway.toolkit.load.LoadDriver;
import dev.spillway.toolkit.load.LoadProfile;
import dev.spillway.toolkit.load.LoadReport;
import dev.spillway.toolkit.load.RunningLoad;
import dev.spillway.toolkit.probe.HttpMetricsProbe;
import dev.spillway.toolkit.record.DepthSeries;
import dev.spillway.toolkit.record.QueueRecorder;
import dev.spillway.toolkit.record.QueueTrace;
import java.time.Duration;
import java.util.Locale;
import org.junit.jupiter.api.Test;

/**
 * A frozen consumer, for real: the containerized server is paused in the middle of a spike. The
 * requests sent meanwhile time out explicitly (and are counted), /metrics cannot be read, and after
 * unpausing the queue takes the backlog and drains again.
 */
@RequiresSampleTargetImage
class ContainerPauseTest {

  private static final Duration TIMEOUT = Duration.ofMillis(300);
  private static final double RATE = 100;

  @Test
  void aPauseMidSpike_timesRequestsOutExplicitly_andTheQueueRecoversAfterUnpause(
      SampleTargetImage image) throws Exception {
    try (SampleTargetContainer target = image.start("--service-time=5ms");
        HttpMetricsProbe depth = target.depthProbe("singleton", Duration.ofMillis(200));
        QueueRecorder recorder =
            QueueRecorder.sampling(depth).every(Duration.ofMillis(20)).start()) {
      ContainerChaos chaos = target.chaos(recorder);
      HttpEventSender sender = HttpEventSender.to(target.baseUrl(), "singleton", TIMEOUT);
      PhaseWatch phases = new PhaseWatch(recorder);
      LoadProfile profile =
          LoadProfile.builder()
              .named("before")
              .constant(RATE)
              .perSecond()
              .during(Duration.ofSeconds(1))
              .named("frozen")
              .constant(RATE)
              .perSecond()
              .during(Duration.ofSeconds(1))
              .named("after")
              .constant(RATE)
              .perSecond()
              .during(Duration.ofMillis(2500))
              .build();

      LoadReport load;
      long unpausedAt;
      try (RunningLoad running =
          LoadDriver.drive(profile).named("pause").events(phases).sendAsyncTo(sender).start()) {
        phases.awaitStart("frozen");
        try (ContainerInjection frozen = chaos.pause()) {
          assertThat(frozen.isActive()).isTrue();
          assertThat(target.inspect().getState().getPaused()).isTrue();
          phases.awaitStart("after");
        }
        assertThat(target.inspect().getState().getPaused()).isFalse();
        unpausedAt = System.nanoTime();
        load = running.awaitReport(Duration.ofSeconds(30));
      }
      // after the load: the server catches up with what it took
      soon().until(() -> depth.depth() == 0);
      QueueTrace trace = recorder.stop();

      DepthSeries series = trace.onlySeries();
      Recovery recovery = Recovery.of(series, trace.offsetOf(unpausedAt), 5);
      long serverSent = target.messages("singleton", "sent");
      long serverProcessed = target.messages("singleton", "processed");
      long tookAfterTimeout = serverSent - load.accepted() - load.rejected();
      System.out.printf(
          Locale.ROOT,
          "pause of ~1 s mid-spike (%.0f/s): %d of %d requests failed (%d timed out after %d ms,"
              + " %d connection failures); /metrics unreadable for %d samples; after unpausing"
              + " the queue peaked at %d and was back to <= 5 %d ms later; the server took %d"
              + " events whose requests had timed out (sent %d, processed %d)%n%s%n",
          RATE,
          load.failed(),
          load.sent(),
          sender.timeouts(),
          TIMEOUT.toMillis(),
          sender.connectionFailures(),
          series.failedSamples(),
          recovery.peak(),
          recovery.drainedAfter().toMillis(),
          tookAfterTimeout,
          serverSent,
          serverProcessed,
          load.summary());

      // the sends due while the server was frozen failed explicitly, as timeouts
      assertThat(load.failed()).isGreaterThanOrEqualTo((long) (RATE * 0.5));
      assertThat(sender.timeouts()).isEqualTo(load.failed());
      assertThat(load.accepted()).isGreaterThanOrEqualTo((long) (RATE * 2.5));
      assertThat(load.unfinished()).isZero();
      // the probe could not read the frozen server: failed samples (each waits out its timeout),
      // not a stall
      assertThat(series.failedSamples()).isPositive();
      // the queue recovers: it takes the backlog after unpausing, then drains
      assertThat(recovery.drainedAfter()).isLessThan(Duration.ofSeconds(3));
      assertThat(series.finalDepth()).isZero();
      // every request the server took was handled; those it took after their client gave up are
      // among the failed requests (a timeout does not mean the event was not taken)
      assertThat(serverProcessed).isEqualTo(serverSent);
      assertThat(tookAfterTimeout).isBetween(0L, load.failed());
    }
  }

  /** The highest depth after unpausing, and how long after unpausing it was back at a level. */
  record Recovery(long peak, Duration drainedAfter) {

    static Recovery of(DepthSeries series, Duration unpausedAt, long level) {
      long peak = 0;
      long peakAt = unpausedAt.toNanos();
      for (int i = 0; i < series.size(); i++) {
        if (series.timeNanos(i) >= unpausedAt.toNanos() && series.depth(i) > peak) {
          peak = series.depth(i);
          peakAt = series.timeNanos(i);
        }
      }
      long sincePeak = peakAt - unpausedAt.toNanos();
      Duration drained =
          series
              .drainTime(Duration.ofNanos(peakAt), level)
              .map(d -> d.plusNanos(sincePeak))
              .orElse(Duration.ofDays(1));
      return new Recovery(peak, drained);
    }
  }
}
