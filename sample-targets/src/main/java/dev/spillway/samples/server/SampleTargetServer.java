package dev.spillway.samples.server;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import com.sun.net.httpserver.HttpExchange;
import dev.spillway.samples.Designs;
import dev.spillway.samples.Downstream;
import dev.spillway.samples.EventTracker;
import dev.spillway.samples.server.internal.HttpBooks;
import dev.spillway.samples.server.internal.HttpFront;
import dev.spillway.samples.server.internal.HttpFront.Route;
import dev.spillway.samples.server.internal.Printable;
import dev.spillway.toolkit.util.Preconditions;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.apiguardian.api.API;

/**
 * The sample designs (all but caller-waits and sync-async, whose callers wait) behind an HTTP/1.1
 * front, bound to loopback by default.
 *
 * <ul>
 *   <li>{@code POST /designs/{design}/events?key=K}: 202 when accepted; 503 with {@code
 *       Retry-After} when rejected or shed (the body says why);
 *   <li>{@code GET /metrics}: Prometheus text exposition; {@code GET /metrics.json}: the same as
 *       JSON; {@code GET /health}: 200 {@code ok}.
 * </ul>
 *
 * Bad requests get the right status and a one-line {@code text/plain} reason, and the server keeps
 * serving: unknown design 404, missing, repeated or oversized key 400, body over 64 KiB 413, wrong
 * method 405; a malformed request (request line, percent-encoding, header, Content-Length) 400.
 *
 * <p>Hostile clients cannot take it over: one reactor thread owns every connection and never waits
 * on a client; it reads each request whole, with the deadlines of {@link HttpLimits}, before a
 * handler sees it, so handlers never wait on a client either. Connections beyond {@link
 * HttpLimits#maxConnections()} are answered 503. {@code /health} is answered on the reactor thread
 * itself: nothing the handlers do can delay it.
 *
 * <p>Events are handled by a bounded pool ({@link ServerOptions#handlerThreads()} threads) whose
 * queue holds one request per connection allowed, so it never refuses one. The listen backlog is
 * 1024 (50, the JDK's default, makes clients under load retry their connection after ~1 s).
 *
 * <p>Run it: {@code java -jar spillway-sample-targets.jar --help}. Thread-safety: start and close
 * from any thread; close is idempotent.
 */
@API(status = EXPERIMENTAL, since = "0.1")
public final class SampleTargetServer implements AutoCloseable {

  /** The designs' names, as used in URLs and metrics labels. */
  public static final List<String> DESIGNS =
      List.of(
          "singleton",
          "partitioned",
          "bounded",
          "sentinel-watched",
          "balancer",
          "free-for-all",
          "drop-oldest",
          "demand-driven");

  /** What {@link #run} returns when the server is up. */
  static final int SERVING = -1;

  private static final int BACKLOG = 1024;
  private static final int DROP_OLDEST_BATCH = 10;
  private static final int MAX_DEMAND = 10;

  /**
   * How long {@link #close()} waits for the designs to close: a design's default drain, its
   * consumers' stop, a sentinel's default close timeout (5 s), and a second to spare.
   */
  public static final Duration CLOSE_TIMEOUT =
      EventTracker.DEFAULT_DRAIN_TIMEOUT
          .plus(EventTracker.CONSUMER_STOP_TIMEOUT)
          .plus(Duration.ofSeconds(6));

  private static final Duration DOWNSTREAM_TIMEOUT = Duration.ofSeconds(2);
  private static final int ECHO = 200;

  private final ServerOptions options;
  private final Map<String, EventTracker> designs;
  private final HttpFront server;
  private final ThreadPoolExecutor executor;
  private volatile boolean closed;

  private SampleTargetServer(
      ServerOptions options,
      Map<String, EventTracker> designs,
      HttpFront server,
      ThreadPoolExecutor executor) {
    this.options = options;
    this.designs = designs;
    this.server = server;
    this.executor = executor;
  }

