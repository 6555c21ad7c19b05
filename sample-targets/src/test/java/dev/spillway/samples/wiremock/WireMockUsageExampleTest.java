package dev.spillway.samples.wiremock;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.github.tomakehurst.wiremock.http.Fault;
import dev.spillway.junit.wiremock.DownstreamStats;
import dev.spillway.junit.wiremock.WireMockChaos;
import dev.spillway.samples.Designs;
import dev.spillway.samples.Downstream;
import dev.spillway.samples.EventTracker;
import dev.spillway.toolkit.inject.Delay;
import dev.spillway.toolkit.ledger.LedgerSnapshot;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The README's slow-downstream example, compiled and run ({@code ReadmeSnippetsTest}). */
class WireMockUsageExampleTest {

  @Test
  void theSlowAndFaultyDownstreamExample_runs() {
    // README-SNIPPET-START slow-downstream
    try (WireMockChaos downstream = WireMockChaos.withRequestThreads(16).start();
        EventTracker singleton =
            Designs.singleton(Downstream.http(downstream.url(), Duration.ofSeconds(2)))) {
      downstream.slow(Delay.logNormal(Duration.ofMillis(5), 0.5)); // median 5 ms, a long tail
      for (int i = 0; i < 20; i++) {
        singleton.track("user-" + i, "clicked");
      }
      await().until(() -> singleton.books().completed() == 20);
      downstream.fail(Fault.CONNECTION_RESET_BY_PEER); // from now on, every call fails
      for (int i = 0; i < 20; i++) {
        singleton.track("user-" + i, "clicked again");
      }
      await().until(() -> singleton.books().completed() == 40);
      downstream.heal(); // 202 at once again

      LedgerSnapshot books = singleton.close(Duration.ofSeconds(5)).books();
      assertThat(books.describe()).isEqualTo("no message lost: 40 sent = 20 processed + 20 failed");
      DownstreamStats stats = downstream.stats();
      System.out.println(stats.describe()); // did WireMock's own pool limit the service rate?
      assertThat(stats.limitsServiceRate()).isFalse();
    }
    // README-SNIPPET-END slow-downstream
  }
}
