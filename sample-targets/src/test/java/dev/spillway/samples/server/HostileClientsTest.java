package dev.spillway.samples.server;

import static dev.spillway.samples.Soon.soon;
import static org.assertj.core.api.Assertions.assertThat;

import dev.spillway.samples.EventTracker;
import dev.spillway.samples.server.RawHttp.Response;
import dev.spillway.samples.server.internal.HttpBooks;
import dev.spillway.samples.server.internal.HttpBooks.Timeout;
import dev.spillway.toolkit.ledger.LedgerSnapshot;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The server under hostile clients (stalled bodies, stalled and trickling heads, lying lengths,
 * garbage, malformed requests, many idle connections), beside a well-behaved client and a health
 * probe. {@code /health} must answer every probe within 100 ms (the goal): it is served on
 * the front's reactor thread, which never waits on a client, so the attack cannot starve it by
 * construction. The well-behaved client's events must all be in the design's books, and the front's
 * books must match, status by status, every answer the clients read.
 *
 * <p>Bounded: {@value #PROBES} probes paced {@value #PROBE_EVERY_MS} ms apart, the attackers stop
 * after them, each finishing its round within the server's timeouts. Leaves no thread or socket.
 */
class HostileClientsTest {

  static final int PROBES = 120;
  static final int PROBE_EVERY_MS = 25;
  static final long HEALTH_GOAL_NANOS = Duration.ofMillis(100).toNanos();
  static final int STALLED = 20;
  static final int IDLE = 200;
  static final Duration TIMEOUT = Duration.ofMillis(300);

  @Test
  void healthAnswersWithin100ms_andEveryEventAndAnswerIsInTheBooks_underHostileClients()
      throws Exception {
    Set<Thread> threadsBefore = Thread.getAllStackTraces().keySet();
    long socketsBefore = openSockets();

    SampleTargetServer server =
        SampleTargetServer.start(
            ServerOptions.parse(
                "--port=0",
                "--service-time=1ms",
                "--bound=5",
                "--max-connections=400",
                "--idle-timeout=1s",
                "--header-timeout=" + TIMEOUT.toMillis() + "ms",
                "--body-timeout=" + TIMEOUT.toMillis() + "ms",
                "--write-timeout=1s"));
    URI base = server.baseUrl();
    probeHealth(base, 20); // warm-up: the first requests load classes on both sides; not measured

    WellBehavedClient good = new WellBehavedClient(base, "bounded");
    Thread goodThread = new Thread(good, "well-behaved-client");
    goodThread.start();
    HostileClients hostile = new HostileClients(base).start(STALLED, IDLE);
    // measured once every kind of attack is under way, idle connections cycled once included
    soon()
        .until(
            () ->
                server.http().open() >= 2L * STALLED + IDLE
                    && hostile.rounds().keySet().size() == HostileClients.KINDS);
    long[] health = probeHealth(base, PROBES);
    good.stop();
    hostile.stop();
    goodThread.join(Duration.ofSeconds(10).toMillis());
    boolean attackersEnded = hostile.join(Duration.ofSeconds(10));

    // the goal: every probe within 100 ms, throughout the attack
    long[] sorted = health.clone();
    Arrays.sort(sorted);
    System.out.printf(
        "health under attack: %d probes, p50 %.2f ms, p99 %.2f ms, max %.2f ms;"
            + " attack rounds %s; answers read %s%n",
        sorted.length,
        sorted[sorted.length / 2] / 1e6,
        sorted[(int) (sorted.length * 0.99)] / 1e6,
        sorted[sorted.length - 1] / 1e6,
        hostile.rounds(),
        hostile.answers());
    assertThat(sorted[sorted.length - 1])
        .as("slowest of %d health probes, in ns", PROBES)
        .isLessThanOrEqualTo(HEALTH_GOAL_NANOS);
    assertThat(attackersEnded).as("every attacker finished its round").isTrue();
    assertThat(goodThread.isAlive()).isFalse();
    assertThat(hostile.failures()).isEmpty();
    assertThat(good.failure()).isNull();
    assertThat(hostile.rounds())
        .as("every kind of attack ran during the probes")
        .containsKeys(
            "stalled-body",
            "stalled-head",
            "slowloris",
            "garbage",
            "lying-length",
            "malformed",
            "idle-closed-by-server");

    // the front's books: every connection closed, every answer the clients read, no other
    HttpBooks http = server.http();
    long connects = hostile.connects() + good.connects() + PROBES + 20;
    soon().until(() -> http.accepted() == connects && http.open() == 0);
    Map<Integer, Long> read = new TreeMap<>(hostile.answers());
    read.merge(200, PROBES + 20L, Long::sum);
    good.answers().forEach((status, n) -> read.merge(status, n, Long::sum));
    assertThat(http.responsesByStatus()).isEqualTo(read);
    assertThat(http.timeouts(Timeout.BODY)).isEqualTo(hostile.rounds().get("stalled-body"));
    assertThat(http.timeouts(Timeout.HEADER))
        .isEqualTo(hostile.rounds().get("stalled-head") + hostile.rounds().get("slowloris"));
    assertThat(http.timeouts(Timeout.IDLE))
        .isGreaterThanOrEqualTo(hostile.rounds().get("idle-closed-by-server"));
    assertThat(http.refused()).isZero();

    // the design's books: every event the well-behaved client sent is accounted for
    EventTracker bounded = server.design("bounded");
    LedgerSnapshot books = bounded.close(Duration.ofSeconds(5)).books();
    assertThat(books.sent()).isEqualTo(good.sent());
    assertThat(books.rejected()).isEqualTo(good.answers().getOrDefault(503, 0L));
    assertThat(books.processed() + books.dropped() + books.failed())
        .isEqualTo(good.answers().getOrDefault(202, 0L));
    assertThat(books.queued()).isZero();
    assertThat(books.sent())
        .isEqualTo(books.processed() + books.rejected() + books.dropped() + books.failed());
    assertThat(good.sent()).isEqualTo(good.answers().values().stream().mapToLong(n -> n).sum());
    assertThat(good.answers().keySet()).isSubsetOf(202, 503);
    System.out.println("well-behaved client: " + good.answers() + "; " + books.describe());

    server.designs().values().forEach(d -> d.close(Duration.ZERO));
    server.close();
    soon().until(() -> leftThreads(threadsBefore).isEmpty());
    soon().until(() -> openSockets() <= socketsBefore);
  }

  /** Probes {@code GET /health} on a new connection each time; returns each probe's time. */
  private static long[] probeHealth(URI base, int probes) throws IOException {
    long[] times = new long[probes];
    byte[] request =
        "GET /health HTTP/1.1\r\nConnection: close\r\n\r\n".getBytes(StandardCharsets.US_ASCII);
    for (int i = 0; i < probes; i++) {
      long start = System.nanoTime();
      try (Socket s = RawHttp.connect(base, Duration.ofSeconds(10))) {
        s.getOutputStream().write(request);
        Response r = RawHttp.readOne(s.getInputStream());
        times[i] = System.nanoTime() - start;
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.body()).isEqualTo("ok\n");
      }
      LockSupport.parkNanos(Duration.ofMillis(PROBE_EVERY_MS).toNanos()); // pacing, not waiting
    }
    return times;
  }

  private static Set<String> leftThreads(Set<Thread> before) {
    return Thread.getAllStackTraces().keySet().stream()
        .filter(t -> !before.contains(t))
        .map(Thread::getName)
        .filter(n -> n.startsWith("spillway") || n.startsWith("hostile") || n.startsWith("well"))
        .collect(Collectors.toSet());
  }

  /** Sockets this process holds open: /proc/self/fd on Linux, else all file descriptors. */
  private static long openSockets() throws IOException {
    Path fds = Path.of("/proc/self/fd");
    if (Files.isDirectory(fds)) {
      try (Stream<Path> all = Files.list(fds)) {
        return all.filter(
                p -> {
                  try {
                    return Files.readSymbolicLink(p).toString().startsWith("socket:");
                  } catch (IOException gone) {
                    return false;
                  }
                })
            .count();
      }
    }
    return ((com.sun.management.UnixOperatingSystemMXBean)
            java.lang.management.ManagementFactory.getOperatingSystemMXBean())
        .getOpenFileDescriptorCount();
  }

  /**
   * One keep-alive connection posting events in bursts of 20, each answered before the next is
   * sent; counts every answer by status. A burst outruns the bounded design's consumer, so some
   * events are rejected (503) and must be in the books as rejected.
   */
  static final class WellBehavedClient implements Runnable {
    private final URI base;
    private final String design;
    private final Map<Integer, Long> answers = new HashMap<>();
    private final AtomicLong connects = new AtomicLong();
    private volatile boolean stopping;
    private volatile long sent;
    private volatile String failure;

    WellBehavedClient(URI base, String design) {
      this.base = base;
      this.design = design;
    }

    @Override
    public void run() {
      try (Socket s = RawHttp.connect(base, Duration.ofSeconds(10))) {
        connects.incrementAndGet();
        OutputStream out = s.getOutputStream();
        InputStream in = s.getInputStream();
        long n = 0;
        while (!stopping) {
          for (int i = 0; i < 20; i++) {
            String body = "event-" + n;
            out.write(
                ("POST /designs/"
                        + design
                        + "/events?key=user-"
                        + (n % 7)
                        + " HTTP/1.1\r\n"
                        + "Content-Length: "
                        + body.length()
                        + "\r\n\r\n"
                        + body)
                    .getBytes(StandardCharsets.US_ASCII));
            out.flush();
            n++;
            sent = n;
            Response r = RawHttp.readOne(in);
            synchronized (answers) {
              answers.merge(r.status(), 1L, Long::sum);
            }
          }
          LockSupport.parkNanos(Duration.ofMillis(40).toNanos()); // pacing, not waiting
        }
      } catch (IOException | RuntimeException e) {
        failure = e.toString();
      }
    }

    void stop() {
      stopping = true;
    }

    long sent() {
      return sent;
    }

    long connects() {
      return connects.get();
    }

    String failure() {
      return failure;
    }

    Map<Integer, Long> answers() {
      synchronized (answers) {
        return new TreeMap<>(answers);
      }
    }
  }
}
