package dev.spillway.samples.server.internal;

import static org.apiguardian.api.API.Status.INTERNAL;

import com.sun.net.httpserver.HttpHandler;
import dev.spillway.samples.server.HttpLimits;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import org.apiguardian.api.API;

/**
 * A small HTTP/1.1 server for {@link HttpHandler}s that hostile clients cannot take over. One
 * reactor thread owns every connection and never blocks: it accepts, reads each request head and
 * body as they arrive (with the deadlines of {@link HttpLimits}), refuses malformed requests itself
 * with one line of {@code text/plain}, hands complete requests to the handlers' executor, and
 * writes their responses. So a handler never waits on a client, and a stalled client holds nothing
 * but its own connection.
 *
 * <p>Routes whose handler is {@code inline} (it must not block) run on the reactor thread itself:
 * they answer as fast as the reactor turns, whatever the handlers' executor is doing.
 *
 * <p>Why not the JDK's {@code HttpServer}: it reads request heads and bodies on its executor's
 * threads with blocking reads, so 20 stalled clients occupy 20 threads; its only timeouts are
 * JVM-wide system properties in whole seconds; its connection cap closes connections without an
 * answer; and it answers malformed requests itself with an HTML page before any handler runs. See
 * the module's README for the measurements.
 *
 * <p>Thread-safety: {@link #start} and {@link #close} from any thread; close is idempotent.
 */
@API(status = INTERNAL, since = "0.1")
public final class HttpFront implements AutoCloseable {

  /** A path prefix and its handler; {@code inline} handlers run on the reactor thread. */
  public record Route(String prefix, HttpHandler handler, boolean inline) {}

  /** How long a lingering close waits for the client to close its side. */
  static final Duration LINGER = Duration.ofSeconds(1);

  private static final int ACCEPTS_PER_TURN = 64;
  private static final Duration CLOSE_WAIT = Duration.ofSeconds(5);

  final FrontLimits limits;
  final HttpBooks books;
  final int bodyCap;
  final long lingerNanos;

  private final int maxConnections;
  private final List<Route> routes;
  private final Executor handlers;
  private final ServerSocketChannel server;
  private final Selector selector;
  private final InetSocketAddress address;
  private final Thread reactor;
  private final long tickMillis;
  private final Set<Connection> connections = new HashSet<>();
  private final Queue<FrontExchange> completed = new ConcurrentLinkedQueue<>();
  private int serving;
  private int refusedOpen;
  private volatile boolean closing;

  private HttpFront(
      ServerSocketChannel server,
      Selector selector,
      HttpLimits limits,
      int maxBodyBytes,
      List<Route> routes,
      Executor handlers,
      HttpBooks books) {
    this.server = server;
    this.books = books;
    this.selector = selector;
    this.limits = new FrontLimits(limits);
    this.maxConnections = limits.maxConnections();
    this.bodyCap = maxBodyBytes + 1;
    this.lingerNanos = Math.min(LINGER.toNanos(), limits.writeTimeout().toNanos());
    this.routes =
        routes.stream()
            .sorted(Comparator.comparingInt((Route r) -> r.prefix().length()).reversed())
            .toList();
    this.handlers = handlers;
    this.address = (InetSocketAddress) server.socket().getLocalSocketAddress();
    long shortest =
        List.of(
                limits.idleTimeout(),
                limits.headerTimeout(),
                limits.bodyTimeout(),
                limits.writeTimeout(),
                LINGER)
            .stream()
            .min(Comparator.naturalOrder())
            .orElseThrow()
            .toMillis();
    // deadlines are checked every tick: at most a tenth of the shortest timeout late, 1-100 ms
    this.tickMillis = Math.max(1, Math.min(100, shortest / 10));
    this.reactor = new Thread(this::run, "spillway-http-reactor-" + address.getPort());
    // not a daemon, like the JDK server's dispatcher: a server started from main keeps the JVM up
    this.reactor.setDaemon(false);
  }

  /**
   * Listens on {@code address} and starts the reactor.
   *
   * @param maxBodyBytes the largest body a handler may accept: a body is read up to one byte more,
   *     and a longer one is {@linkplain FrontExchange truncated} there (its connection closes after
   *     the response)
   * @param books where the front keeps its books (so that a handler can show them)
   * @throws IOException when the address cannot be bound
   */
  public static HttpFront start(
      InetSocketAddress address,
      int backlog,
      HttpLimits limits,
      int maxBodyBytes,
      List<Route> routes,
      Executor handlers,
      HttpBooks books)
      throws IOException {
    ServerSocketChannel server = ServerSocketChannel.open();
    Selector selector = null;
    try {
      server.bind(address, backlog);
      server.configureBlocking(false);
      selector = Selector.open();
      server.register(selector, SelectionKey.OP_ACCEPT);
      HttpFront front =
          new HttpFront(server, selector, limits, maxBodyBytes, routes, handlers, books);
      front.reactor.start();
      return front;
    } catch (IOException | RuntimeException e) {
      server.close();
      if (selector != null) {
        selector.close();
      }
      throw e;
    }
  }

  /** The address listened on. */
  public InetSocketAddress address() {
    return address;
  }

  /** The front's books: connections and responses. */
  public HttpBooks books() {
    return books;
  }

  boolean closing() {
    return closing;
  }

