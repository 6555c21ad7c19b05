package dev.spillway.junit.wiremock;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * POSTs to a downstream, as a component calling it would: a status other than 2xx, a timeout or a
 * broken connection throws. Thread-safe (one JDK HttpClient, HTTP/1.1, shared by the callers).
 */
final class Calls {

  private static final Duration TIMEOUT = Duration.ofSeconds(5);

  private final URI url;
  private final HttpClient client =
      HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(TIMEOUT).build();

  private Calls(URI url) {
    this.url = url;
  }

  static Calls to(WireMockChaos downstream) {
    return new Calls(downstream.url());
  }

  static Calls to(URI url) {
    return new Calls(url);
  }

  /** One call; throws unless the downstream answered 2xx. */
  void post() throws IOException, InterruptedException {
    HttpResponse<Void> response =
        client.send(
            HttpRequest.newBuilder(url)
                .timeout(TIMEOUT)
                .POST(HttpRequest.BodyPublishers.ofString("event"))
                .build(),
            HttpResponse.BodyHandlers.discarding());
    int status = response.statusCode();
    if (status < 200 || status > 299) {
      throw new IOException("downstream POST " + url + " answered " + status);
    }
  }

  /** One call, in milliseconds. */
  long millis() throws IOException, InterruptedException {
    long start = System.nanoTime();
    post();
    return (System.nanoTime() - start) / 1_000_000;
  }
}
