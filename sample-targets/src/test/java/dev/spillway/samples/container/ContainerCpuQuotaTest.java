package dev.spillway.samples.container;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.spillway.junit.container.ContainerChaos;
import dev.spillway.junit.container.ContainerInjection;
import dev.spillway.toolkit.load.KeyDistribution;
import dev.spillway.toolkit.load.LoadDriver;
import dev.spillway.toolkit.load.LoadProfile;
import dev.spillway.toolkit.load.LoadReport;
import dev.spillway.toolkit.load.RunningLoad;
import dev.spillway.toolkit.probe.HttpMetricsProbe;
import dev.spillway.toolkit.probe.QueueProbe;
import dev.spillway.toolkit.record.DepthSeries;
import dev.spillway.toolkit.record.Growth;
import dev.spillway.toolkit.record.QueueRecorder;
import dev.spillway.toolkit.record.QueueTrace;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A starved consumer, for real: the containerized server's consumers burn 10 ms of CPU per event
 * ({@code --work cpu}) and both the singleton and the partitioned design take 15 events/s (0.15 CPU
 * each). With the CPU free, both keep up. Under a CPU quota of a quarter of one CPU for the whole
 * container (less than both designs, the HTTP front and the metrics reads need together), the
 * singleton overflows while partitioned holds: the container's runnable threads share the quota,
 * and the partitioned design's backlog spreads over several consumers that claim a share each,
 * while the singleton's one consumer claims one.
 *
 * <p>Rates are low on purpose: the JDK HTTP front costs about 1 ms of CPU per request in the
 * container, and the quota starves it too; with many cheap events the front, not the consumers,
 * would be what starves.
 */
@RequiresSampleTargetImage
class ContainerCpuQuotaTest {

  private static final double RATE = 15;
  private static final double CPUS = 0.25;
  private static final Duration PROBE_TIMEOUT = Duration.ofSeconds(2);
  private static final List<String> DESIGNS = List.of("singleton", "partitioned");

  /** The singleton's λ and μ, and each design's queue growth, fitted to the same samples. */
  record Figures(
      Growth arrival, Growth service, Growth singleton, Growth partitioned, long[] peak) {

    double excess() {
      return arrival.slopePerSecond() - service.slopePerSecond();
    }

    String describe(String window) {
      return String.format(
          Locale.ROOT,
          "%s: singleton λ %.1f/s, μ %.1f/s, λ − μ %.1f/s, queue growth %.1f/s, peak depth %d;"
              + " partitioned queue growth %.1f/s, peak depth %d",
          window,
          arrival.slopePerSecond(),
          service.slopePerSecond(),
          excess(),
          singleton.slopePerSecond(),
          peak[0],
          partitioned.slopePerSecond(),
          peak[1]);
    }
  }

