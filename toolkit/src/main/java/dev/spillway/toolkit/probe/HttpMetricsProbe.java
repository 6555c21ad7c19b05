package dev.spillway.toolkit.probe;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import dev.spillway.toolkit.util.Preconditions;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apiguardian.api.API;

/**
 * A probe that reads a depth from a metrics endpoint over HTTP: one {@code GET} per {@link
 * #depth()} call, with bounded waits and a bounded body.
 *
 * <p>Two formats:
 *
 * <ul>
 *   <li>{@linkplain #prometheus Prometheus text exposition format} (version 0.0.4, what a {@code
 *       /metrics} endpoint serves): the one sample with a given metric name and <em>exactly</em> a
 *       given label set, e.g. {@code spillway_queue_depth{design="singleton"}};
 *   <li>{@linkplain #json JSON}: the number a JSON Pointer (RFC 6901) selects, e.g. {@code
 *       /queues/singleton/depth}.
 * </ul>
 *
 * <pre>{@code
 * try (HttpMetricsProbe probe =
 *     HttpMetricsProbe.prometheus(
 *             "singleton", "http://127.0.0.1:8080/metrics",
 *             "spillway_queue_depth", Map.of("design", "singleton"))
 *         .readTimeout(Duration.ofMillis(500))
 *         .build()) {
 *   long depth = probe.depth();
 * }
 * }</pre>
 *
 * <p><b>The value must be a depth</b>: a whole number &gt;= 0. A gauge exported as {@code 12.0} is
 * read as 12. A fractional value ({@code 12.5}) is an error, not rounded down: a queue never holds
 * half a message, so the probe must be pointing at something else (an average, a rate), and
 * rounding would hide it. Negative values, NaN and infinities are errors too.
 *
 * <p><b>Errors</b>: {@link #depth()} throws a {@link ProbeException} whose message names the probe,
 * the URL and the metric (or pointer), and says what went wrong: the endpoint is down (connection
 * refused), no connection within the connect timeout, no complete response within the connect
 * timeout + the read timeout, a non-2xx status (quoted with the start of the body), a body over the
 * size limit (reading stops at the limit: a body is never buffered beyond it), a malformed body,
 * the metric missing (with how many samples and which metrics were there), no sample with the label
 * set (with the label sets that were there), a value that is not a depth.
 *
 * <p><b>Timeouts</b>: the connect timeout (default {@value #DEFAULT_CONNECT_TIMEOUT_MILLIS} ms)
 * bounds opening a connection; the read timeout (default {@value #DEFAULT_READ_TIMEOUT_MILLIS} ms)
 * bounds waiting for the complete response (status, headers and body). One call never waits longer
 * than both together; a call that runs out of time cancels its request.
 *
 * <p><b>Cost</b>: a read is a whole HTTP round trip plus rendering and parsing the exposition:
 * about 0.6 to 1.3 ms against a JDK {@code HttpServer} on loopback (2-core machine, client and
 * server in one JVM), more over a network. Sample an HTTP probe at tens of hertz, not at the
 * kilohertz rates local probes allow. A JDK {@code HttpServer} that writes a small body after its
 * headers answers about 40 ms late (Nagle's algorithm meets delayed ACKs) unless its JVM runs with
 * {@code -Dsun.net.httpserver.nodelay=true}.
 *
 * <p><b>One client for many probes</b>: by default each probe owns an {@link HttpClient} (its
 * connections, its selector thread, its worker threads). A poller that reads several metrics — a
 * queue's depth and its counters, several queues of one target — should read them all through one
 * client, given to each probe's {@link Builder#client(HttpClient) builder}: one connection pool and
 * one set of threads instead of one per metric.
 *
 * <pre>{@code
 * HttpClient shared = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
 * HttpMetricsProbe depth = HttpMetricsProbe.prometheus(
 *         "orders", url, "spillway_design_depth", Map.of("design", "orders"))
 *     .client(shared).build();
 * HttpMetricsProbe sent = HttpMetricsProbe.prometheus(
 *         "orders.sent", url, "spillway_messages_total",
 *         Map.of("design", "orders", "outcome", "sent"))
 *     .client(shared).build();
 * }</pre>
 *
 * <p>Thread-safety: all methods thread-safe; {@link #depth()} may run in many threads at once. A
 * probe with a client of its own owns it: its worker threads are daemon threads named {@code
 * spillway-http-probe-<name>-<n>}; they end when idle for 30 s and at {@link #close()}, after which
 * {@link #depth()} fails. (The client's own selector thread, named by the JDK, ends when the probe
 * is garbage-collected: JDK 17's {@code HttpClient} has no {@code close}.) A shared client belongs
 * to its caller: {@link #close()} ends the probe, not the client.
 */
