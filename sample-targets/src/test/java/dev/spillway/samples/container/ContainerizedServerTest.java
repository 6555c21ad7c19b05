package dev.spillway.samples.container;

import static org.assertj.core.api.Assertions.assertThat;

import dev.spillway.toolkit.probe.HttpMetricsProbe;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The sample-target server built into a small local image, run and reached over HTTP. */
@RequiresSampleTargetImage
class ContainerizedServerTest {

  private static final HttpClient CLIENT = HttpClient.newHttpClient();

  private static HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
    return CLIENT.send(
        request.timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void theImage_isSmall_andItsServerAnswersFromTheContainer(SampleTargetImage image)
      throws Exception {
    System.out.println(image);
    assertThat(image.sizeBytes()).isBetween(10_000_000L, 120_000_000L);
    try (SampleTargetContainer target = image.start("--service-time=1us", "--partitions=3")) {
      System.out.println(
          target + " answered /health after " + target.startTime().toMillis() + " ms");
      URI base = target.baseUrl();
      assertThat(base.getHost()).isEqualTo("localhost");

      assertThat(send(HttpRequest.newBuilder(base.resolve("/health"))).body()).isEqualTo("ok\n");
      HttpResponse<String> accepted =
          send(
              HttpRequest.newBuilder(base.resolve("/designs/partitioned/events?key=user-42"))
                  .POST(HttpRequest.BodyPublishers.ofString("clicked")));
      assertThat(accepted.statusCode()).isEqualTo(202);

      // JSON rendering works in the trimmed runtime, and the flags reached the server
      String json = send(HttpRequest.newBuilder(base.resolve("/metrics.json"))).body();
      assertThat(json).contains("\"partitioned-2\"").doesNotContain("\"partitioned-3\"");
      try (HttpMetricsProbe sent =
          target.metricProbe(
              "sent",
              "spillway_messages_total",
              java.util.Map.of("design", "partitioned", "outcome", "sent"),
              Duration.ofSeconds(2))) {
        assertThat(sent.depth()).isEqualTo(1);
      }
      assertThat(target.logs()).contains("Spillway sample targets listening on");
    }
  }
}
