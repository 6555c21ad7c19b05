package dev.spillway.gatling;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.awaitility.Awaitility.await;

import com.sun.net.httpserver.HttpServer;
import dev.spillway.toolkit.ledger.SettledBooks;
import dev.spillway.toolkit.ledger.Settlement;
import dev.spillway.toolkit.probe.CountingHttpClient;
import dev.spillway.toolkit.probe.ProbeException;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The watching half against a tiny metrics endpoint on loopback: no load, no flood. */
class WatcherTest {

  static final WatchedQueue ORDERS =
      WatchedQueue.of("orders", Metric.prometheus("depth", Map.of("queue", "orders")))
          .withBooks(
              BookCounters.prometheus("messages_total", Map.of("queue", "orders"), "outcome")
                  .withInFlight(Metric.prometheus("in_flight", Map.of("queue", "orders"))));

  private final AtomicReference<String> body = new AtomicReference<>();
  private final AtomicInteger requests = new AtomicInteger();
  private HttpServer server;

  private String serve(int status) throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext(
        "/metrics",
        exchange -> {
          requests.incrementAndGet();
          byte[] bytes = body.get().getBytes(StandardCharsets.UTF_8);
          exchange.sendResponseHeaders(status, bytes.length);
          exchange.getResponseBody().write(bytes);
          exchange.close();
        });
    server.start();
    return "http://127.0.0.1:" + server.getAddress().getPort() + "/metrics";
  }

  @AfterEach
  void stop() {
    if (server != null) {
      server.stop(0);
    }
  }

  static String exposition(long depth, long sent, long processed, long rejected, long inFlight) {
    return "depth{queue=\"orders\"} "
        + depth
        + "\nin_flight{queue=\"orders\"} "
        + inFlight
        + "\nmessages_total{queue=\"orders\",outcome=\"sent\"} "
        + sent
        + "\nmessages_total{queue=\"orders\",outcome=\"processed\"} "
        + processed
        + "\nmessages_total{queue=\"orders\",outcome=\"rejected\"} "
        + rejected
        + "\nmessages_total{queue=\"orders\",outcome=\"dropped\"} 0"
        + "\nmessages_total{queue=\"orders\",outcome=\"failed\"} 0\n";
  }

  @Test
  void theBooks_areTheCountersLessTheirBaseline_andSettleAtRest() throws IOException {
    body.set(exposition(0, 1_000, 990, 10, 0)); // a target that has run before
    String url = serve(200);
    try (Watcher watcher =
        new Watcher("t", url, List.of(ORDERS), Duration.ofMillis(20), Duration.ofSeconds(2))) {
      watcher.start();
      body.set(exposition(0, 1_500, 1_460, 40, 0));
      SettledBooks books = watcher.settle(Duration.ofSeconds(5)).get("orders");
      watcher.stop();

      assertThat(books.settlement()).isEqualTo(Settlement.AT_REST);
      assertThat(books.books().sent()).isEqualTo(500);
      assertThat(books.books().processed()).isEqualTo(470);
      assertThat(books.books().rejected()).isEqualTo(30);
      assertThat(books.books().unaccounted()).isZero();
    }
  }

  @Test
  void aBacklogThatOutlastsTheSettleTime_isStillDraining() throws IOException {
    body.set(exposition(0, 0, 0, 0, 0));
    String url = serve(200);
    try (Watcher watcher =
        new Watcher("t", url, List.of(ORDERS), Duration.ofMillis(20), Duration.ofSeconds(2))) {
      watcher.start();
      body.set(exposition(7, 10, 2, 0, 1));
      SettledBooks books = watcher.settle(Duration.ofMillis(200)).get("orders");
      watcher.stop();

      assertThat(books.settlement()).isEqualTo(Settlement.STILL_DRAINING);
      assertThat(books.books().queued()).isEqualTo(7);
      assertThat(books.books().inFlight()).isEqualTo(1);
      assertThat(books.provenLost()).isZero();
    }
  }

  @Test
  void everyMetricOfEveryQueue_isReadThroughTheOneSharedClient() throws IOException {
    body.set(exposition(0, 0, 0, 0, 0));
    String url = serve(200);
    WatchedQueue growth =
        ORDERS.withHighWaterMark(Metric.prometheus("depth", Map.of("queue", "orders")));
    CountingHttpClient shared = new CountingHttpClient(HttpClient.newHttpClient());
    try (Watcher watcher =
        new Watcher(
            "t",
            url,
            List.of(growth.checkingGrowthAgainstRates()),
            Duration.ofMillis(5),
            Duration.ofSeconds(2),
            shared,
            null)) {
      watcher.start();
      watcher.settle(Duration.ofSeconds(5));
      watcher.exactHighWaterMark("orders");
      watcher.stop();
    }

    // depth, six counters and the high-water mark, read at the start, while sampling and settling
    assertThat(requests.get()).isGreaterThanOrEqualTo(8).isEqualTo(shared.sends());
  }

  @Test
  void aPollerOwnsOneClient_whoseThreadsEndWhenItCloses() throws IOException {
    body.set(exposition(0, 0, 0, 0, 0));
    String url = serve(200);
    try (Watcher watcher =
        new Watcher(
            "one-client", url, List.of(ORDERS), Duration.ofMillis(5), Duration.ofSeconds(2))) {
      watcher.start();
      watcher.settle(Duration.ofSeconds(5));

      assertThat(threadsNamed("spillway-poller-one-client-"))
          .isNotEmpty()
          .allMatch(Thread::isDaemon);
      assertThat(threadsNamed("spillway-http-probe-orders")).isEmpty(); // no client per metric
      watcher.stop();
    }
    await()
        .atMost(Duration.ofSeconds(5))
        .until(() -> threadsNamed("spillway-poller-one-client-").isEmpty());
  }

  private static List<Thread> threadsNamed(String prefix) {
    return Thread.getAllStackTraces().keySet().stream()
        .filter(t -> t.isAlive() && t.getName().startsWith(prefix))
        .toList();
  }

  @Test
  void aTargetThatIsNotRunning_isOneLine() throws IOException {
    int port;
    try (ServerSocket closed = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      port = closed.getLocalPort();
    }
    String url = "http://127.0.0.1:" + port + "/metrics";
    assertThat(startFailure(url, Duration.ofSeconds(2)))
        .startsWith("spillway: the target does not answer at " + url + " (is it running?): ")
        .contains("endpoint down")
        .doesNotContain("\n");
  }

  @Test
  void aTargetThatNeverAnswers_isOneLine() throws IOException {
    try (ServerSocket silent = new ServerSocket(0, 10, InetAddress.getLoopbackAddress())) {
      String url = "http://127.0.0.1:" + silent.getLocalPort() + "/metrics";
      assertThat(startFailure(url, Duration.ofMillis(200)))
          .startsWith("spillway: the target does not answer at " + url)
          .contains("timed out")
          .doesNotContain("\n");
    }
  }

  @Test
  void somethingElseOnThePort_isOneLine() throws IOException {
    body.set("not found");
    String url = serve(404);
    assertThat(startFailure(url, Duration.ofSeconds(2)))
        .contains("HTTP status 404")
        .doesNotContain("\n");
  }

  private static String startFailure(String url, Duration readTimeout) {
    try (Watcher watcher =
        new Watcher("t", url, List.of(ORDERS), Duration.ofMillis(20), readTimeout)) {
      ProbeException e = catchThrowableOfType(ProbeException.class, watcher::start);
      assertThat(e).isNotNull();
      return Spillway.notAnswering(url, e);
    }
  }
}