  /**
   * Builds the designs from {@code options} and starts serving them.
   *
   * @throws UncheckedIOException when the address cannot be bound (the port is taken, say)
   */
  public static SampleTargetServer start(ServerOptions options) {
    Preconditions.notNull(options, "server options");
    Map<String, EventTracker> designs = createDesigns(options);
    ThreadPoolExecutor executor = null;
    try {
      executor = handlerPool(options.handlerThreads(), options.limits().maxConnections());
      HttpBooks books = new HttpBooks();
      MetricsRenderer metrics = new MetricsRenderer(designs, books);
      List<Route> routes =
          List.of(
              new Route("/designs/", new EventsHandler(designs), false),
              new Route("/metrics", exchange -> metrics(exchange, metrics), false),
              new Route("/health", SampleTargetServer::health, true),
              new Route("/", SampleTargetServer::notFound, false));
      HttpFront server =
          HttpFront.start(
              new InetSocketAddress(options.bindAddress(), options.port()),
              BACKLOG,
              options.limits(),
              EventsHandler.MAX_BODY_BYTES,
              routes,
              executor,
              books);
      return new SampleTargetServer(options, designs, server, executor);
    } catch (IOException e) {
      abandon(designs, executor);
      String where = options.bindAddress().getHostAddress() + ":" + options.port();
      throw new UncheckedIOException("could not listen on " + where + ": " + e.getMessage(), e);
    } catch (RuntimeException e) {
      abandon(designs, executor);
      throw e;
    }
  }

  private static void abandon(Map<String, EventTracker> designs, ThreadPoolExecutor executor) {
    designs.values().forEach(d -> d.close(Duration.ZERO));
    if (executor != null) {
      executor.shutdownNow();
    }
  }

  /** The base URL, such as {@code http://127.0.0.1:8080}. */
  public URI baseUrl() {
    InetSocketAddress address = server.address();
    String host = address.getAddress().getHostAddress();
    if (host.contains(":")) {
      host = "[" + host + "]";
    }
    return URI.create("http://" + host + ":" + address.getPort());
  }

  /** The port actually bound (useful with port 0). */
  public int port() {
    return server.address().getPort();
  }

  /** The options the server was started with. */
  public ServerOptions options() {
    return options;
  }

  /**
   * The HTTP front's books: connections accepted, refused at the cap, open and closed, timeouts,
   * and responses by status (also in {@code /metrics}).
   */
  public HttpBooks http() {
    return server.books();
  }

  /** The designs served, by name, in {@link #DESIGNS} order. */
  public Map<String, EventTracker> designs() {
    return designs;
  }

  /** The design named {@code name}. */
  public EventTracker design(String name) {
    EventTracker d = designs.get(name);
    Preconditions.check(d != null, "design", "one of " + DESIGNS, "'" + name + "'");
    return d;
  }

