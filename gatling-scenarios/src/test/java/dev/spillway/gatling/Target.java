package dev.spillway.gatling;

import dev.spillway.samples.server.SampleTargetServer;
import dev.spillway.samples.server.ServerOptions;
import dev.spillway.toolkit.util.Preconditions;
import java.io.IOException;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.Optional;

/**
 * The server the simulations flood: a {@link SampleTargetServer} started in this JVM on an
 * ephemeral loopback port, or, when the system property {@value #URL_PROPERTY} is set, a server
 * already running at that URL (started by hand or in a container).
 *
 * <p>Only loopback targets are accepted ({@code 127.0.0.0/8}, {@code localhost}, {@code [::1]}):
 * these simulations flood on purpose, and must never be pointed at a shared host by a typo.
 *
 * <p>Thread-safety: all methods are thread-safe; {@link #close()} is idempotent.
 */
final class Target implements AutoCloseable {

  /** The system property naming an external target, such as {@code http://127.0.0.1:8080}. */
  static final String URL_PROPERTY = "spillway.target.url";

  /**
   * The in-process server's settings: the seed incident's 5 ms consumer, 4 partitions (so the
   * partitioned design has room for the spike on any machine), a bounded queue of 100, a sentinel
   * that sheds from 100 and admits again at 50, 16 handler threads.
   */
  static final ServerOptions IN_PROCESS =
      ServerOptions.parse(
          "--port", "0",
          "--bind", "127.0.0.1",
          "--service-time", "5ms",
          "--partitions", "4",
          "--bound", "100",
          "--sentinel-enable", "100",
          "--sentinel-disable", "50",
          "--mitigation", "shed",
          "--handler-threads", "16");

  private final URI baseUrl;
  private final SampleTargetServer server; // null for an external target

  private Target(URI baseUrl, SampleTargetServer server) {
    this.baseUrl = baseUrl;
    this.server = server;
  }

  /** The target named by {@value #URL_PROPERTY}, or an in-process server with {@code options}. */
  static Target fromSystemProperties(ServerOptions options) {
    Preconditions.notNull(options, "server options");
    String url = System.getProperty(URL_PROPERTY);
    return url == null || url.isBlank() ? inProcess(options) : external(url);
  }

  /** {@link #IN_PROCESS} with another consumer service time. */
  static ServerOptions inProcessWithServiceTime(Duration serviceTime) {
    ServerOptions o = IN_PROCESS;
    return new ServerOptions(
        o.port(),
        o.bindAddress(),
        serviceTime,
        o.partitions(),
        o.bound(),
        o.sentinelEnable(),
        o.sentinelDisable(),
        o.mitigation(),
        o.downstream(),
        o.handlerThreads());
  }

  /** Starts a sample-target server in this JVM with {@code options}; it must bind to loopback. */
  static Target inProcess(ServerOptions options) {
    Preconditions.notNull(options, "server options");
    Preconditions.check(
        options.bindAddress().isLoopbackAddress(),
        "in-process target's bind address",
        "a loopback address",
        options.bindAddress().getHostAddress());
    SampleTargetServer server = SampleTargetServer.start(options);
    return new Target(server.baseUrl(), server);
  }

  /**
   * A server already running at {@code url}: {@code http://}, a loopback host, a port, no path,
   * query or fragment.
   *
   * @throws IllegalArgumentException naming the property, the value and the rule broken
   */
  static Target external(String url) {
    Preconditions.notBlank(url, URL_PROPERTY);
    URI uri;
    try {
      uri = URI.create(url.trim());
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          URL_PROPERTY + " must be a URL such as http://127.0.0.1:8080, but was '" + url + "'", e);
    }
    Preconditions.check(
        "http".equalsIgnoreCase(uri.getScheme()),
        URL_PROPERTY,
        "an http:// URL such as http://127.0.0.1:8080",
        "'" + url + "'");
    Preconditions.check(
        uri.getHost() != null && uri.getPort() > 0,
        URL_PROPERTY,
        "a URL with a host and a port, such as http://127.0.0.1:8080",
        "'" + url + "'");
    String path = uri.getRawPath();
    Preconditions.check(
        (path == null || path.isEmpty() || path.equals("/"))
            && uri.getRawQuery() == null
            && uri.getRawFragment() == null,
        URL_PROPERTY,
        "a base URL without path, query or fragment",
        "'" + url + "'");
    Preconditions.check(
        isLoopback(uri.getHost()),
        URL_PROPERTY,
        "on loopback (127.0.0.0/8, localhost or [::1]): these simulations flood on purpose",
        "'" + url + "'");
    return new Target(URI.create("http://" + uri.getRawAuthority()), null);
  }

  private static boolean isLoopback(String host) {
    String h =
        host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
    try {
      InetAddress[] all = InetAddress.getAllByName(h);
      for (InetAddress a : all) {
        if (!a.isLoopbackAddress()) {
          return false;
        }
      }
      return all.length > 0;
    } catch (UnknownHostException e) {
      return false;
    }
  }

  /** The base URL, such as {@code http://127.0.0.1:41234}, without a trailing slash. */
  URI baseUrl() {
    return baseUrl;
  }

  /** The base URL plus {@code path} (which starts with a slash). */
  String url(String path) {
    return baseUrl + path;
  }

  /** The in-process server's options; empty for an external target. */
  Optional<ServerOptions> options() {
    return server == null ? Optional.empty() : Optional.of(server.options());
  }

  /** Whether the server runs in this JVM. */
  boolean inProcess() {
    return server != null;
  }

  /**
   * One line saying that the target did not answer the baseline read ({@code GET /metrics.json},
   * which failed with {@code failure} after waiting at most {@code timeout}) and what to do about
   * it, e.g. {@code "target http://127.0.0.1:8080 is not answering (connection refused): start it
   * with …, or leave spillway.target.url unset to let the run start one"}.
   */
  String notAnswering(Throwable failure, Duration timeout) {
    String state = "answers, but not as a sample target";
    String why = failure.getMessage();
    for (Throwable t = failure; t != null; t = t.getCause()) {
      if (t instanceof IOException) {
        state = "is not answering";
        if (t instanceof HttpConnectTimeoutException) {
          why = "no connection within " + seconds(timeout);
        } else if (t instanceof HttpTimeoutException) {
          why =
              "it took the connection but sent no answer to GET /metrics.json within "
                  + seconds(timeout);
        } else if (t instanceof ConnectException) {
          why = "connection refused";
        } else {
          why = t.toString();
        }
        break;
      }
    }
    if (server != null) {
      return "the in-process sample-target server at " + baseUrl + " " + state + " (" + why + ")";
    }
    String todo =
        state.startsWith("is not")
            ? "start it with `java -jar sample-targets/target/spillway-sample-targets-*-server.jar"
                + " --port "
                + baseUrl.getPort()
                + "` (gatling-scenarios/README.md lists the settings the gates assume)"
            : "point " + URL_PROPERTY + " at a sample-target server";
    return "target "
        + baseUrl
        + " "
        + state
        + " ("
        + why
        + "): "
        + todo
        + ", or leave "
        + URL_PROPERTY
        + " unset to let the run start one";
  }

  private static String seconds(Duration d) {
    return d.toMillis() % 1000 == 0 ? d.toSeconds() + " s" : d.toMillis() + " ms";
  }

  /** Stops the in-process server (draining its queues briefly); nothing for an external one. */
  @Override
  public void close() {
    if (server != null) {
      server.close();
    }
  }

  @Override
  public String toString() {
    return (server == null ? "external target " : "in-process sample targets ") + baseUrl;
  }
}
