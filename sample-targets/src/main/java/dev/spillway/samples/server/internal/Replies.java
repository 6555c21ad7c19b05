package dev.spillway.samples.server.internal;

import com.sun.net.httpserver.Headers;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Response bytes: the status line, the headers, the body. The front's own answers are one line of
 * {@code text/plain}, like the handlers' answers.
 *
 * <p>Thread-safety: stateless but for a cached {@code Date} value, safely published.
 */
final class Replies {

  static final String TEXT = "text/plain; charset=utf-8";

  private static final Map<Integer, String> REASONS =
      Map.ofEntries(
          Map.entry(100, "Continue"),
          Map.entry(200, "OK"),
          Map.entry(202, "Accepted"),
          Map.entry(204, "No Content"),
          Map.entry(400, "Bad Request"),
          Map.entry(404, "Not Found"),
          Map.entry(405, "Method Not Allowed"),
          Map.entry(408, "Request Timeout"),
          Map.entry(413, "Content Too Large"),
          Map.entry(414, "URI Too Long"),
          Map.entry(431, "Request Header Fields Too Large"),
          Map.entry(500, "Internal Server Error"),
          Map.entry(501, "Not Implemented"),
          Map.entry(503, "Service Unavailable"),
          Map.entry(505, "HTTP Version Not Supported"));

  static final byte[] CONTINUE =
      "HTTP/1.1 100 Continue\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1);

  private record CachedDate(long second, String text) {}

  private static final DateTimeFormatter IMF_FIXDATE =
      DateTimeFormatter.ofPattern("EEE, dd MMM yyyy HH:mm:ss 'GMT'", Locale.US);

  private static volatile CachedDate date = new CachedDate(-1, "");

  private Replies() {}

  /** A complete one-line {@code text/plain} answer that closes the connection. */
  static byte[] oneLine(int status, String line) {
    Headers headers = new Headers();
    headers.set("Content-Type", TEXT);
    headers.set("Connection", "close");
    return render(status, headers, (line + "\n").getBytes(StandardCharsets.UTF_8), false);
  }

  /**
   * The response: status line, {@code Date}, the given headers (values with control characters are
   * dropped, never sent), {@code Content-Length} unless the status forbids a body, the body unless
   * {@code head} (a response to HEAD).
   */
  static byte[] render(int status, Headers headers, byte[] body, boolean head) {
    boolean bodyAllowed = status >= 200 && status != 204 && status != 304;
    StringBuilder h = new StringBuilder(160);
    h.append("HTTP/1.1 ").append(status).append(' ').append(reason(status)).append("\r\n");
    h.append("Date: ").append(now()).append("\r\n");
    for (Map.Entry<String, List<String>> e : headers.entrySet()) {
      String name = e.getKey();
      if (name.equalsIgnoreCase("Content-Length")
          || name.equalsIgnoreCase("Transfer-Encoding")
          || name.equalsIgnoreCase("Date")
          || !HeadParser.isToken(name)) {
        continue;
      }
      for (String value : e.getValue()) {
        if (value != null && value.chars().noneMatch(Printable::isControl)) {
          h.append(name).append(": ").append(value).append("\r\n");
        }
      }
    }
    if (bodyAllowed) {
      h.append("Content-Length: ").append(body.length).append("\r\n");
    }
    h.append("\r\n");
    byte[] top = h.toString().getBytes(StandardCharsets.ISO_8859_1);
    if (!bodyAllowed || head) {
      return top;
    }
    byte[] all = new byte[top.length + body.length];
    System.arraycopy(top, 0, all, 0, top.length);
    System.arraycopy(body, 0, all, top.length, body.length);
    return all;
  }

  static String reason(int status) {
    return REASONS.getOrDefault(status, status < 400 ? "OK" : status < 500 ? "Error" : "Failure");
  }

  private static String now() {
    long second = System.currentTimeMillis() / 1000;
    CachedDate d = date;
    if (d.second != second) {
      d =
          new CachedDate(
              second,
              IMF_FIXDATE.format(
                  ZonedDateTime.ofInstant(Instant.ofEpochSecond(second), ZoneOffset.UTC)));
      date = d;
    }
    return d.text;
  }
}