@API(status = EXPERIMENTAL, since = "0.1")
public final class HttpMetricsProbe implements QueueProbe, AutoCloseable {

  /** The default connect timeout, in milliseconds: 1 s. */
  public static final long DEFAULT_CONNECT_TIMEOUT_MILLIS = 1_000;

  /** The default read timeout, in milliseconds: 2 s. */
  public static final long DEFAULT_READ_TIMEOUT_MILLIS = 2_000;

  /** The default largest response body read, in bytes: 1 MiB. */
  public static final int DEFAULT_MAX_BODY_BYTES = 1 << 20;

  /** The longest connect or read timeout accepted: one hour. */
  public static final Duration MAX_TIMEOUT = Duration.ofHours(1);

  private final String name;
  private final URI url;
  private final MetricSelector selector;
  private final Duration connectTimeout;
  private final Duration readTimeout;
  private final int maxBodyBytes;
  private final boolean sharedClient;
  private final MetricsFetcher fetcher;

  private HttpMetricsProbe(Builder builder) {
    this.name = builder.name;
    this.url = builder.url;
    this.selector = builder.selector;
    this.connectTimeout = builder.connectTimeout;
    this.readTimeout = builder.readTimeout;
    this.maxBodyBytes = builder.maxBodyBytes;
    this.sharedClient = builder.client != null;
    this.fetcher =
        new MetricsFetcher(
            name,
            url,
            selector.accept(),
            connectTimeout,
            readTimeout,
            maxBodyBytes,
            builder.client);
  }

  /**
   * Starts a probe that reads a Prometheus text exposition and takes the one sample named {@code
   * metricName} whose label set is exactly {@code labels}: no label more, no label fewer (pass
   * {@code Map.of()} for a sample without labels). The request asks for {@code
   * text/plain;version=0.0.4}.
   *
   * @param name the probe's name; not blank
   * @param url the endpoint, an absolute {@code http} or {@code https} URL with a host
   * @param metricName the sample's metric name, as the exposition writes it (a counter's sample
   *     includes its {@code _total} suffix); valid Prometheus syntax {@code
   *     [a-zA-Z_:][a-zA-Z0-9_:]*}
   * @param labels the sample's complete label set, unescaped values; names valid Prometheus syntax
   *     {@code [a-zA-Z_][a-zA-Z0-9_]*}, no null values; copied
   * @return a builder with the default timeouts and body limit
   * @throws IllegalArgumentException when an argument is invalid
   */
  public static Builder prometheus(
      String name, String url, String metricName, Map<String, String> labels) {
    Preconditions.notBlank(name, "probe name");
    URI uri = httpUrl(url);
    return new Builder(name, uri, new PrometheusSelector(metricName, labels));
  }

  /**
   * Starts a probe that reads a JSON document and takes the number {@code jsonPointer} selects. The
   * request asks for {@code application/json}.
   *
   * @param name the probe's name; not blank
   * @param url the endpoint, an absolute {@code http} or {@code https} URL with a host
   * @param jsonPointer an RFC 6901 JSON Pointer such as {@code /queues/singleton/depth} ({@code ~1}
   *     stands for '/', {@code ~0} for '~'; {@code ""} selects the whole document)
   * @return a builder with the default timeouts and body limit
   * @throws IllegalArgumentException when an argument is invalid
   */
  public static Builder json(String name, String url, String jsonPointer) {
    Preconditions.notBlank(name, "probe name");
    URI uri = httpUrl(url);
    return new Builder(name, uri, new JsonPointerSelector(jsonPointer));
  }

