package dev.spillway.samples;

import static dev.spillway.samples.Soon.soon;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.spillway.toolkit.ledger.LedgerSnapshot;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The HTTP downstream against a real JDK HttpServer on loopback: what is processed, what failed.
 */
class HttpDownstreamTest {

  /** What the test server received. */
  record Received(String path, String key, String id, String contentType, String body) {}

  private final List<Received> received = new CopyOnWriteArrayList<>();
  private final CountDownLatch release = new CountDownLatch(1);
  private HttpServer server;
  private ExecutorService executor;

  @BeforeEach
  void startServer() throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 64);
    executor = Executors.newCachedThreadPool();
    server.setExecutor(executor);
    server.createContext("/ok", exchange -> answer(exchange, 202));
    server.createContext("/no-content", exchange -> answer(exchange, 204));
    server.createContext("/broken", exchange -> answer(exchange, 500));
    server.createContext("/moved", exchange -> answer(exchange, 302));
    server.createContext(
        "/hangs",
        exchange -> {
          record(exchange);
          try {
            release.await(); // never answers while the test runs
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          }
          exchange.close();
        });
    server.createContext(
        "/stalls-body",
        exchange -> {
          record(exchange);
          exchange.sendResponseHeaders(200, 0); // chunked: the status arrives at once
          exchange.getResponseBody().write('{');
          exchange.getResponseBody().flush();
          try {
            release.await(); // the rest of the body never comes while the test runs
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          }
          exchange.close();
        });
    server.start();
  }

  @AfterEach
  void stopServer() {
    release.countDown();
    server.stop(0);
    executor.shutdownNow();
  }

  private void answer(HttpExchange exchange, int status) throws IOException {
    try (exchange) {
      record(exchange);
      exchange.sendResponseHeaders(status, -1);
    }
  }

  private void record(HttpExchange exchange) throws IOException {
    String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
    received.add(
        new Received(
            exchange.getRequestURI().getPath(),
            exchange.getRequestHeaders().getFirst("X-Event-Key"),
            exchange.getRequestHeaders().getFirst("X-Event-Id"),
            exchange.getRequestHeaders().getFirst("Content-Type"),
            body));
  }

  private URI url(String path) {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + path);
  }

  @Test
  void a2xxAnswer_isProcessed_andTheEventIsPostedWithItsKeyAndId() {
    try (EventTracker singleton =
        Designs.singleton(Downstream.http(url("/ok"), Duration.ofSeconds(5)))) {
      singleton.track("user-42", "clicked");
      singleton.track("user-7", "");
      soon().until(() -> singleton.books().processed() == 2);
      LedgerSnapshot books = singleton.close(Duration.ofSeconds(10)).books();
      assertThat(books.failed()).isZero();
      assertThat(books.isBalanced()).as(books.describe()).isTrue();
    }
    assertThat(received)
        .containsExactly(
            new Received("/ok", "user-42", "1", "text/plain; charset=utf-8", "clicked"),
            new Received("/ok", "user-7", "2", "text/plain; charset=utf-8", ""));
  }

  @Test
  void a204Answer_isProcessedToo() throws Exception {
    Downstream http = Downstream.http(url("/no-content"), Duration.ofSeconds(5));
    http.handle(new Event(1, "k", "p", System.nanoTime()));
    assertThat(received).hasSize(1);
  }

  @Test
  void a500Answer_isFailed_withTheStatusInTheError() {
    Downstream http = Downstream.http(url("/broken"), Duration.ofSeconds(5));
    assertThatThrownBy(() -> http.handle(new Event(1, "k", "p", System.nanoTime())))
        .isInstanceOf(IOException.class)
        .hasMessage("downstream POST " + url("/broken") + " answered 500");
    try (EventTracker singleton = Designs.singleton(http)) {
      singleton.track("k", "");
      singleton.track("k", "");
      soon().until(() -> singleton.books().failed() == 2);
      LedgerSnapshot books = singleton.close(Duration.ofSeconds(10)).books();
      assertThat(books.processed()).isZero();
      assertThat(books.isBalanced()).as(books.describe()).isTrue();
    }
  }

  @Test
  void aRedirect_isNotFollowed_andFails() {
    Downstream http = Downstream.http(url("/moved"), Duration.ofSeconds(5));
    assertThatThrownBy(() -> http.handle(new Event(1, "k", "p", System.nanoTime())))
        .isInstanceOf(IOException.class)
        .hasMessageEndingWith("answered 302");
  }

  @Test
  void aRefusedConnection_isFailed() throws Exception {
    int freePort;
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      freePort = socket.getLocalPort();
    } // closed: nobody listens there now
    Downstream http =
        Downstream.http(URI.create("http://127.0.0.1:" + freePort + "/"), Duration.ofSeconds(5));
    assertThatThrownBy(() -> http.handle(new Event(1, "k", "p", System.nanoTime())))
        .isInstanceOf(IOException.class);
    try (EventTracker singleton = Designs.singleton(http)) {
      singleton.track("k", "");
      soon().until(() -> singleton.books().failed() == 1);
      assertThat(singleton.close(Duration.ofSeconds(10)).books().isBalanced()).isTrue();
    }
  }

  @Test
  void anAnswerLaterThanTheTimeout_isFailed() {
    Downstream http = Downstream.http(url("/hangs"), Duration.ofMillis(200));
    assertThatThrownBy(() -> http.handle(new Event(1, "k", "p", System.nanoTime())))
        .isInstanceOf(HttpTimeoutException.class);
    try (EventTracker singleton = Designs.singleton(http)) {
      singleton.track("k", "");
      soon().until(() -> singleton.books().failed() == 1);
      LedgerSnapshot books = singleton.close(Duration.ofSeconds(10)).books();
      assertThat(books.processed()).isZero();
      assertThat(books.isBalanced()).as(books.describe()).isTrue();
    }
  }

  @Test
  void aBodyThatStallsAfterTheStatus_isFailedAtTheTimeout_namingTheUrlAndTheTimeout() {
    // the JDK client's request timeout stops at the response headers; ours covers the whole
    // exchange. The body stalls until the test ends: far longer than the timeout.
    Duration timeout = Duration.ofMillis(300);
    Downstream http = Downstream.http(url("/stalls-body"), timeout);
    long start = System.nanoTime();

    assertThatThrownBy(() -> http.handle(new Event(1, "k", "p", System.nanoTime())))
        .isInstanceOf(HttpTimeoutException.class)
        .hasMessage(
            "downstream POST "
                + url("/stalls-body")
                + " did not answer in full within 300 ms (the whole exchange: connect, status,"
                + " body); the request was cancelled");

    Duration took = Duration.ofNanos(System.nanoTime() - start);
    assertThat(took).isGreaterThanOrEqualTo(timeout).isLessThan(Duration.ofSeconds(5));
  }

  @Test
  void aConsumerWaitingOnTheDownstream_isInterruptedByClose_andItsEventCountedDropped() {
    try (EventTracker singleton =
        Designs.singleton(Downstream.http(url("/hangs"), Duration.ofSeconds(60)))) {
      singleton.track("k", "");
      soon().until(() -> received.size() == 1);
      CloseSummary summary = singleton.close(Duration.ZERO);
      assertThat(summary.dropped()).isEqualTo(1);
      assertThat(summary.books().dropped()).isEqualTo(1);
      assertThat(summary.books().isBalanced()).as(summary.books().describe()).isTrue();
    }
  }

  @Test
  void badUrlsAndTimeouts_areRejected() {
    assertThatThrownBy(
            () -> Downstream.http(URI.create("ftp://127.0.0.1/x"), Duration.ofSeconds(1)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "downstream URL must be an absolute http:// or https:// URL, but was ftp://127.0.0.1/x");
    assertThatThrownBy(() -> Downstream.http(URI.create("/relative"), Duration.ofSeconds(1)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("/relative");
    assertThatThrownBy(() -> Downstream.http(null, Duration.ofSeconds(1)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("downstream URL must not be null");
    assertThatThrownBy(() -> Downstream.http(url("/ok"), Duration.ZERO))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("downstream timeout must be a positive duration, but was PT0S");
    assertThatThrownBy(() -> Downstream.http(url("/ok"), null))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("downstream timeout must not be null");
  }
}
