package dev.spillway.samples.internal;

import static org.apiguardian.api.API.Status.INTERNAL;

import dev.spillway.samples.Downstream;
import dev.spillway.samples.Event;
import dev.spillway.toolkit.util.Preconditions;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apiguardian.api.API;

/**
 * Handles an event by POSTing it to a URL. A non-2xx status, a timeout or a connection failure
 * throws, and the design counts the event as FAILED. Thread-safe.
 *
 * <p>The timeout bounds the whole exchange (connection, status and body): the JDK client's own
 * request timeout stops once the status line has arrived, so a downstream that answers its status
 * and then stalls the body would otherwise hold the consumer until the connection drops. An
 * interrupt of the consumer cancels the request and ends the call with {@link
 * InterruptedException}.
 */
@API(status = INTERNAL, since = "0.1")
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
    CompletableFuture<HttpResponse<Void>> exchange =
        client.sendAsync(request, HttpResponse.BodyHandlers.discarding());
    HttpResponse<Void> response;
    try {
      response = exchange.get(timeout.toNanos(), TimeUnit.NANOSECONDS);
    } catch (TimeoutException e) {
      exchange.cancel(true);
      throw new HttpTimeoutException(
          "downstream POST "
              + url
              + " did not answer in full within "
              + timeout.toMillis()
              + " ms (the whole exchange: connect, status, body); the request was cancelled");
    } catch (InterruptedException e) {
      exchange.cancel(true);
      throw e;
    } catch (ExecutionException e) {
      Throwable cause = e.getCause();
      if (cause instanceof IOException io) {
        throw io;
      }
      throw new IOException("downstream POST " + url + " failed: " + cause, cause);
    }
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