  private static URI httpUrl(String url) {
    Preconditions.notBlank(url, "metrics URL");
    String rule =
        "an absolute http or https URL with a host, such as http://127.0.0.1:8080/metrics";
    URI uri;
    try {
      uri = new URI(url);
    } catch (URISyntaxException e) {
      throw new IllegalArgumentException(
          "metrics URL must be " + rule + " (" + e.getMessage() + "), but was '" + url + "'", e);
    }
    String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
    Preconditions.check(
        (scheme.equals("http") || scheme.equals("https")) && uri.getHost() != null,
        "metrics URL",
        rule,
        "'" + url + "'");
    return uri;
  }

  @Override
  public String name() {
    return name;
  }

  /** The endpoint this probe reads. */
  public URI url() {
    return url;
  }

  /**
   * The metric as messages name it: {@code spillway_queue_depth{design="singleton"}} or {@code JSON
   * pointer '/queues/singleton/depth'}.
   */
  public String metric() {
    return selector.describe();
  }

  /** The longest wait for a connection. */
  public Duration connectTimeout() {
    return connectTimeout;
  }

  /** The longest wait for the complete response once the request is sent. */
  public Duration readTimeout() {
    return readTimeout;
  }

  /** The largest response body read, in bytes. */
  public int maxBodyBytes() {
    return maxBodyBytes;
  }

  /**
   * Whether the probe reads through a client given to {@link Builder#client}, not one of its own.
   */
  public boolean sharesClient() {
    return sharedClient;
  }

  /**
   * Fetches the endpoint and reads the depth.
   *
   * @throws ProbeException naming the probe, the URL and the metric when the depth cannot be read
   */
  @Override
  public long depth() {
    byte[] body = fetcher.fetch(this::failure);
    return selector.depthFrom(body, reason -> failure(reason, null));
  }

  private ProbeException failure(String reason, Throwable cause) {
    return new ProbeException(
        "HTTP probe '"
            + name
            + "' could not read "
            + selector.describe()
            + " from "
            + url
            + ": "
            + reason,
        cause);
  }

  /**
   * Stops the probe's worker threads (a shared client's are its owner's); later {@link #depth()}
   * calls fail. Idempotent.
   */
  @Override
  public void close() {
    fetcher.close();
  }

  @Override
  public String toString() {
    return "HttpMetricsProbe[name="
        + name
        + ", url="
        + url
        + ", metric="
        + selector.describe()
        + ", connectTimeout="
        + connectTimeout
        + ", readTimeout="
        + readTimeout
        + ", maxBodyBytes="
        + maxBodyBytes
        + ", client="
        + (sharedClient ? "shared" : "own")
        + "]";
  }

  /**
   * The optional settings of an {@link HttpMetricsProbe}; the required ones (name, URL, metric)
   * were given to {@link #prometheus} or {@link #json}. Immutable: every method returns a new
   * builder, so a builder can serve as a template. Each setting is validated when set; {@link
   * #build()} then cannot fail on bad input.
   *
   * <p>Thread-safety: immutable; safe to share.
   */
  public static final class Builder {

    private final String name;
    private final URI url;
    private final MetricSelector selector;
    private final Duration connectTimeout;
    private final Duration readTimeout;
    private final int maxBodyBytes;
    private final HttpClient client; // null: the probe builds and owns one

    private Builder(String name, URI url, MetricSelector selector) {
      this(
          name,
          url,
          selector,
          Duration.ofMillis(DEFAULT_CONNECT_TIMEOUT_MILLIS),
          Duration.ofMillis(DEFAULT_READ_TIMEOUT_MILLIS),
          DEFAULT_MAX_BODY_BYTES,
          null);
    }

    private Builder(
        String name,
        URI url,
        MetricSelector selector,
        Duration connectTimeout,
        Duration readTimeout,
        int maxBodyBytes,
        HttpClient client) {
      this.name = name;
      this.url = url;
      this.selector = selector;
      this.connectTimeout = connectTimeout;
      this.readTimeout = readTimeout;
      this.maxBodyBytes = maxBodyBytes;
      this.client = client;
    }

