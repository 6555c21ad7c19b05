package dev.spillway.junit;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.LongSupplier;

/**
 * A metrics endpoint on loopback, on a raw socket, that answers a Prometheus exposition ({@code
 * queue_depth <n>}) for its first requests and then misbehaves in one {@link Fault} way for good.
 * One daemon thread accepts, one per connection answers (named {@code faulty-endpoint-…}, not
 * Spillway's); {@link #close()} ends them all. Each answer closes its connection. Thread-safe.
 */
final class FaultyEndpoint implements AutoCloseable {

  /** How the endpoint misbehaves once its healthy answers are used up. */
  enum Fault {
    /** Reads the request and never answers, keeping the connection open. */
    HANG,
    /** Reads the request and closes the connection without a byte. */
    CLOSE,
    /** Answers bytes that are not HTTP at all, then closes. */
    GARBAGE_BYTES,
    /** Answers 200 with a body that is no Prometheus exposition. */
    GARBAGE_BODY,
    /** Answers 500 with a short body. */
    STATUS_500
  }

  private final ServerSocket server;
  private final Fault fault;
  private final int healthyAnswers;
  private final LongSupplier depth;
  private final AtomicInteger requests = new AtomicInteger();
  private final List<Socket> open = new CopyOnWriteArrayList<>();
  private final CountDownLatch closed = new CountDownLatch(1);
  private final Thread acceptor;

  private FaultyEndpoint(Fault fault, int healthyAnswers, LongSupplier depth) throws IOException {
    this.server = new ServerSocket(0, 100, InetAddress.getLoopbackAddress());
    this.fault = fault;
    this.healthyAnswers = healthyAnswers;
    this.depth = depth;
    this.acceptor = new Thread(this::accept, "faulty-endpoint-accept-" + fault);
    acceptor.setDaemon(true);
    acceptor.start();
  }

  /** An endpoint serving {@code depth} for {@code healthyAnswers} requests, then {@code fault}. */
  static FaultyEndpoint start(Fault fault, int healthyAnswers, LongSupplier depth) {
    try {
      return new FaultyEndpoint(fault, healthyAnswers, depth);
    } catch (IOException e) {
      throw new IllegalStateException("cannot open a loopback server socket", e);
    }
  }

  /** The endpoint's URL. */
  String url() {
    return "http://127.0.0.1:" + server.getLocalPort() + "/metrics";
  }

  /** How many requests arrived so far. */
  int requests() {
    return requests.get();
  }

  private void accept() {
    while (!server.isClosed()) {
      try {
        Socket socket = server.accept();
        open.add(socket);
        Thread t = new Thread(() -> answer(socket), "faulty-endpoint-" + fault);
        t.setDaemon(true);
        t.start();
      } catch (IOException e) {
        return; // closed
      }
    }
  }

  private void answer(Socket socket) {
    try (socket) {
      readRequest(socket.getInputStream());
      int n = requests.incrementAndGet();
      OutputStream out = socket.getOutputStream();
      if (n <= healthyAnswers) {
        respond(out, 200, "text/plain; version=0.0.4", "queue_depth " + depth.getAsLong() + "\n");
        return;
      }
      switch (fault) {
        case HANG -> closed.await();
        case CLOSE -> {}
        case GARBAGE_BYTES -> {
          out.write(new byte[] {0, (byte) 0xff, 'g', 'a', 'r', 'b', '\r', '\n', '\r', '\n'});
          out.flush();
        }
        case GARBAGE_BODY -> respond(out, 200, "text/plain", "<html>it works!</html>\n");
        case STATUS_500 -> respond(out, 500, "text/plain", "database is on fire\n");
      }
    } catch (SocketException closedMeanwhile) {
      // the client gave up, or the endpoint closed
    } catch (IOException e) {
      // nothing to tell: the client sees what it sees
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } finally {
      open.remove(socket);
    }
  }

  private static void readRequest(InputStream in) throws IOException {
    int matched = 0; // of "\r\n\r\n"
    while (matched < 4) {
      int b = in.read();
      if (b < 0) {
        throw new SocketException("end of stream before the request's end");
      }
      matched =
          (b == '\r' && matched % 2 == 0) || (b == '\n' && matched % 2 == 1) ? matched + 1 : 0;
    }
  }

  private static void respond(OutputStream out, int status, String type, String body)
      throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    String head =
        "HTTP/1.1 "
            + status
            + (status == 200 ? " OK" : " Internal Server Error")
            + "\r\nContent-Type: "
            + type
            + "\r\nContent-Length: "
            + bytes.length
            + "\r\nConnection: close\r\n\r\n";
    out.write(head.getBytes(StandardCharsets.US_ASCII));
    out.write(bytes);
    out.flush();
  }

  @Override
  public void close() throws IOException {
    closed.countDown();
    server.close();
    for (Socket s : open) {
      s.close();
    }
    try {
      acceptor.join(1_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @Override
  public String toString() {
    return "FaultyEndpoint[" + url() + ", healthy for " + healthyAnswers + ", then " + fault + "]";
  }
}
