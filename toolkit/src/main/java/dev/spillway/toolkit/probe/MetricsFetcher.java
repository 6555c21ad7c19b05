package dev.spillway.toolkit.probe;

import dev.spillway.toolkit.util.Durations;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.UnknownHostException;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodySubscriber;
import java.net.http.HttpTimeoutException;
import java.nio.channels.UnresolvedAddressException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BiFunction;

/**
 * Fetches one URL with a bounded wait and a bounded body, on its own {@link HttpClient} whose
 * worker threads are daemon threads named {@code spillway-http-probe-<name>-<n>}, or on a client
 * shared with other fetchers, which it neither configures nor closes.
 *
 * <p>Thread-safety: {@link #fetch} may be called from any number of threads at once.
 */
final class MetricsFetcher implements AutoCloseable {

  /** How many bytes of a non-2xx response an error message quotes. */
  static final int ERROR_SNIPPET_BYTES = 200;

  private final URI url;
  private final Duration connectTimeout;
  private final Duration readTimeout;
  private final int maxBodyBytes;
  private final MetricsClient own; // null when the client is shared
  private final HttpClient client;
  private final HttpRequest request;
  private final AtomicBoolean closed = new AtomicBoolean();

  /**
   * A fetcher on {@code shared}, or on a client of its own (closed with it) when {@code shared} is
   * null.
   */
  MetricsFetcher(
      String name,
      URI url,
      String accept,
      Duration connectTimeout,
      Duration readTimeout,
      int maxBodyBytes,
      HttpClient shared) {
    this.url = url;
    this.connectTimeout = connectTimeout;
    this.readTimeout = readTimeout;
    this.maxBodyBytes = maxBodyBytes;
    this.own =
        shared == null ? MetricsClient.create("spillway-http-probe-" + name, connectTimeout) : null;
    this.client = shared == null ? own.client() : shared;
    this.request = HttpRequest.newBuilder(url).GET().header("Accept", accept).build();
  }

  /**
   * The body of a 2xx response, at most {@code maxBodyBytes} long, read within {@code
   * connectTimeout + readTimeout}.
   *
   * @param failure makes the exception to throw from a reason and a cause (may be null)
   */
  byte[] fetch(BiFunction<String, Throwable, ProbeException> failure) {
    if (closed.get()) {
      throw failure.apply("the probe is closed", null);
    }
    CompletableFuture<HttpResponse<byte[]>> exchange;
    try {
      exchange = client.sendAsync(request, this::subscriberFor);
    } catch (RejectedExecutionException e) {
      throw failure.apply(
          own == null
              ? "the shared HTTP client refused the request (is its executor shut down?)"
              : "the probe is closed",
          e);
    }
    Duration deadline = connectTimeout.plus(readTimeout);
    HttpResponse<byte[]> response;
    try {
      response = exchange.get(deadline.toNanos(), TimeUnit.NANOSECONDS);
    } catch (TimeoutException e) {
      exchange.cancel(true);
      throw failure.apply(
          "timed out: no complete response within "
              + Durations.format(deadline)
              + " (connect timeout "
              + Durations.format(connectTimeout)
              + " + read timeout "
              + Durations.format(readTimeout)
              + ")",
          e);
    } catch (InterruptedException e) {
      exchange.cancel(true);
      Thread.currentThread().interrupt();
      throw failure.apply("interrupted while waiting for the response", e);
    } catch (ExecutionException e) {
      throw translate(e.getCause(), failure);
    }
    int status = response.statusCode();
    if (status < 200 || status > 299) {
      throw failure.apply(
          "HTTP status "
              + status
              + ", expected 2xx; the body starts with: "
              + quote(response.body()),
          null);
    }
    return response.body();
  }

  private BodySubscriber<byte[]> subscriberFor(HttpResponse.ResponseInfo info) {
    boolean success = info.statusCode() >= 200 && info.statusCode() <= 299;
    long declared = info.headers().firstValueAsLong("Content-Length").orElse(-1L);
    return success
        ? new BoundedBodySubscriber(maxBodyBytes, false, declared)
        : new BoundedBodySubscriber(ERROR_SNIPPET_BYTES, true, declared);
  }

  private ProbeException translate(
      Throwable cause, BiFunction<String, Throwable, ProbeException> failure) {
    Throwable e = cause;
    while ((e instanceof CompletionException || e instanceof ExecutionException)
        && e.getCause() != null) {
      e = e.getCause();
    }
    if (e instanceof BoundedBodySubscriber.BodyTooLargeException) {
      return failure.apply(e.getMessage(), e);
    }
    if (e instanceof HttpConnectTimeoutException) {
      // the client's setting: a shared client has its own
      Duration timeout = client.connectTimeout().orElse(connectTimeout);
      return failure.apply(
          "timed out: no connection within the connect timeout of " + Durations.format(timeout), e);
    }
    if (e instanceof HttpTimeoutException) {
      return failure.apply("timed out: " + e.getMessage(), e);
    }
    if (e instanceof ConnectException) {
      return failure.apply(
          "endpoint down: could not connect to " + authority() + " (" + e + ")", e);
    }
    if (e instanceof UnknownHostException || e instanceof UnresolvedAddressException) {
      return failure.apply("unknown host '" + url.getHost() + "'", e);
    }
    if (e instanceof IOException) {
      return failure.apply("I/O error: " + printable(e.toString()), e);
    }
    return failure.apply("unexpected failure: " + printable(e.toString()), e);
  }

  private String authority() {
    return url.getHost() + (url.getPort() >= 0 ? ":" + url.getPort() : "");
  }

  private static String quote(byte[] body) {
    if (body.length == 0) {
      return "(empty)";
    }
    String text = printable(new String(body, StandardCharsets.UTF_8));
    return "'" + text + (body.length >= ERROR_SNIPPET_BYTES ? "...'" : "'");
  }

  /**
   * {@code text} on one line: runs of white space become one space, other control characters (which
   * a server's garbage may hold, NUL included) are written as <code>&#92;uXXXX</code>.
   */
  static String printable(String text) {
    String spaced = text.replaceAll("\\s+", " ").strip();
    StringBuilder out = new StringBuilder(spaced.length());
    for (int i = 0; i < spaced.length(); i++) {
      char c = spaced.charAt(i);
      if (Character.isISOControl(c)) {
        String hex = Integer.toHexString(c);
        out.append("\\u").append("0".repeat(4 - hex.length())).append(hex);
      } else {
        out.append(c);
      }
    }
    return out.toString();
  }

  /**
   * Stops the worker threads of a client of its own (a shared one is left to its owner); a later
   * {@link #fetch} fails with "the probe is closed".
   */
  @Override
  public void close() {
    closed.set(true);
    if (own != null) {
      own.close();
    }
  }
}