    /**
     * The longest wait for a connection to open; default 1 s.
     *
     * @param timeout positive, at most {@link #MAX_TIMEOUT}
     */
    public Builder connectTimeout(Duration timeout) {
      return new Builder(
          name,
          url,
          selector,
          timeout(timeout, "connect timeout"),
          readTimeout,
          maxBodyBytes,
          client);
    }

    /**
     * The longest wait for a connection to open; default 1 s.
     *
     * @param amount positive; at most {@link #MAX_TIMEOUT} in all
     * @param unit the unit of {@code amount}; not null
     */
    public Builder connectTimeout(long amount, TimeUnit unit) {
      return connectTimeout(duration(amount, unit, "connect timeout"));
    }

    /**
     * The longest wait for the complete response (status, headers and body) once the request is
     * sent; default 2 s.
     *
     * @param timeout positive, at most {@link #MAX_TIMEOUT}
     */
    public Builder readTimeout(Duration timeout) {
      return new Builder(
          name,
          url,
          selector,
          connectTimeout,
          timeout(timeout, "read timeout"),
          maxBodyBytes,
          client);
    }

    /**
     * The longest wait for the complete response once the request is sent; default 2 s.
     *
     * @param amount positive; at most {@link #MAX_TIMEOUT} in all
     * @param unit the unit of {@code amount}; not null
     */
    public Builder readTimeout(long amount, TimeUnit unit) {
      return readTimeout(duration(amount, unit, "read timeout"));
    }

    /**
     * The largest response body read; a larger body fails the read (reading stops at the limit).
     * Default 1 MiB.
     *
     * @param maxBodyBytes &gt; 0
     */
    public Builder maxBodyBytes(int maxBodyBytes) {
      Preconditions.positive(maxBodyBytes, "max body bytes");
      return new Builder(name, url, selector, connectTimeout, readTimeout, maxBodyBytes, client);
    }

    /**
     * Reads through {@code client}, shared with other probes, instead of a client of the probe's
     * own: one connection pool and one set of threads for every metric a poller reads. The caller
     * owns the client: the probe never closes it or its executor. The client's own settings apply
     * to each exchange — its connect timeout (this builder's {@link #connectTimeout(Duration)}
     * still counts in the bound of one call, connect timeout + read timeout), its redirect policy,
     * proxy and executor. Default: none, the probe builds a client of its own (HTTP/1.1, normal
     * redirects, this builder's connect timeout).
     *
     * @param client not null
     */
    public Builder client(HttpClient client) {
      Preconditions.notNull(client, "HTTP client");
      return new Builder(name, url, selector, connectTimeout, readTimeout, maxBodyBytes, client);
    }

    /**
     * A new probe with these settings; unless given a shared {@link #client}, it owns an HTTP
     * client until {@link #close()}.
     */
    public HttpMetricsProbe build() {
      return new HttpMetricsProbe(this);
    }

    private static Duration timeout(Duration timeout, String what) {
      Preconditions.positive(timeout, what);
      Preconditions.check(
          timeout.compareTo(MAX_TIMEOUT) <= 0, what, "at most " + MAX_TIMEOUT, timeout);
      return timeout;
    }

    private static Duration duration(long amount, TimeUnit unit, String what) {
      Preconditions.notNull(unit, what + " unit");
      Preconditions.positive(amount, what);
      Preconditions.check(
          unit.toNanos(amount) <= MAX_TIMEOUT.toNanos(),
          what,
          "at most " + MAX_TIMEOUT,
          amount + " " + unit);
      return Duration.of(amount, unit.toChronoUnit());
    }

    @Override
    public String toString() {
      return "HttpMetricsProbe.Builder[name="
          + name
          + ", url="
          + url
          + ", metric="
          + selector.describe()
          + ", connectTimeout="
          + connectTimeout
          + ", readTimeout="
          + readTimeout
          + ", maxBodyBytes="
          + maxBodyBytes
          + ", client="
          + (client == null ? "own" : "shared")
          + "]";
    }
  }
}
