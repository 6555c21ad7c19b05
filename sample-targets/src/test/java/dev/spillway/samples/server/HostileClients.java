package dev.spillway.samples.server;

import dev.spillway.samples.server.RawHttp.Response;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.LockSupport;

/**
 * Clients that attack the server over raw sockets on 127.0.0.1, each kind on its own threads, in
 * rounds, until {@link #stop()}: a round in progress always finishes (each ends with the server's
 * answer or its close, within the server's timeouts), so after {@link #join} every answer the
 * server wrote has been read and counted here, by status.
 *
 * <p>Kinds: bodies that stall after 3 of 100 declared bytes, heads that stall mid request line,
 * heads that trickle a byte every 20 ms, garbage bytes, a Content-Length shorter than the body (the
 * surplus is a garbage second request), a cycle of malformed requests, and many idle connections
 * (reopened whenever the server closes them).
 */
final class HostileClients {

  private static final Duration PATIENCE = Duration.ofSeconds(10);
  // requests the handlers refuse leave the connection open unless the client closes it
  private static final String CLOSE = "Connection: close\r\n\r\n";
  private static final Duration ROUND_EVERY = Duration.ofMillis(10);
  private static final String[] MALFORMED = {
    "POST /designs/singleton/events?key=%ZZ HTTP/1.1\r\nContent-Length: 0\r\n\r\n",
    "POST /designs/singleton/events?key=% HTTP/1.1\r\nContent-Length: 0\r\n\r\n",
    "POST /designs/singleton/events?key=a HTTP/1.1\r\nContent-Length: -1\r\n\r\n",
    "POST /designs/singleton/events?key=a HTTP/1.1\r\nContent-Length: x\r\n\r\n",
    "POST /designs/singleton/events?key=a&key=b HTTP/1.1\r\nContent-Length: 0\r\n" + CLOSE,
    "POST /designs/singleton/events?key=a%00b HTTP/1.1\r\nContent-Length: 0\r\n" + CLOSE,
    "POST /designs/singleton/events?key=a%0D%0Ab HTTP/1.1\r\nContent-Length: 0\r\n" + CLOSE,
    "GET //singleton//events HTTP/1.1\r\n" + CLOSE,
    "GET /x%0D%0AInjected:%20yes HTTP/1.1\r\n" + CLOSE,
    "GARBAGE\r\n\r\n",
  };

  /** How many kinds of round {@link #rounds()} counts once each kind has completed one. */
  static final int KINDS = 7;

  private final URI base;
  private final List<Thread> threads = new ArrayList<>();
  private final Map<Integer, LongAdder> answers = new ConcurrentHashMap<>();
  private final Map<String, LongAdder> rounds = new ConcurrentHashMap<>();
  private final ConcurrentLinkedQueue<String> failures = new ConcurrentLinkedQueue<>();
  private final AtomicLong connects = new AtomicLong();
  private volatile boolean stopping;

  HostileClients(URI base) {
    this.base = base;
  }

  /** Starts every kind: {@code stalled} of each stalling kind, {@code idle} idle connections. */
  HostileClients start(int stalled, int idle) {
    for (int i = 0; i < stalled; i++) {
      attack("stalled-body", this::stalledBody);
      attack("stalled-head", this::stalledHead);
    }
    for (int i = 0; i < Math.max(1, stalled / 4); i++) {
      attack("slowloris", this::slowloris);
    }
    for (int i = 0; i < Math.max(1, stalled / 10); i++) {
      attack("garbage-" + i, new GarbageRound(i)::run);
      attack("lying-length", this::lyingLength);
      attack("malformed-" + i, new MalformedRound(i)::run);
    }
    Thread idler = new Thread(() -> idle(idle), "hostile-idle");
    threads.add(idler);
    idler.start();
    return this;
  }

  private interface Round {
    void run() throws IOException;
  }

  private void attack(String kind, Round round) {
    Thread t =
        new Thread(
            () -> {
              while (!stopping) {
                try {
                  long start = System.nanoTime();
                  round.run();
                  // at most one round per 10 ms per attacker: hostile, not a CPU flood of the
                  // 2-core machine the probes share (a flood of the CPU is no protocol attack)
                  LockSupport.parkNanos(ROUND_EVERY.toNanos() - (System.nanoTime() - start));
                  rounds
                      .computeIfAbsent(kind.replaceAll("-\\d+$", ""), k -> new LongAdder())
                      .increment();
                } catch (IOException | RuntimeException | AssertionError e) {
                  failures.add(kind + ": " + e);
                  return;
                }
              }
            },
            "hostile-" + kind);
    threads.add(t);
    t.start();
  }

  private Socket connect() throws IOException {
    Socket s = RawHttp.connect(base, PATIENCE);
    connects.incrementAndGet();
    return s;
  }

  /** Sends {@code request} then reads every answer until the server closes, counting them. */
  private List<Response> round(String request) throws IOException {
    return round(request.getBytes(StandardCharsets.ISO_8859_1));
  }

  private List<Response> round(byte[] request) throws IOException {
    try (Socket s = connect()) {
      s.getOutputStream().write(request);
      s.getOutputStream().flush();
      List<Response> all = RawHttp.parseAll(RawHttp.readToEnd(s.getInputStream()));
      all.forEach(r -> count(r.status()));
      return all;
    }
  }

  private void count(int status) {
    answers.computeIfAbsent(status, s -> new LongAdder()).increment();
  }

