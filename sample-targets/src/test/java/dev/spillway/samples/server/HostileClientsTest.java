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
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
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
    int socketsBefore = openTcpSockets().size();

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
    probeHealth(
        base, 20, null); // warm-up: the first requests load classes on both sides; not measured

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
    long[][] health;
    try (SchedulingStalls stalls = SchedulingStalls.start()) {
      health = probeHealth(base, PROBES, stalls);
    }
    good.stop();
    hostile.stop();
    goodThread.join(Duration.ofSeconds(10).toMillis());
    boolean attackersEnded = hostile.join(Duration.ofSeconds(10));

    // the goal: every probe within 100 ms, throughout the attack — beyond which a probe may go
    // only by as long as the machine kept another thread of this JVM, idle and waking every 1 ms,
    // off the CPU during that very probe (seen: 118 ms with the load average above 4 on 2 cores,
    // CI and another build beside). A front blocked by its clients would leave that thread on time
    long[] sorted = Arrays.stream(health).mapToLong(p -> p[0]).sorted().toArray();
    long beyond = Arrays.stream(health).filter(p -> p[0] > HEALTH_GOAL_NANOS).count();
    long longestStall = Arrays.stream(health).mapToLong(p -> p[1]).max().orElse(0);
    System.out.printf(
        "health under attack: %d probes, p50 %.2f ms, p99 %.2f ms, max %.2f ms, %d beyond 100 ms"
            + " (the machine's longest stall during a probe %.2f ms); attack rounds %s; answers"
            + " read %s%n",
        sorted.length,
        sorted[sorted.length / 2] / 1e6,
        sorted[(int) (sorted.length * 0.99)] / 1e6,
        sorted[sorted.length - 1] / 1e6,
        beyond,
        longestStall / 1e6,
        hostile.rounds(),
        hostile.answers());
    for (int i = 0; i < health.length; i++) {
      assertThat(health[i][0])
          .as(
              "health probe %d of %d, in ns (the machine stalled a waking thread %.2f ms meanwhile)",
              i + 1, PROBES, health[i][1] / 1e6)
          .isLessThanOrEqualTo(HEALTH_GOAL_NANOS + health[i][1]);
    }
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
    soon()
        .untilAsserted(
            () ->
                assertThat(openTcpSockets())
                    .as("TCP sockets left")
                    .hasSizeLessThanOrEqualTo(socketsBefore));
  }

  /**
   * Probes {@code GET /health} on a new connection each time; returns each probe's time and, when
   * {@code stalls} watches, the longest the machine stalled a waking thread during it.
   */
  private static long[][] probeHealth(URI base, int probes, SchedulingStalls stalls)
      throws IOException {
    long[][] times = new long[probes][2];
    byte[] request =
        "GET /health HTTP/1.1\r\nConnection: close\r\n\r\n".getBytes(StandardCharsets.US_ASCII);
    for (int i = 0; i < probes; i++) {
      long start = System.nanoTime();
      try (Socket s = RawHttp.connect(base, Duration.ofSeconds(10))) {
        s.getOutputStream().write(request);
        Response r = RawHttp.readOne(s.getInputStream());
        long end = System.nanoTime();
        times[i][0] = end - start;
        times[i][1] = stalls == null ? 0 : stalls.longestWithin(start, end);
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

  /**
   * The TCP sockets this process holds: on Linux, the socket descriptors in /proc/self/fd whose
   * inode /proc/net/tcp or tcp6 lists (the server and every client here speak TCP; a Unix socket
   * that something else in the JVM opened once and keeps is not theirs — seen when this test ran
   * alone); elsewhere every open file descriptor.
   */
  private static List<String> openTcpSockets() throws IOException {
    Path fds = Path.of("/proc/self/fd");
    if (!Files.isDirectory(fds)) {
      long all =
          ((com.sun.management.UnixOperatingSystemMXBean)
                  java.lang.management.ManagementFactory.getOperatingSystemMXBean())
              .getOpenFileDescriptorCount();
      return java.util.Collections.nCopies((int) all, "fd");
    }
    Set<String> inodes = new java.util.HashSet<>();
    try (Stream<Path> all = Files.list(fds)) {
      all.forEach(
          p -> {
            try {
              String target = Files.readSymbolicLink(p).toString();
              if (target.startsWith("socket:[")) {
                inodes.add(target.substring(8, target.length() - 1));
              }
            } catch (IOException gone) {
              // closed meanwhile
            }
          });
    }
    List<String> tcp = new ArrayList<>();
    for (String table : List.of("tcp", "tcp6")) {
      Path file = Path.of("/proc/net", table);
      if (Files.isReadable(file)) {
        for (String line : Files.readAllLines(file)) {
          String[] fields = line.trim().split("\\s+");
          if (fields.length > 9 && inodes.contains(fields[9])) {
            tcp.add(table + " " + fields[1] + " -> " + fields[2] + " state " + fields[3]);
          }
        }
      }
    }
    return tcp;
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
