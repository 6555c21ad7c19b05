package dev.spillway.samples.internal;

import dev.spillway.samples.Downstream;
import dev.spillway.samples.Event;
import dev.spillway.toolkit.internal.Preconditions;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Locale;

/**
 * Handles an event by POSTing it to a URL. A non-2xx status, a timeout or a connection failure
 * throws, and the design counts the event as FAILED. Thread-safe.
 */
public final class HttpDownstream implements Downstream {

  private final URI url;
  private final Duration timeout;
  private final HttpClient client;

  /** A downstream that POSTs to {@code url}, an http(s) URL, waiting at most {@code timeout}. */
  public HttpDownstream(URI url, Duration timeout) {
    Preconditions.notNull(url, "downstream URL");
    String scheme = url.getScheme() == null ? "" : url.getScheme().toLowerCase(Locale.ROOT);
    Preconditions.check(
        (scheme.equals("http") || scheme.equals("https")) && url.getHost() != null,
        "downstream URL",
        "an absolute http:// or https:// URL",
        url);
    this.url = url;
    this.timeout = timeout;
    this.client = HttpClient.newBuilder().connectTimeout(timeout).build();
  }

  @Override
  public void handle(Event event) throws IOException, InterruptedException {
    HttpRequest request =
        HttpRequest.newBuilder(url)
            .timeout(timeout)
            .header("Content-Type", "text/plain; charset=utf-8")
            .header("X-Event-Key", event.key())
            .header("X-Event-Id", Long.toString(event.id()))
            .POST(HttpRequest.BodyPublishers.ofString(event.payload()))
            .build();
    HttpResponse<Void> response = client.send(request, HttpResponse.BodyHandlers.discarding());
    int status = response.statusCode();
    if (status < 200 || status > 299) {
      throw new IOException("downstream POST " + url + " answered " + status);
    }
  }

  @Override
  public String toString() {
    return "HTTP downstream POST " + url + " (timeout " + timeout + ")";
  }
}
