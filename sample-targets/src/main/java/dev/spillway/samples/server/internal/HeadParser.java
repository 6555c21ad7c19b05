package dev.spillway.samples.server.internal;

import com.sun.net.httpserver.Headers;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;

/**
 * Finds, parses and validates a request head (RFC 9112): the request line and the header fields.
 * Everything malformed is a {@link Refusal} with a one-line reason that names the part at fault and
 * shows the input only through {@link Printable}.
 *
 * <p>Thread-safety: stateless.
 */
final class HeadParser {

  /** The longest request line accepted, in bytes; longer is 414. */
  static final int MAX_REQUEST_LINE = 8 * 1024;

  /** The largest head accepted (request line and header fields), in bytes; larger is 431. */
  static final int MAX_HEAD = 16 * 1024;

  /** The most header fields accepted; more is 431. */
  static final int MAX_HEADERS = 100;

  private static final int ECHO = 60;

  private HeadParser() {}

  /**
   * Where the head in {@code buf[from, to)} ends (the index just past its blank line), or -1 when
   * the blank line has not arrived yet. Lines end with CRLF or a bare LF.
   */
  static int headEnd(byte[] buf, int from, int to) {
    for (int i = from; i < to; i++) {
      if (buf[i] == '\n') {
        if (i + 1 < to && buf[i + 1] == '\n') {
          return i + 2;
        }
        if (i + 2 < to && buf[i + 1] == '\r' && buf[i + 2] == '\n') {
          return i + 3;
        }
      }
    }
    return -1;
  }

  /**
   * Checks a head that has not ended yet: a request line or a head that is already too long is
   * refused now rather than after the client has sent more.
   */
  static void checkIncomplete(byte[] buf, int from, int to) throws Refusal {
    int lineEnd = -1;
    for (int i = from; i < to; i++) {
      if (buf[i] == '\n') {
        lineEnd = i;
        break;
      }
    }
    int line = (lineEnd < 0 ? to : lineEnd) - from;
    if (line > MAX_REQUEST_LINE) {
      throw requestLineTooLong();
    }
    if (to - from >= MAX_HEAD) {
      throw headTooLarge();
    }
  }

  // one message however much of the request had arrived: the reply must not depend on timing
  private static Refusal requestLineTooLong() {
    return new Refusal(
        414, "request line must be at most " + MAX_REQUEST_LINE + " bytes, but was longer");
  }

  private static Refusal headTooLarge() {
    return new Refusal(431, "request head must be at most " + MAX_HEAD + " bytes, but was larger");
  }

  /** Parses the head in {@code buf[from, end)}, {@code end} as returned by {@link #headEnd}. */
  static RequestHead parse(byte[] buf, int from, int end) throws Refusal {
    if (end - from > MAX_HEAD) {
      throw headTooLarge();
    }
    String head = new String(buf, from, end - from, StandardCharsets.ISO_8859_1);
    String[] lines = head.split("\n", -1);
    // the last two entries are the blank line and what follows its LF: nothing
    int count = lines.length - 2;
    String requestLine = stripCr(lines[0]);
    if (requestLine.length() > MAX_REQUEST_LINE) {
      throw requestLineTooLong();
    }
    int sp1 = requestLine.indexOf(' ');
    int sp2 = sp1 < 0 ? -1 : requestLine.indexOf(' ', sp1 + 1);
    if (sp1 <= 0 || sp2 < 0 || requestLine.indexOf(' ', sp2 + 1) >= 0) {
      throw Refusal.badRequest(
          "malformed request line: expected 'METHOD /path HTTP/1.1', but was '"
              + Printable.of(requestLine, ECHO)
              + "'");
    }
    String method = requestLine.substring(0, sp1);
    String target = requestLine.substring(sp1 + 1, sp2);
    String version = requestLine.substring(sp2 + 1);
    if (!isToken(method)) {
      throw Refusal.badRequest(
          "malformed request line: the method must be a token such as GET or POST, but was '"
              + Printable.of(method, ECHO)
              + "'");
    }
    boolean http10 = version.equals("HTTP/1.0");
    if (!http10 && !version.equals("HTTP/1.1")) {
      if (version.matches("HTTP/[0-9]\\.[0-9]")) {
        throw new Refusal(505, "HTTP version " + version + " is not supported: use HTTP/1.1");
      }
      throw Refusal.badRequest(
          "malformed request line: the version must be HTTP/1.1 or HTTP/1.0, but was '"
              + Printable.of(version, ECHO)
              + "'");
    }
    String origin = RequestTarget.originForm(target);
    int q = origin.indexOf('?');
    String rawPath = q < 0 ? origin : origin.substring(0, q);
    String rawQuery = q < 0 ? null : origin.substring(q + 1);

    Headers headers = new Headers();
    if (count - 1 > MAX_HEADERS) {
      throw new Refusal(
          431,
          "a request must have at most " + MAX_HEADERS + " header fields, but had " + (count - 1));
    }
    for (int i = 1; i < count; i++) {
      header(stripCr(lines[i]), i, headers);
    }
    long contentLength = bodyLength(headers);
    boolean keepAlive = keepAlive(headers, http10);
    String expect = headers.getFirst("Expect");
    boolean expectContinue =
        !http10 && expect != null && expect.trim().equalsIgnoreCase("100-continue");
    return new RequestHead(
        method, rawPath, rawQuery, http10, headers, contentLength, keepAlive, expectContinue);
  }

