package dev.spillway.samples.server;

import dev.spillway.samples.EventTracker;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * A sample-target server on an ephemeral loopback port whose consumers never finish an event (a
 * 10-minute service time): every accepted event stays queued or in a consumer's hands, so depths
 * only grow while a test runs. Closing drops them at once instead of waiting to drain.
 */
final class TestServer implements AutoCloseable {

  private static final Duration TIMEOUT = Duration.ofSeconds(10);

  final SampleTargetServer server;
  final HttpClient client = HttpClient.newBuilder().connectTimeout(TIMEOUT).build();

  TestServer(String... flags) {
    String[] all = new String[flags.length + 4];
    all[0] = "--port=0";
    all[1] = "--service-time=10m";
    all[2] = "--partitions=2";
    all[3] = "--bound=2";
    System.arraycopy(flags, 0, all, 4, flags.length);
    server = SampleTargetServer.start(ServerOptions.parse(all));
  }

  String url(String pathAndQuery) {
    return server.baseUrl() + pathAndQuery;
  }

  HttpResponse<String> post(String pathAndQuery, String body) {
    return send(
        HttpRequest.newBuilder(URI.create(url(pathAndQuery)))
            .POST(HttpRequest.BodyPublishers.ofString(body)));
  }

  HttpResponse<String> get(String pathAndQuery) {
    return send(HttpRequest.newBuilder(URI.create(url(pathAndQuery))).GET());
  }

  HttpResponse<String> send(HttpRequest.Builder request) {
    try {
      return client.send(request.timeout(TIMEOUT).build(), HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new AssertionError("request failed: " + e, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError("interrupted", e);
    }
  }

  EventTracker design(String name) {
    return server.design(name);
  }

  @Override
  public void close() {
    for (EventTracker d : server.designs().values()) {
      d.close(Duration.ZERO); // drop what the stuck consumers hold instead of waiting 5 s each
    }
    server.close();
  }
}
