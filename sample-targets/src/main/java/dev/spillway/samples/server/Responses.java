package dev.spillway.samples.server;

import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/** Writing responses and reading bounded bodies on the JDK's {@code HttpServer}. */
final class Responses {

  static final String TEXT = "text/plain; charset=utf-8";

  private Responses() {}

  /** Sends {@code status} with a one-line text body. */
  static void text(HttpExchange exchange, int status, String line) throws IOException {
    send(exchange, status, TEXT, line + "\n");
  }

  /** Sends {@code status} with {@code body} of {@code contentType}. */
  static void send(HttpExchange exchange, int status, String contentType, String body)
      throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().set("Content-Type", contentType);
    exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
    if (bytes.length > 0) {
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(bytes);
      }
    }
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
        return null; // the JDK server rejects this itself; never trust it here
      }
    }
    try (InputStream in = exchange.getRequestBody()) {
      byte[] bytes = in.readNBytes(limit + 1);
      if (bytes.length > limit) {
        return null;
      }
      return new String(bytes, StandardCharsets.UTF_8);
    }
  }
}
