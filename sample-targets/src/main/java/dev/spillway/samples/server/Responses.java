package dev.spillway.samples.server;

import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/** Writing responses and reading bounded bodies through the JDK's {@code HttpExchange} API. */
final class Responses {

  static final String TEXT = "text/plain; charset=utf-8";

  /**
   * The most of an unread request body read and dropped before a response: as much as the front
   * reads of a body (64 KiB and one byte) before it stops and closes the connection after the
   * response.
   */
  static final int DISCARD_LIMIT = 64 * 1024;

  private Responses() {}

  /** Sends {@code status} with a one-line text body. */
  static void text(HttpExchange exchange, int status, String line) throws IOException {
    send(exchange, status, TEXT, line + "\n");
  }

  /**
   * Sends {@code status} with {@code body} of {@code contentType}. What is left of the request body
   * is read first, up to {@value #DISCARD_LIMIT} bytes; when more is left (a request refused before
   * its body was read, such as a 413), the connection closes after the response, so the response
   * says {@code Connection: close}: a keep-alive client must not send its next request on a
   * connection that is about to close (a POST there fails instead of being retried).
   */
  static void send(HttpExchange exchange, int status, String contentType, String body)
      throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    if (!discardRequestBody(exchange)) {
      exchange.getResponseHeaders().set("Connection", "close");
    }
    exchange.getResponseHeaders().set("Content-Type", contentType);
    exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
    if (bytes.length > 0) {
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(bytes);
      }
    }
  }

  /** Reads and drops what is left of the request body; false when more than the limit is left. */
  private static boolean discardRequestBody(HttpExchange exchange) throws IOException {
    InputStream in = exchange.getRequestBody();
    byte[] buffer = new byte[8192];
    long left = DISCARD_LIMIT + 1L;
    while (left > 0) {
      int n = in.read(buffer, 0, (int) Math.min(buffer.length, left));
      if (n < 0) {
        return true;
      }
      left -= n;
    }
    return false;
  }

  /**
   * Reads the request body as UTF-8 if it is at most {@code limit} bytes; returns null when it is
   * larger (the rest is not read).
   */
  static String boundedBody(HttpExchange exchange, int limit) throws IOException {
    String declared = exchange.getRequestHeaders().getFirst("Content-Length");
    if (declared != null) {
      try {
        if (Long.parseLong(declared.trim()) > limit) {
          return null;
        }
      } catch (NumberFormatException e) {
        return null; // the front refuses this itself; never trust it here
      }
    }
    // not closed here: the exchange closes it, after send() has read what is left
    byte[] bytes = exchange.getRequestBody().readNBytes(limit + 1);
    if (bytes.length > limit) {
      return null;
    }
    return new String(bytes, StandardCharsets.UTF_8);
  }
}
