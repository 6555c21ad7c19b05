package dev.spillway.junit;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A target that runs as a child JVM of a test, so that a test can kill it mid-run: {@code POST
 * /events} queues an event (202), a consumer thread takes one every {@code <service-ms>} ms, and
 * {@code GET /metrics} serves the queue's depth as {@code queue_depth <n>}. Prints {@code port=<n>}
 * once it listens; exits when its standard input closes (its parent died).
 */
public final class ChildTarget {

  private ChildTarget() {}

  /** {@code args[0]}: the service time in milliseconds. */
  public static void main(String[] args) throws IOException {
    long serviceMillis = Long.parseLong(args[0]);
    LinkedBlockingQueue<Long> queue = new LinkedBlockingQueue<>();
    HttpServer server =
        HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 1024);
    server.setExecutor(Executors.newFixedThreadPool(4));
    server.createContext(
        "/events",
        exchange -> {
          drain(exchange.getRequestBody());
          queue.offer(System.nanoTime());
          answer(exchange, 202, "");
        });
    server.createContext(
        "/metrics", exchange -> answer(exchange, 200, "queue_depth " + queue.size() + "\n"));
    Thread consumer =
        new Thread(
            () -> {
              try {
                while (true) {
                  queue.take();
                  TimeUnit.MILLISECONDS.sleep(serviceMillis);
                }
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
              }
            },
            "child-consumer");
    consumer.setDaemon(true);
    consumer.start();
    server.start();
    System.out.println("port=" + server.getAddress().getPort());
    System.out.flush();
    while (System.in.read() >= 0) {
      // until the parent goes
    }
    server.stop(0);
    System.exit(0);
  }

  private static void drain(InputStream in) throws IOException {
    in.readAllBytes();
  }

  private static void answer(HttpExchange exchange, int status, String body) throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().set("Content-Type", "text/plain; version=0.0.4");
    exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(bytes);
    }
  }
}