  @Test
  void aCpuQuota_makesTheSingletonOverflow_whilePartitionedHolds(SampleTargetImage image)
      throws Exception {
    try (SampleTargetContainer target =
        image.start("--work=cpu", "--service-time=10ms", "--partitions=16")) {
      // few reads, seldom: each /metrics read costs the starved container CPU too
      List<HttpMetricsProbe> probes = new ArrayList<>();
      for (String design : DESIGNS) {
        probes.add(target.depthProbe(design, PROBE_TIMEOUT));
      }
      for (String outcome : List.of("sent", "processed")) {
        probes.add(
            target.metricProbe(
                "singleton-" + outcome,
                "spillway_messages_total",
                Map.of("design", "singleton", "outcome", outcome),
                PROBE_TIMEOUT));
      }
      QueueTrace trace;
      LoadReport[] loads = new LoadReport[2];
      long freeStart;
      long starvedStart;
      long end;
      try (QueueRecorder recorder =
          QueueRecorder.sampling(List.<QueueProbe>copyOf(probes))
              .every(Duration.ofMillis(200))
              .start()) {
        ContainerChaos chaos = target.chaos(recorder);
        PhaseWatch phases = new PhaseWatch(recorder);
        LoadProfile profile =
            LoadProfile.builder()
                .named("free")
                .constant(RATE)
                .perSecond()
                .during(Duration.ofMillis(2500))
                .named("starved")
                .constant(RATE)
                .perSecond()
                .during(Duration.ofSeconds(3))
                .build();
        Duration timeout = Duration.ofSeconds(5);
        try (RunningLoad one =
                LoadDriver.drive(profile)
                    .named("singleton")
                    .events(phases)
                    .sendAsyncTo(HttpEventSender.to(target.baseUrl(), "singleton", timeout))
                    .start();
            RunningLoad many =
                LoadDriver.drive(profile)
                    .named("partitioned")
                    .keys(KeyDistribution.uniform(1_000), 1)
                    .sendAsyncTo(HttpEventSender.to(target.baseUrl(), "partitioned", timeout))
                    .start()) {
          freeStart = phases.awaitStart("free");
          phases.awaitStart("starved");
          try (ContainerInjection starved = chaos.limitCpu(CPUS)) {
            starvedStart = System.nanoTime();
            loads[0] = one.awaitReport(Duration.ofSeconds(30));
            loads[1] = many.awaitReport(Duration.ofSeconds(30));
            end = System.nanoTime();
            assertThat(starved.isActive()).isTrue();
            assertThat(target.inspect().getHostConfig().getCpuQuota()).isEqualTo(25_000L);
          }
          assertThat(target.inspect().getHostConfig().getCpuQuota())
              .as("lifted")
              .isLessThanOrEqualTo(0L);
        }
        trace = recorder.stop();
      } finally {
        probes.forEach(HttpMetricsProbe::close);
      }

      // the first half second of each window is left out: the JIT warms up, the quota bites
      long settle = Duration.ofMillis(500).toNanos();
      Figures free = figures(trace, freeStart + settle, starvedStart);
      Figures starved = figures(trace, starvedStart + settle, end);
      System.out.println(free.describe("free CPU") + "\n" + starved.describe(CPUS + " CPUs"));
      System.out.println(loads[0].summary() + "\n" + loads[1].summary());

      assertThat(loads[0].failed() + loads[1].failed()).isZero();
      // the quota did it: the singleton serves clearly less than with the CPU free (compared in
      // the same run, not with an idle machine: other processes may slow it a little already)
      assertThat(starved.service().slopePerSecond())
          .isLessThan(free.service().slopePerSecond() - RATE * 0.2);
      // starved: the singleton falls behind, its queue growing at λ − μ of the same samples
      assertThat(starved.excess()).isGreaterThan(RATE * 0.25);
      assertThat(starved.singleton().slopePerSecond())
          .isCloseTo(starved.excess(), within(starved.excess() * 0.25 + 1));
      // ...while the partitioned design keeps up with the same CPU, as it did with the CPU free
      assertThat(free.partitioned().slopePerSecond()).isLessThan(RATE * 0.1);
      assertThat(starved.partitioned().slopePerSecond()).isLessThan(RATE * 0.1);
      assertThat(starved.peak()[1]).isLessThan(starved.peak()[0] / 2);
    }
  }

  private static Figures figures(QueueTrace trace, long from, long to) {
    Duration a = trace.offsetOf(from);
    Duration b = trace.offsetOf(to);
    long[] peak = new long[DESIGNS.size()];
    for (int d = 0; d < DESIGNS.size(); d++) {
      DepthSeries depth = trace.series(DESIGNS.get(d));
      for (int i = 0; i < depth.size(); i++) {
        if (depth.timeNanos(i) >= a.toNanos() && depth.timeNanos(i) <= b.toNanos()) {
          peak[d] = Math.max(peak[d], depth.depth(i));
        }
      }
    }
    return new Figures(
        trace.series("singleton-sent").growth(a, b),
        trace.series("singleton-processed").growth(a, b),
        trace.series("singleton").growth(a, b),
        trace.series("partitioned").growth(a, b),
        peak);
  }
}