  private static void header(String line, int number, Headers headers) throws Refusal {
    if (!line.isEmpty() && (line.charAt(0) == ' ' || line.charAt(0) == '\t')) {
      throw Refusal.badRequest(
          "header line " + number + " starts with whitespace: folded header lines are not allowed");
    }
    int colon = line.indexOf(':');
    if (colon <= 0 || !isToken(line.substring(0, colon))) {
      throw Refusal.badRequest(
          "malformed header line "
              + number
              + ": expected 'Name: value' with a token as name, but was '"
              + Printable.of(line, ECHO)
              + "'");
    }
    String name = line.substring(0, colon);
    String value = trimWhitespace(line.substring(colon + 1));
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if ((c < 0x20 && c != '\t') || c == 0x7f) {
        throw Refusal.badRequest(
            "header '"
                + name
                + "' must not contain control characters, but had "
                + Printable.escape(c)
                + " at position "
                + (i + 1));
      }
    }
    headers.add(name, value);
  }

  /** The declared body length: 0 without a body, -1 for a chunked one. */
  private static long bodyLength(Headers headers) throws Refusal {
    List<String> lengths = headers.get("Content-Length");
    List<String> encodings = headers.get("Transfer-Encoding");
    if (lengths != null && encodings != null) {
      throw Refusal.badRequest("a request must not have both Content-Length and Transfer-Encoding");
    }
    if (encodings != null) {
      if (encodings.size() != 1 || !encodings.get(0).equalsIgnoreCase("chunked")) {
        throw new Refusal(
            501,
            "Transfer-Encoding must be chunked, but was '"
                + Printable.of(String.join(", ", encodings), ECHO)
                + "'");
      }
      return -1;
    }
    if (lengths == null) {
      return 0;
    }
    if (lengths.size() > 1) {
      throw Refusal.badRequest(
          "Content-Length must be given once, but was given " + lengths.size() + " times");
    }
    String text = lengths.get(0);
    if (!text.isEmpty() && text.length() <= 19 && text.chars().allMatch(HeadParser::isDigit)) {
      try {
        return Long.parseLong(text);
      } catch (NumberFormatException tooLarge) {
        // reported below, with the rule
      }
    }
    throw Refusal.badRequest(
        "Content-Length must be a whole number of bytes from 0 to "
            + Long.MAX_VALUE
            + ", but was '"
            + Printable.of(text, ECHO)
            + "'");
  }

  private static boolean keepAlive(Headers headers, boolean http10) {
    List<String> values = headers.get("Connection");
    boolean close = false;
    boolean keepAlive = false;
    if (values != null) {
      for (String value : values) {
        for (String token : value.split(",")) {
          String t = token.trim().toLowerCase(Locale.ROOT);
          close |= t.equals("close");
          keepAlive |= t.equals("keep-alive");
        }
      }
    }
    return !close && (!http10 || keepAlive);
  }

  private static String stripCr(String line) {
    return line.endsWith("\r") ? line.substring(0, line.length() - 1) : line;
  }

  private static String trimWhitespace(String s) {
    int start = 0;
    int end = s.length();
    while (start < end && (s.charAt(start) == ' ' || s.charAt(start) == '\t')) {
      start++;
    }
    while (end > start && (s.charAt(end - 1) == ' ' || s.charAt(end - 1) == '\t')) {
      end--;
    }
    return s.substring(start, end);
  }

  private static boolean isDigit(int c) {
    return c >= '0' && c <= '9';
  }

  /** An RFC 9110 token: one or more of the visible characters that are not delimiters. */
  static boolean isToken(String s) {
    if (s.isEmpty()) {
      return false;
    }
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      boolean ok =
          (c >= 'a' && c <= 'z')
              || (c >= 'A' && c <= 'Z')
              || (c >= '0' && c <= '9')
              || "!#$%&'*+-.^_`|~".indexOf(c) >= 0;
      if (!ok) {
        return false;
      }
    }
    return true;
  }
}
