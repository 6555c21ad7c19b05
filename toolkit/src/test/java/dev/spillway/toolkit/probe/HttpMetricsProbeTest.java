package dev.spillway.toolkit.probe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.assertj.core.api.AbstractThrowableAssert;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** Reads from a real JDK {@link HttpServer} on loopback, one per test. */
class HttpMetricsProbeTest {

  private static final String EXPOSITION =
      "# HELP spillway_queue_depth Messages waiting in a design's queue.\n"
          + "# TYPE spillway_queue_depth gauge\n"
          + "spillway_queue_depth{design=\"singleton\"} 1234 1712345678901\n"
          + "spillway_queue_depth{design=\"bounded\"} 100\n"
          + "spillway_queue_depth{design=\"partitioned\",partition=\"0\"} 7\n"
          + "# TYPE spillway_rejected_total counter\n"
          + "spillway_rejected_total{design=\"bounded\"} 42\n";

  private final CountDownLatch release = new CountDownLatch(1);
  private final List<HttpMetricsProbe> probes = new ArrayList<>();
  private final AtomicReference<String> acceptHeader = new AtomicReference<>();
  private HttpServer server;
  private ExecutorService serverThreads;
  private String base;

  @BeforeEach
  void startServer() throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 64);
    serverThreads = Executors.newCachedThreadPool();
    server.setExecutor(serverThreads);
    server.start();
    base = "http://127.0.0.1:" + server.getAddress().getPort();
  }

  @AfterEach
  void stopServer() {
    release.countDown();
    probes.forEach(HttpMetricsProbe::close);
    server.stop(0);
    serverThreads.shutdownNow();
  }

  private void serve(String path, int status, String contentType, String body) {
    server.createContext(
        path,
        exchange -> {
          acceptHeader.set(exchange.getRequestHeaders().getFirst("Accept"));
          byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
          exchange.getResponseHeaders().set("Content-Type", contentType);
          exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
          try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
          }
        });
  }

  private void serveHandler(String path, HttpHandler handler) {
    server.createContext(path, handler);
  }

  private void servePrometheus(String body) {
    serve("/metrics", 200, "text/plain; version=0.0.4; charset=utf-8", body);
  }

  private HttpMetricsProbe track(HttpMetricsProbe.Builder builder) {
    HttpMetricsProbe probe = builder.build();
    probes.add(probe);
    return probe;
  }

  private HttpMetricsProbe prometheus(Map<String, String> labels) {
    return track(
        HttpMetricsProbe.prometheus(
            "singleton", base + "/metrics", "spillway_queue_depth", labels));
  }

  /** Asserts a failed read whose message names the probe, the URL, the metric and the reason. */
  private static AbstractThrowableAssert<?, ? extends Throwable> assertReadFails(
      HttpMetricsProbe probe, String reason) {
    return assertThatThrownBy(probe::depth)
        .isInstanceOf(ProbeException.class)
        .hasMessageContaining("HTTP probe '" + probe.name() + "'")
        .hasMessageContaining(probe.url().toString())
        .hasMessageContaining(probe.metric())
        .hasMessageContaining(reason);
  }

  private static void awaitRelease(CountDownLatch latch) {
    try {
      latch.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @Nested
  class Prometheus {

    @Test
    void depth_readsTheSampleWithTheLabels() {
      servePrometheus(EXPOSITION);

      assertThat(prometheus(Map.of("design", "singleton")).depth()).isEqualTo(1234);
      assertThat(prometheus(Map.of("design", "partitioned", "partition", "0")).depth())
          .isEqualTo(7);
      assertThat(acceptHeader.get()).startsWith("text/plain;version=0.0.4");
    }

    @Test
    void depth_canBeReadFromManyThreadsAtOnce() throws Exception {
      servePrometheus(EXPOSITION);
      HttpMetricsProbe probe = prometheus(Map.of("design", "singleton"));
      ExecutorService readers = Executors.newFixedThreadPool(4);
      try {
        List<Future<Long>> reads = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
          reads.add(readers.submit(probe::depth));
        }
        for (Future<Long> read : reads) {
          assertThat(read.get(10, TimeUnit.SECONDS)).isEqualTo(1234);
        }
      } finally {
        readers.shutdownNow();
      }
    }

    @Test
    void depth_readsACounterByItsSampleName() {
      servePrometheus(EXPOSITION);

      HttpMetricsProbe probe =
          track(
              HttpMetricsProbe.prometheus(
                  "rejects",
                  base + "/metrics",
                  "spillway_rejected_total",
                  Map.of("design", "bounded")));

      assertThat(probe.depth()).isEqualTo(42);
    }

    @Test
    void depth_matchesEscapedLabelValues() {
      servePrometheus(
          "spillway_queue_depth{design=\"say \\\"hi\\\"\",path=\"C:\\\\q\\nx\"} 5\n"
              + "spillway_queue_depth{design=\"say hi\",path=\"C:\\\\q\\nx\"} 6\n");

      HttpMetricsProbe probe = prometheus(Map.of("design", "say \"hi\"", "path", "C:\\q\nx"));

      assertThat(probe.depth()).isEqualTo(5);
      assertThat(probe.metric())
          .isEqualTo("spillway_queue_depth{design=\"say \\\"hi\\\"\",path=\"C:\\\\q\\nx\"}");
    }

    @Test
    void depth_readsAFreshValueAtEachCall() {
      AtomicReference<String> value = new AtomicReference<>("1");
      serveHandler(
          "/metrics",
          exchange -> {
            byte[] body =
                ("spillway_queue_depth{design=\"singleton\"} " + value.get() + "\n")
                    .getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
              out.write(body);
            }
          });
      HttpMetricsProbe probe = prometheus(Map.of("design", "singleton"));

      assertThat(probe.depth()).isEqualTo(1);
      value.set("2.0");
      assertThat(probe.depth()).isEqualTo(2);
    }

    @Test
    void depth_whenTheMetricIsMissing_saysHowManySamplesAndWhichMetricsWereThere() {
      servePrometheus("process_uptime_seconds 12\njvm_threads 30\njvm_threads{state=\"x\"} 2\n");

      assertReadFails(
          prometheus(Map.of("design", "singleton")),
          "metric not found among 3 samples of 2 metrics: process_uptime_seconds, jvm_threads");
    }

    @Test
    void depth_whenNoSampleHasTheLabels_listsTheLabelSetsPresent() {
      servePrometheus(EXPOSITION);

      assertReadFails(prometheus(Map.of("design", "sentinel")), "no sample with exactly the labels")
          .hasMessageContaining("{design=\"singleton\"}, {design=\"bounded\"}");
    }

    @Test
    void depth_whenTheValueIsNotNumeric_throws() {
      servePrometheus("spillway_queue_depth{design=\"singleton\"} NaN\n");

      assertReadFails(
          prometheus(Map.of("design", "singleton")), "value NaN is not a finite number");
    }

    @Test
    void depth_whenTheValueIsNegative_throws() {
      servePrometheus("spillway_queue_depth{design=\"singleton\"} -3\n");

      assertReadFails(prometheus(Map.of("design", "singleton")), "value -3.0 is negative");
    }

    @Test
    void depth_whenTheBodyIsMalformed_namesTheLine() {
      servePrometheus("ok 1\nspillway_queue_depth{design=\"singleton\" 1\n");

      assertReadFails(
          prometheus(Map.of("design", "singleton")), "malformed Prometheus text at line 2");
    }
  }

  @Nested
  class Json {

    private static final String DOC =
        "{\"queues\": {\"singleton\": {\"depth\": 321, \"state\": \"busy\"}}}";

    private HttpMetricsProbe json(String pointer) {
      return track(HttpMetricsProbe.json("singleton", base + "/status", pointer));
    }

    @Test
    void depth_readsTheNumberThePointerSelects() {
      serve("/status", 200, "application/json", DOC);

      HttpMetricsProbe probe = json("/queues/singleton/depth");

      assertThat(probe.depth()).isEqualTo(321);
      assertThat(acceptHeader.get()).isEqualTo("application/json");
      assertThat(probe.metric()).isEqualTo("JSON pointer '/queues/singleton/depth'");
    }

    @Test
    void depth_whenThePointerMatchesNothing_throws() {
      serve("/status", 200, "application/json", DOC);

      assertReadFails(json("/queues/bounded/depth"), "the pointer matches nothing")
          .hasMessageContaining("'/queues' is an object with the fields singleton");
    }

    @Test
    void depth_whenTheValueIsNotNumeric_throws() {
      serve("/status", 200, "application/json", DOC);

      assertReadFails(json("/queues/singleton/state"), "value \"busy\" is a string, not a number");
    }

    @Test
    void depth_whenTheBodyIsNotJson_throws() {
      serve("/status", 200, "text/html", "<html>oops</html>");

      assertReadFails(json("/queues/singleton/depth"), "the body is not valid JSON");
    }
  }

  @Nested
  class Transport {

    @Test
    void depth_whenTheEndpointIsDown_saysConnectionFailed() throws IOException {
      // a port that was just listening and is closed now: connections to it are refused. (A
      // JDK HttpServer stopped without being started keeps listening: its channel is closed
      // only when its selector runs, so a plain socket is used here.)
      int port;
      try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
        port = socket.getLocalPort();
      }
      HttpMetricsProbe probe =
          track(
              HttpMetricsProbe.prometheus(
                      "down",
                      "http://127.0.0.1:" + port + "/metrics",
                      "spillway_queue_depth",
                      Map.of())
                  .connectTimeout(Duration.ofMillis(500))
                  .readTimeout(Duration.ofMillis(500)));

      assertReadFails(probe, "endpoint down: could not connect to 127.0.0.1:" + port);
    }

    @Test
    void depth_whenTheServerSendsNothing_timesOutAfterTheReadTimeout() {
      serveHandler("/metrics", exchange -> awaitRelease(release));
      HttpMetricsProbe probe =
          track(
              HttpMetricsProbe.prometheus(
                      "slow", base + "/metrics", "spillway_queue_depth", Map.of())
                  .connectTimeout(200, TimeUnit.MILLISECONDS)
                  .readTimeout(Duration.ofMillis(200)));

      long start = System.nanoTime();
      assertReadFails(
          probe, "timed out: no complete response within 400 ms (connect timeout 200 ms + read");
      long elapsedMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);

      // it cannot give up before its deadline; the upper side is only a guard against hanging
      assertThat(elapsedMillis).isBetween(400L, 10_000L);
    }

    @Test
    void depth_whenInterruptedWhileWaiting_throwsAndKeepsTheInterruptFlag() {
      serveHandler("/metrics", exchange -> awaitRelease(release));
      HttpMetricsProbe probe = prometheus(Map.of());

      Thread.currentThread().interrupt();
      try {
        assertReadFails(probe, "interrupted while waiting for the response");
        assertThat(Thread.currentThread().isInterrupted()).isTrue();
      } finally {
        Thread.interrupted(); // leave the test thread clean
      }
    }

    @Test
    void depth_whenTheBodyStallsAfterTheHeaders_timesOut() {
      serveHandler(
          "/metrics",
          exchange -> {
            exchange.sendResponseHeaders(200, 0);
            OutputStream out = exchange.getResponseBody();
            out.write("spillway_queue_depth 1".getBytes(StandardCharsets.UTF_8));
            out.flush();
            awaitRelease(release);
            exchange.close();
          });
      HttpMetricsProbe probe =
          track(
              HttpMetricsProbe.prometheus(
                      "stall", base + "/metrics", "spillway_queue_depth", Map.of())
                  .connectTimeout(Duration.ofMillis(200))
                  .readTimeout(Duration.ofMillis(200)));

      assertReadFails(probe, "timed out: no complete response within 400 ms");
    }

    @Test
    void depth_whenContentLengthExceedsTheLimit_failsBeforeReading() {
      servePrometheus(EXPOSITION + "#" + "x".repeat(2_000) + "\n");
      HttpMetricsProbe probe =
          track(
              HttpMetricsProbe.prometheus(
                      "big", base + "/metrics", "spillway_queue_depth", Map.of())
                  .maxBodyBytes(1_000));

      assertReadFails(probe, "bytes (Content-Length) exceeds the limit of 1000 bytes");
    }

    @Test
    void depth_whenAnEndlessChunkedBodyExceedsTheLimit_stopsReadingAtTheLimit() {
      serveHandler(
          "/metrics",
          exchange -> {
            exchange.sendResponseHeaders(200, 0); // chunked: no length announced
            byte[] chunk = "# filler line of an endless exposition\n".repeat(100).getBytes();
            try (OutputStream out = exchange.getResponseBody()) {
              while (release.getCount() > 0) {
                out.write(chunk);
                out.flush();
              }
            } catch (IOException clientHungUp) {
              // expected: the probe stops reading at its limit
            }
          });
      HttpMetricsProbe probe =
          track(
              HttpMetricsProbe.prometheus(
                      "endless", base + "/metrics", "spillway_queue_depth", Map.of())
                  .maxBodyBytes(64 * 1024));

      assertReadFails(probe, "the response body exceeds the limit of 65536 bytes");
    }

    @Test
    void depth_whenTheStatusIsNot2xx_quotesStatusAndBody() {
      serve("/metrics", 503, "text/plain", "overloaded,\n  try later");

      assertReadFails(
          prometheus(Map.of("design", "singleton")),
          "HTTP status 503, expected 2xx; the body starts with: 'overloaded, try later'");
    }

    @Test
    void depth_whenTheStatusIsNot2xx_quotesOnlyTheStartOfALongBody() {
      serve("/metrics", 500, "text/plain", "e".repeat(10_000));

      assertReadFails(prometheus(Map.of()), "HTTP status 500")
          .hasMessageEndingWith("'" + "e".repeat(MetricsFetcher.ERROR_SNIPPET_BYTES) + "...'");
    }

    @Test
    void depth_whenTheBodyOfAnErrorHoldsControlCharacters_quotesThemEscapedOnOneLine() {
      serve("/metrics", 500, "text/plain", "bad\u0000\u001b[31mred\r\nnext");

      assertReadFails(prometheus(Map.of()), "HTTP status 500")
          .hasMessageEndingWith("'bad\\u0000\\u001b[31mred next'")
          .satisfies(e -> assertThat(e.getMessage()).doesNotContainPattern("\\p{Cntrl}"));
    }

    @Test
    void depth_whenTheAnswerIsNotHttp_namesTheBytesEscapedOnOneLine() throws IOException {
      try (RawEndpoint endpoint =
          new RawEndpoint(new byte[] {0, 'g', 'a', 'r', 'b', 7, '\r', '\n'})) {
        HttpMetricsProbe probe = endpoint.probe();

        assertReadFails(
                probe,
                "I/O error: java.net.ProtocolException: Invalid status line: \"\\u0000garb\\u0007\"")
            .satisfies(e -> assertThat(e.getMessage()).doesNotContainPattern("\\p{Cntrl}"));
      }
    }

    @Test
    void depth_whenTheServerClosesWithoutAnswering_saysSo() throws IOException {
      try (RawEndpoint endpoint = new RawEndpoint(new byte[0])) {
        HttpMetricsProbe probe = endpoint.probe();

        assertReadFails(
            probe, "I/O error: java.io.IOException: HTTP/1.1 header parser received no bytes");
      }
    }

    /**
     * A loopback server that answers each request with the same raw bytes and closes the
     * connection: what a crashed or confused endpoint sends, which no {@link HttpServer} would.
     */
    private final class RawEndpoint implements AutoCloseable {
      private final ServerSocket socket;
      private final Thread acceptor;

      RawEndpoint(byte[] answer) throws IOException {
        socket = new ServerSocket(0, 16, InetAddress.getLoopbackAddress());
        acceptor =
            new Thread(
                () -> {
                  while (!socket.isClosed()) {
                    try (Socket client = socket.accept()) {
                      readHead(client.getInputStream());
                      client.getOutputStream().write(answer);
                      client.getOutputStream().flush();
                    } catch (IOException closed) {
                      // the test is over, or the client gave up
                    }
                  }
                },
                "raw-endpoint");
        acceptor.setDaemon(true);
        acceptor.start();
      }

      HttpMetricsProbe probe() {
        return track(
            HttpMetricsProbe.prometheus(
                    "raw",
                    "http://127.0.0.1:" + socket.getLocalPort() + "/metrics",
                    "spillway_queue_depth",
                    Map.of())
                .connectTimeout(Duration.ofSeconds(2))
                .readTimeout(Duration.ofSeconds(2)));
      }

      private void readHead(InputStream in) throws IOException {
        int matched = 0; // of CR LF CR LF
        while (matched < 4) {
          int b = in.read();
          if (b < 0) {
            return;
          }
          matched = b == (matched % 2 == 0 ? '\r' : '\n') ? matched + 1 : b == '\r' ? 1 : 0;
        }
      }

      @Override
      public void close() throws IOException {
        socket.close();
        try {
          acceptor.join(2_000);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      }
    }

    @Test
    void depth_whenThePathIsUnknown_reports404() {
      HttpMetricsProbe probe =
          track(
              HttpMetricsProbe.prometheus(
                  "singleton", base + "/nope", "spillway_queue_depth", Map.of()));

      assertReadFails(probe, "HTTP status 404");
    }

    @Test
    void workerThreads_areNamedDaemonsAndEndAtClose() {
      servePrometheus(EXPOSITION);
      HttpMetricsProbe probe =
          track(
              HttpMetricsProbe.prometheus(
                  "threads-test",
                  base + "/metrics",
                  "spillway_queue_depth",
                  Map.of("design", "bounded")));

      assertThat(probe.depth()).isEqualTo(100);
      assertThat(probeThreads()).isNotEmpty().allMatch(Thread::isDaemon);

      probe.close();

      await().atMost(Duration.ofSeconds(5)).until(() -> probeThreads().isEmpty());
      assertReadFails(probe, "the probe is closed");
    }

    @Test
    void sharedClient_carriesEveryReadOfEveryProbe_andOutlivesAClosedProbe() {
      servePrometheus(EXPOSITION);
      CountingHttpClient shared = new CountingHttpClient(HttpClient.newHttpClient());
      HttpMetricsProbe bounded =
          track(
              HttpMetricsProbe.prometheus(
                      "threads-test",
                      base + "/metrics",
                      "spillway_queue_depth",
                      Map.of("design", "bounded"))
                  .client(shared));
      HttpMetricsProbe singleton =
          track(
              HttpMetricsProbe.prometheus(
                      "threads-test",
                      base + "/metrics",
                      "spillway_queue_depth",
                      Map.of("design", "singleton"))
                  .client(shared));

      assertThat(bounded.depth()).isEqualTo(100);
      assertThat(singleton.depth()).isEqualTo(1234);
      assertThat(shared.sends()).isEqualTo(2);
      assertThat(probeThreads()).isEmpty(); // no client, no threads of their own

      bounded.close();

      assertReadFails(bounded, "the probe is closed");
      assertThat(singleton.depth()).isEqualTo(1234);
      assertThat(shared.sends()).isEqualTo(3);
    }

    private List<Thread> probeThreads() {
      List<Thread> threads = new ArrayList<>();
      for (Thread thread : Thread.getAllStackTraces().keySet()) {
        if (thread.getName().startsWith("spillway-http-probe-threads-test-") && thread.isAlive()) {
          threads.add(thread);
        }
      }
      return threads;
    }
  }
}
