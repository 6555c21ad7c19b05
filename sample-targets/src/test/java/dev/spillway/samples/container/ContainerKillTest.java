package dev.spillway.samples.container;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.spillway.junit.container.ContainerChaos;
import dev.spillway.junit.container.ContainerInjection;
import dev.spillway.toolkit.probe.HttpMetricsProbe;
import dev.spillway.toolkit.record.TraceEvent;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/**
 * A killed consumer: what the server held in memory (its queue, its books) dies with it; started
 * again, it is a fresh process. Only the client knows what was lost.
 */
@RequiresSampleTargetImage
class ContainerKillTest {

  private static final HttpClient CLIENT =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();

  private static int status(URI url, String method) throws IOException, InterruptedException {
    return CLIENT
        .send(
            HttpRequest.newBuilder(url)
                .timeout(Duration.ofSeconds(2))
                .method(method, HttpRequest.BodyPublishers.noBody())
                .build(),
            HttpResponse.BodyHandlers.discarding())
        .statusCode();
  }

  private static long depth(SampleTargetContainer target) {
    try (HttpMetricsProbe probe = target.depthProbe("singleton", Duration.ofSeconds(2))) {
      return probe.depth();
    }
  }

  private static void awaitHealthy(SampleTargetContainer target) {
    await()
        .atMost(SampleTargetContainer.STARTUP_TIMEOUT)
        .pollInterval(Duration.ofMillis(50))
        .ignoreExceptions()
        .until(() -> status(target.baseUrl().resolve("/health"), "GET") == 200);
  }

  @Test
  void aKilledServer_losesItsQueue_andStartsAgainEmpty_andARestartDoesTheSame(
      SampleTargetImage image) throws Exception {
    List<TraceEvent> events = new CopyOnWriteArrayList<>();
    // consumers that never finish: accepted events stay queued
    try (SampleTargetContainer target = image.start("--service-time=10m")) {
      ContainerChaos chaos = target.chaos(events::add);
      URI before = target.baseUrl();
      for (int i = 0; i < 5; i++) {
        assertThat(status(before.resolve("/designs/singleton/events?key=k"), "POST"))
            .isEqualTo(202);
      }
      assertThat(depth(target)).isEqualTo(4); // one in the consumer's hands

      long killedAt = System.nanoTime();
      try (ContainerInjection killed = chaos.kill()) {
        assertThat(killed.description()).startsWith("killed container ");
        assertThatThrownBy(() -> status(before.resolve("/health"), "GET"))
            .isInstanceOf(IOException.class);
        assertThatThrownBy(target::baseUrl)
            .isInstanceOf(IllegalArgumentException.class)
            .hasMessageContaining("not published (is it stopped?)");
      }
      awaitHealthy(target);
      Duration back = Duration.ofNanos(System.nanoTime() - killedAt);
      System.out.println(
          "killed and started again: healthy after "
              + back.toMillis()
              + " ms; port "
              + before.getPort()
              + " -> "
              + target.baseUrl().getPort());
      assertThat(depth(target)).as("the queue died with the process").isZero();

      target.baseUrl(); // published again
      assertThat(status(target.baseUrl().resolve("/designs/singleton/events?key=k"), "POST"))
          .isEqualTo(202);
      chaos.restart(0);
      awaitHealthy(target);
      assertThat(depth(target)).as("a restart starts a fresh process too").isZero();
    }
    assertThat(events)
        .extracting(TraceEvent::detail)
        .allSatisfy(d -> assertThat(d).contains("container "))
        .hasSize(4);
    assertThat(events.get(0).detail()).startsWith("killed container ");
    assertThat(events.get(1).detail()).endsWith(" again");
    assertThat(events.get(2).detail()).startsWith("restarting container ");
    assertThat(events.get(3).detail()).startsWith("restarted container ");
  }
}
