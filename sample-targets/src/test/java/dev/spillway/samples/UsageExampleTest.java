package dev.spillway.samples;

import static org.assertj.core.api.Assertions.assertThat;

import dev.spillway.samples.server.SampleTargetServer;
import dev.spillway.samples.server.ServerOptions;
import dev.spillway.toolkit.ledger.LedgerSnapshot;
import dev.spillway.toolkit.probe.HttpMetricsProbe;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The README's examples, compiled and run: keep the two in step. */
class UsageExampleTest {

  @Test
  void theClientApiExample_runs() {
    // README: client API
    Downstream handler = Downstream.inProcess(Duration.ofMillis(5)); // μ ≈ 200 events/s
    try (EventTracker bounded = Designs.bounded(100, handler)) {
      TrackResult result = bounded.track("user-42", "clicked");
      if (!result.accepted()) {
        System.out.println("rejected: " + result.reason()); // names the design and its capacity
      }
      long depth = bounded.depthProbe().depth(); // what a QueueRecorder samples
      CloseSummary summary = bounded.close(Duration.ofSeconds(5)); // stop, drain, count the rest
      LedgerSnapshot books = summary.books(); // sent = processed + rejected + dropped + failed
      System.out.println(books.describe()); // "no message lost: 1 sent = 1 processed"
      // README: end

      assertThat(result.accepted()).isTrue();
      assertThat(depth).isBetween(0L, 1L);
      assertThat(books.describe()).isEqualTo("no message lost: 1 sent = 1 processed");
    }
  }

  @Test
  void theMetricsProbeExample_runs() {
    try (SampleTargetServer server =
        SampleTargetServer.start(ServerOptions.parse("--port=0", "--service-time=1us"))) {
      String base = server.baseUrl().toString(); // README: "http://127.0.0.1:8080"
      // README: metrics probes
      try (HttpMetricsProbe depth =
              HttpMetricsProbe.prometheus(
                      "bounded",
                      base + "/metrics",
                      "spillway_queue_depth",
                      Map.of("design", "bounded", "queue", "bounded"))
                  .build();
          HttpMetricsProbe rejected =
              HttpMetricsProbe.json(
                      "bounded-rejected",
                      base + "/metrics.json",
                      "/designs/bounded/ledger/rejected")
                  .build()) {
        System.out.println(depth.depth() + " queued, " + rejected.depth() + " rejected");
        // README: end

        assertThat(depth.depth()).isZero();
        assertThat(rejected.depth()).isZero();
      }
    }
  }
}