  /**
   * Stops: no more connections are accepted, every open one is closed (a handler still running
   * finishes, but its response is dropped). Waits up to 5 s for the reactor thread to end.
   */
  @Override
  public void close() {
    if (closing) {
      return;
    }
    closing = true;
    selector.wakeup();
    if (Thread.currentThread() != reactor) {
      try {
        reactor.join(CLOSE_WAIT.toMillis());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }

  private void run() {
    long lastSweep = System.nanoTime();
    try {
      while (!closing) {
        selector.select(tickMillis);
        long now = System.nanoTime();
        for (FrontExchange done; (done = completed.poll()) != null; ) {
          respond(done, now);
        }
        Iterator<SelectionKey> keys = selector.selectedKeys().iterator();
        while (keys.hasNext()) {
          SelectionKey key = keys.next();
          keys.remove();
          if (key.channel() == server) {
            accept(now);
          } else {
            ready(key, now);
          }
        }
        if (now - lastSweep >= TimeUnit.MILLISECONDS.toNanos(tickMillis)) {
          sweep(now);
          lastSweep = now;
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("the HTTP front's reactor failed", e);
    } finally {
      for (Connection c : new ArrayList<>(connections)) {
        c.close();
      }
      try {
        selector.close();
      } catch (IOException e) {
        // closing anyway
      }
      try {
        server.close();
      } catch (IOException e) {
        // closing anyway
      }
    }
  }

  private void accept(long now) throws IOException {
    for (int i = 0; i < ACCEPTS_PER_TURN; i++) {
      SocketChannel channel = server.accept();
      if (channel == null) {
        return;
      }
      books.onAccepted();
      boolean refused = serving >= maxConnections;
      Connection c = new Connection(this, channel, refused);
      try {
        channel.configureBlocking(false);
        channel.setOption(StandardSocketOptions.TCP_NODELAY, true);
        c.key = channel.register(selector, 0, c);
      } catch (IOException e) {
        channel.close();
        books.onClosed();
        continue;
      }
      connections.add(c);
      if (refused) {
        books.onRefused();
        refusedOpen++;
      } else {
        serving++;
      }
      try {
        if (!refused) {
          c.open(now);
        } else if (refusedOpen > maxConnections) {
          c.close(); // even the refusals are too many: no answer, no lingering
        } else {
          c.refuse(
              503,
              "too many connections: the server serves at most "
                  + maxConnections
                  + " at once; retry later",
              now);
        }
      } catch (IOException | RuntimeException e) {
        c.close();
      }
    }
  }

  private void ready(SelectionKey key, long now) {
    Connection c = (Connection) key.attachment();
    try {
      if (key.isValid() && key.isWritable()) {
        c.writable(now);
      }
      if (key.isValid() && key.isReadable()) {
        c.readable(now);
      }
    } catch (IOException | RuntimeException e) {
      c.close(); // a reset, or a bug in one connection's handling: it must not stop the others
    }
  }

  private void sweep(long now) {
    for (Connection c : new ArrayList<>(connections)) {
      if (c.hasDeadline() && now - c.deadline() >= 0) {
        try {
          c.expire(now);
        } catch (IOException | RuntimeException e) {
          c.close();
        }
      }
    }
  }

  /** Hands a complete request to its handler. */
  void dispatch(Connection c, RequestHead head, byte[] body, boolean truncated) throws IOException {
    books.onRequest();
    FrontExchange exchange =
        new FrontExchange(
            head,
            body,
            truncated,
            address,
            remote(c),
            done -> {
              completed.add(done);
              selector.wakeup();
            });
    exchange.setAttribute(Connection.class.getName(), c);
    Route route = route(head.rawPath());
    if (route == null) {
      exchange.sendResponseHeaders(404, -1);
      exchange.close();
    } else if (route.inline()) {
      handle(route.handler(), exchange);
    } else {
      try {
        handlers.execute(() -> handle(route.handler(), exchange));
      } catch (RejectedExecutionException e) {
        c.refuse(503, "the server is shutting down", System.nanoTime());
      }
    }
  }

  private static void handle(HttpHandler handler, FrontExchange exchange) {
    try {
      handler.handle(exchange);
    } catch (Throwable t) {
      exchange.fail(t);
      if (t instanceof Error e && !(t instanceof AssertionError)) {
        throw e;
      }
    } finally {
      exchange.close();
    }
  }

  private void respond(FrontExchange done, long now) {
    Connection c = (Connection) done.getAttribute(Connection.class.getName());
    if (c.state != Connection.State.HANDLER) {
      return; // closed meanwhile
    }
    try {
      c.respond(done.rendered(), done.status(), done.closeAfter(), now);
    } catch (IOException | RuntimeException e) {
      c.close();
    }
  }

  private Route route(String rawPath) {
    for (Route r : routes) {
      if (rawPath.startsWith(r.prefix())) {
        return r;
      }
    }
    return null;
  }

  private static InetSocketAddress remote(Connection c) {
    try {
      return (InetSocketAddress) c.channel.getRemoteAddress();
    } catch (IOException e) {
      return null;
    }
  }

  /** Called by a connection when it closes. */
  void closed(Connection c) {
    if (connections.remove(c)) {
      books.onClosed();
      if (c.refused) {
        refusedOpen--;
      } else {
        serving--;
      }
    }
  }
}