  private void expect(String kind, List<Response> got, int status, String bodyStart) {
    if (got.size() != 1
        || got.get(0).status() != status
        || !got.get(0).body().startsWith(bodyStart)) {
      failures.add(kind + ": expected one " + status + " '" + bodyStart + "...', got " + got);
    }
  }

  private void stalledBody() throws IOException {
    List<Response> got =
        round("POST /designs/singleton/events?key=s HTTP/1.1\r\nContent-Length: 100\r\n\r\nabc");
    expect("stalled-body", got, 408, "request body not received within");
  }

  private void stalledHead() throws IOException {
    expect("stalled-head", round("POST /designs/singleton/eve"), 408, "request head not received");
  }

  private void slowloris() throws IOException {
    try (Socket s = connect()) {
      OutputStream out = s.getOutputStream();
      out.write("GET /health HTTP/1.1\r\n".getBytes(StandardCharsets.ISO_8859_1));
      try {
        while (s.getInputStream().available() == 0) {
          out.write(
              'X'); // one byte per 20 ms, forever: only a deadline from the first byte ends it
          out.flush();
          LockSupport.parkNanos(Duration.ofMillis(20).toNanos());
        }
      } catch (IOException closedByServer) {
        // the answer is there to read
      }
      List<Response> got = RawHttp.parseAll(RawHttp.readToEnd(s.getInputStream()));
      got.forEach(r -> count(r.status()));
      expect("slowloris", got, 408, "request head not received");
    }
  }

  private void lyingLength() throws IOException {
    List<Response> got =
        round(
            "POST /designs/singleton/events?key=l HTTP/1.1\r\nContent-Length: 3\r\n\r\n"
                + "abcSURPLUS BYTES\r\n\r\n");
    if (got.size() != 2 || got.get(0).status() != 202 || got.get(1).status() != 400) {
      failures.add("lying-length: expected 202 then 400, got " + got);
    }
  }

  private final class GarbageRound {
    private final Random random;

    GarbageRound(int seed) {
      random = new Random(seed);
    }

    void run() throws IOException {
      byte[] garbage = new byte[1 + random.nextInt(300)];
      random.nextBytes(garbage);
      if (garbage[0] == '\r' || garbage[0] == '\n') {
        garbage[0] = '#'; // empty lines before a request are allowed: make it start with garbage
      }
      byte[] request = new byte[garbage.length + 4];
      System.arraycopy(garbage, 0, request, 0, garbage.length);
      System.arraycopy(
          "\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1), 0, request, garbage.length, 4);
      List<Response> got = round(request);
      if (got.size() != 1 || got.get(0).status() < 400 || got.get(0).body().lines().count() != 1) {
        failures.add("garbage: expected one 4xx/5xx line, got " + got);
      }
    }
  }

  private final class MalformedRound {
    private int next;

    MalformedRound(int start) {
      next = start;
    }

    void run() throws IOException {
      List<Response> got = round(MALFORMED[next++ % MALFORMED.length]);
      if (got.size() != 1 || got.get(0).status() < 400 || got.get(0).body().contains("\r")) {
        failures.add("malformed: expected one clean 4xx line, got " + got);
      }
    }
  }

  /** Holds {@code n} idle connections, reopening each one the server closes. */
  private void idle(int n) {
    List<SocketChannel> open = new ArrayList<>();
    ByteBuffer sink = ByteBuffer.allocate(64);
    try {
      while (!stopping) {
        while (open.size() < n && !stopping) {
          SocketChannel c =
              SocketChannel.open(new InetSocketAddress(base.getHost(), base.getPort()));
          connects.incrementAndGet();
          c.configureBlocking(false);
          open.add(c);
        }
        for (int i = open.size() - 1; i >= 0; i--) {
          SocketChannel c = open.get(i);
          sink.clear();
          int r = c.read(sink);
          if (r < 0) {
            c.close();
            open.remove(i);
            rounds.computeIfAbsent("idle-closed-by-server", k -> new LongAdder()).increment();
          } else if (r > 0) {
            failures.add("idle: the server wrote to an idle connection: " + r + " bytes");
          }
        }
        LockSupport.parkNanos(Duration.ofMillis(20).toNanos()); // pacing, not waiting
      }
    } catch (IOException e) {
      failures.add("idle: " + e);
    } finally {
      for (SocketChannel c : open) {
        try {
          c.close();
        } catch (IOException e) {
          failures.add("idle close: " + e);
        }
      }
    }
  }

  void stop() {
    stopping = true;
  }

  /** Waits for every attacker to finish its round; false when one did not within {@code max}. */
  boolean join(Duration max) throws InterruptedException {
    long deadline = System.nanoTime() + max.toNanos();
    for (Thread t : threads) {
      t.join(Math.max(1, (deadline - System.nanoTime()) / 1_000_000));
    }
    return threads.stream().noneMatch(Thread::isAlive);
  }

  /** Answers read, by status. */
  Map<Integer, Long> answers() {
    Map<Integer, Long> copy = new java.util.TreeMap<>();
    answers.forEach((status, n) -> copy.put(status, n.sum()));
    return copy;
  }

  /** Rounds completed, by kind. */
  Map<String, Long> rounds() {
    Map<String, Long> copy = new java.util.TreeMap<>();
    rounds.forEach((kind, n) -> copy.put(kind, n.sum()));
    return copy;
  }

  long connects() {
    return connects.get();
  }

  List<String> failures() {
    return List.copyOf(failures);
  }
}
