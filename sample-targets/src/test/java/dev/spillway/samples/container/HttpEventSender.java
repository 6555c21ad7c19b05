package dev.spillway.samples.container;

import dev.spillway.toolkit.load.AsyncSender;
import dev.spillway.toolkit.load.Message;
import dev.spillway.toolkit.load.Outcome;
import dev.spillway.toolkit.util.Preconditions;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.LongAdder;

/**
 * Sends the load driver's messages to a sample-target server over HTTP: {@code POST
 * /designs/{design}/events?key=K}, answered 202 (ACCEPTED) or 503 (REJECTED); any other status, a
 * connection failure or a timeout fails the send, and is counted here by cause.
 *
 * <pre>{@code
 * HttpEventSender sender = HttpEventSender.to(target.baseUrl(), "singleton", Duration.ofMillis(300));
 * LoadReport report = LoadDriver.drive(profile).sendAsyncTo(sender).run();
 * System.out.println(sender.timeouts() + " requests timed out");
 * }</pre>
 *
 * <p>Asynchronous (the JDK {@link HttpClient}, HTTP/1.1): a hanging server holds no driver thread,
 * each waiting request holds a connection until its timeout. Thread-safety: thread-safe.
 */
public final class HttpEventSender implements AsyncSender {

  private final URI events;
  private final String design;
  private final Duration timeout;
  private final HttpClient client;
  private final LongAdder timeouts = new LongAdder();
  private final LongAdder connectionFailures = new LongAdder();
  private final LongAdder badStatuses = new LongAdder();

  private HttpEventSender(URI baseUrl, String design, Duration timeout) {
    this.events = baseUrl.resolve("/designs/" + design + "/events");
    this.design = design;
    this.timeout = timeout;
    this.client =
        HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(timeout)
            .build();
  }

  /**
   * A sender to {@code design} of the server at {@code baseUrl}.
   *
   * @param baseUrl such as {@code http://localhost:32771}; an absolute http URL
   * @param design the design's name in the URL, e.g. {@code singleton}; not blank
   * @param timeout connect timeout and whole-request timeout, &gt; 0
   */
  public static HttpEventSender to(URI baseUrl, String design, Duration timeout) {
    Preconditions.notNull(baseUrl, "base URL");
    Preconditions.check(
        "http".equalsIgnoreCase(baseUrl.getScheme()) && baseUrl.getHost() != null,
        "base URL",
        "an absolute http:// URL",
        baseUrl);
    Preconditions.notBlank(design, "design");
    Preconditions.positive(timeout, "request timeout");
    return new HttpEventSender(baseUrl, design, timeout);
  }

  @Override
  public CompletionStage<Outcome> send(Message message) {
    HttpRequest request =
        HttpRequest.newBuilder(
                URI.create(
                    events + "?key=" + URLEncoder.encode(message.key(), StandardCharsets.UTF_8)))
            .timeout(timeout)
            .POST(HttpRequest.BodyPublishers.noBody())
            .build();
    CompletableFuture<HttpResponse<Void>> response =
        client.sendAsync(request, HttpResponse.BodyHandlers.discarding());
    return response.handle(
        (r, failure) -> {
          if (failure != null) {
            Throwable cause = failure instanceof CompletionException ? failure.getCause() : failure;
            (cause instanceof HttpTimeoutException ? timeouts : connectionFailures).increment();
            throw new CompletionException(cause);
          }
          switch (r.statusCode()) {
            case 202:
              return Outcome.ACCEPTED;
            case 503:
              return Outcome.REJECTED;
            default:
              badStatuses.increment();
              throw new CompletionException(
                  new IOException("POST " + request.uri() + " answered " + r.statusCode()));
          }
        });
  }

  /** Requests that got no complete answer within the timeout (connecting included). */
  public long timeouts() {
    return timeouts.sum();
  }

  /** Requests that failed for another reason: refused, reset or closed connections. */
  public long connectionFailures() {
    return connectionFailures.sum();
  }

  /** Requests answered with a status other than 202 and 503. */
  public long badStatuses() {
    return badStatuses.sum();
  }

  @Override
  public String toString() {
    return "HttpEventSender[design="
        + design
        + ", url="
        + events
        + ", timeout="
        + timeout
        + ", timeouts="
        + timeouts()
        + ", connectionFailures="
        + connectionFailures()
        + ", badStatuses="
        + badStatuses()
        + "]";
  }
}
