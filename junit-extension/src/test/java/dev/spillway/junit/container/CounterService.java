package dev.spillway.junit.container;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The tiny service the container tests run in a {@link JavaServiceImage}: {@code GET /} answers 200
 * with how many requests to {@code /} it has answered so far; {@code GET /id} answers an id drawn
 * when the process started (without counting), so that a test can tell a fresh process and wait for
 * it without moving its count; {@code GET /burn} does a fixed amount of CPU work and answers how
 * many milliseconds it took, so that a CPU quota shows.
 */
public final class CounterService {

  /** The port it listens on in the container. */
  public static final int PORT = 8080;

  private CounterService() {}

  /** Starts the service on {@link #PORT} (or the port given as the first argument). */
  public static void main(String[] args) throws IOException {
    int port = args.length > 0 ? Integer.parseInt(args[0]) : PORT;
    AtomicLong answered = new AtomicLong();
    HttpServer server = HttpServer.create(new InetSocketAddress("0.0.0.0", port), 1024);
    String id = UUID.randomUUID().toString();
    server.createContext("/", exchange -> answer(exchange, answered.incrementAndGet() + "\n"));
    server.createContext("/id", exchange -> answer(exchange, id + "\n"));
    server.createContext("/burn", exchange -> answer(exchange, burn()));
    server.setExecutor(Executors.newFixedThreadPool(2));
    server.start();
    System.out.println("counter service listening on " + port);
  }

  /** Some 30–60 ms of CPU work on this machine; returns its wall and CPU milliseconds. */
  private static String burn() {
    ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    long cpu = threads.getCurrentThreadCpuTime();
    long wall = System.nanoTime();
    long x = 0;
    for (int i = 0; i < 60_000_000; i++) {
      x = x * 31 + i;
    }
    if (x == 42) {
      System.out.println(x); // keeps the loop from being optimized away
    }
    return (System.nanoTime() - wall) / 1_000_000
        + " "
        + (threads.getCurrentThreadCpuTime() - cpu) / 1_000_000
        + "\n";
  }

  private static void answer(HttpExchange exchange, String text) throws IOException {
    byte[] body = text.getBytes(StandardCharsets.UTF_8);
    exchange.sendResponseHeaders(200, body.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(body);
    }
  }
}