  /**
   * Stops serving, then closes every design at once (each drains up to its default timeout).
   * Returns within {@link #CLOSE_TIMEOUT}: a design still closing then is named on standard error
   * and left to finish on its daemon thread.
   */
  @Override
  public void close() {
    if (closed) {
      return;
    }
    closed = true;
    server.close();
    executor.shutdown();
    List<Thread> closers = new ArrayList<>();
    for (EventTracker d : designs.values()) {
      Thread t = new Thread(d::close, "spillway-close-" + d.name());
      t.setDaemon(true);
      t.start();
      closers.add(t);
    }
    long deadline = System.nanoTime() + CLOSE_TIMEOUT.toNanos();
    for (Thread t : closers) {
      try {
        TimeUnit.NANOSECONDS.timedJoin(t, Math.max(1, deadline - System.nanoTime()));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
      if (t.isAlive()) {
        System.err.println(
            "[spillway] "
                + t.getName()
                + " did not finish within "
                + CLOSE_TIMEOUT.toSeconds()
                + " s; left running");
      }
    }
  }

  /** Runs the server from the command line; see {@link ServerOptions#usage()}. */
  public static void main(String[] args) {
    int exitCode = run(args, System.out, System.err);
    if (exitCode != SERVING) {
      System.exit(exitCode);
    }
  }

  /**
   * What {@link #main} does, minus exiting: returns 0 after {@code --help}, 2 after a bad flag
   * (with the reason and the usage on {@code err}), 1 when it cannot listen; otherwise starts
   * serving and returns {@link #SERVING} (the server's own thread keeps the JVM alive).
   */
  static int run(String[] args, PrintStream out, PrintStream err) {
    for (String a : args) {
      if (a.equals("--help") || a.equals("-h")) {
        out.println(ServerOptions.usage());
        return 0;
      }
    }
    ServerOptions options;
    try {
      options = ServerOptions.parse(args);
    } catch (IllegalArgumentException e) {
      err.println("error: " + e.getMessage());
      err.println();
      err.println(ServerOptions.usage());
      return 2;
    }
    SampleTargetServer server;
    try {
      server = start(options);
    } catch (UncheckedIOException e) {
      err.println("error: " + e.getMessage());
      return 1;
    }
    Runtime.getRuntime().addShutdownHook(new Thread(server::close, "spillway-shutdown"));
    out.println("Spillway sample targets listening on " + server.baseUrl());
    out.println(
        "  POST " + server.baseUrl() + "/designs/{" + String.join("|", DESIGNS) + "}/events?key=K");
    out.println("  GET  " + server.baseUrl() + "/metrics  (and /metrics.json, /health)");
    return SERVING;
  }

  private static Map<String, EventTracker> createDesigns(ServerOptions o) {
    Downstream downstream =
        o.downstream()
            .map(url -> Downstream.http(url, DOWNSTREAM_TIMEOUT))
            .orElseGet(
                () ->
                    o.work() == ServiceWork.CPU
                        ? Downstream.cpuBound(o.serviceTime())
                        : Downstream.inProcess(o.serviceTime()));
    Map<String, EventTracker> designs = new LinkedHashMap<>();
    try {
      designs.put("singleton", Designs.singleton(downstream));
      designs.put("partitioned", Designs.partitioned(o.partitions(), downstream));
      designs.put("bounded", Designs.bounded(o.bound(), downstream));
      designs.put(
          "sentinel-watched",
          Designs.sentinelWatched(
              o.sentinelEnable(), o.sentinelDisable(), o.mitigation(), downstream));
      // as many workers as partitions; the balancer spends a service time of its own per event
      designs.put("balancer", Designs.balancer(o.partitions(), o.serviceTime(), downstream));
      designs.put("free-for-all", Designs.freeForAll(o.partitions(), downstream));
      // as large as the bounded design's mailbox; its consumer pulls up to 10 at a time
      designs.put(
          "drop-oldest",
          Designs.dropOldest(o.bound(), Math.min(DROP_OLDEST_BATCH, o.bound()), downstream));
      // each stage asks for 10 at a time; the middle one only passes events on
      designs.put("demand-driven", Designs.demandDriven(MAX_DEMAND, Duration.ZERO, downstream));
    } catch (RuntimeException e) {
      designs.values().forEach(d -> d.close(Duration.ZERO));
      throw e;
    }
    return Collections.unmodifiableMap(designs);
  }

  /**
   * The handlers' pool: {@code threads} threads and a queue with room for one request per
   * connection allowed. The front hands over one request per connection at a time, so the pool
   * never refuses one; a handler never waits on a client, so a request waits only for handlers.
   */
  private static ThreadPoolExecutor handlerPool(int threads, int maxConnections) {
    AtomicInteger n = new AtomicInteger();
    ThreadPoolExecutor pool =
        new ThreadPoolExecutor(
            threads,
            threads,
            30,
            TimeUnit.SECONDS,
            new ArrayBlockingQueue<>(maxConnections),
            r -> {
              Thread t = new Thread(r, "spillway-http-" + n.incrementAndGet());
              t.setDaemon(true);
              return t;
            });
    pool.allowCoreThreadTimeOut(true);
    return pool;
  }

  private static void metrics(HttpExchange exchange, MetricsRenderer metrics) throws IOException {
    try (exchange) {
      String path = exchange.getRequestURI().getRawPath();
      if (!exchange.getRequestMethod().equals("GET")) {
        exchange.getResponseHeaders().set("Allow", "GET");
        Responses.text(
            exchange, 405, "method " + exchange.getRequestMethod() + " not allowed: use GET");
      } else if (path.equals("/metrics")) {
        Responses.send(
            exchange, 200, "text/plain; version=0.0.4; charset=utf-8", metrics.prometheus());
      } else if (path.equals("/metrics.json")) {
        Responses.send(exchange, 200, "application/json", metrics.json());
      } else {
        Responses.text(exchange, 404, notFound(path));
      }
    }
  }

  private static void health(HttpExchange exchange) throws IOException {
    try (exchange) {
      if (!exchange.getRequestMethod().equals("GET")) {
        exchange.getResponseHeaders().set("Allow", "GET");
        Responses.text(
            exchange, 405, "method " + exchange.getRequestMethod() + " not allowed: use GET");
      } else if (!exchange.getRequestURI().getRawPath().equals("/health")) {
        Responses.text(exchange, 404, notFound(exchange.getRequestURI().getRawPath()));
      } else {
        Responses.text(exchange, 200, "ok");
      }
    }
  }

  private static void notFound(HttpExchange exchange) throws IOException {
    try (exchange) {
      Responses.text(exchange, 404, notFound(exchange.getRequestURI().getRawPath()));
    }
  }

  /**
   * The 404 line: the path as the client sent it (percent-encoded, so never a control character),
   * neither decoded nor re-parsed, cut when long.
   */
  static String notFound(String rawPath) {
    return "no such resource: " + Printable.of(rawPath, ECHO);
  }
}
