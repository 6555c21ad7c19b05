package dev.spillway.samples.server;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Raw HTTP over a socket to 127.0.0.1, for the requests a well-behaved client cannot send: the
 * bytes go out exactly as given, and the answer is read to the end of the stream (or until the
 * given patience runs out, which fails the test).
 */
final class RawHttp {

  /** One response as it came off the wire. */
  record Response(int status, Map<String, String> headers, String body, String raw) {

    String header(String name) {
      return headers.get(name.toLowerCase(Locale.ROOT));
    }
  }

  private RawHttp() {}

  /** Opens a socket to {@code base}'s host and port with TCP_NODELAY. */
  static Socket connect(URI base, Duration patience) throws IOException {
    Socket s = new Socket();
    s.setTcpNoDelay(true);
    s.setSoTimeout((int) patience.toMillis());
    s.connect(new InetSocketAddress(base.getHost(), base.getPort()), (int) patience.toMillis());
    return s;
  }

  /**
   * Sends {@code request} on a fresh connection and reads every response until the server closes.
   */
  static List<Response> exchange(URI base, byte[] request, Duration patience) throws IOException {
    try (Socket s = connect(base, patience)) {
      s.getOutputStream().write(request);
      s.getOutputStream().flush();
      return parseAll(readToEnd(s.getInputStream()));
    }
  }

  static List<Response> exchange(URI base, String request, Duration patience) throws IOException {
    return exchange(base, request.getBytes(StandardCharsets.ISO_8859_1), patience);
  }

  /** Everything until end of stream; a read timeout is a test failure. */
  static byte[] readToEnd(InputStream in) throws IOException {
    ByteArrayOutputStream all = new ByteArrayOutputStream();
    byte[] buffer = new byte[8192];
    try {
      for (int n; (n = in.read(buffer)) >= 0; ) {
        all.write(buffer, 0, n);
      }
    } catch (SocketTimeoutException e) {
      throw new AssertionError(
          "no end of stream in time; got: " + all.toString(StandardCharsets.ISO_8859_1), e);
    }
    return all.toByteArray();
  }

  /** Reads exactly one response (headers and a Content-Length body) from {@code in}. */
  static Response readOne(InputStream in) throws IOException {
    ByteArrayOutputStream head = new ByteArrayOutputStream();
    int matched = 0;
    while (matched < 4) {
      int b = in.read();
      if (b < 0) {
        throw new IOException("end of stream inside a response head: " + head);
      }
      head.write(b);
      matched = (b == (matched % 2 == 0 ? '\r' : '\n')) ? matched + 1 : (b == '\r' ? 1 : 0);
    }
    Response top = parseHead(head.toString(StandardCharsets.ISO_8859_1));
    String length = top.header("Content-Length");
    byte[] body = in.readNBytes(length == null ? 0 : Integer.parseInt(length));
    return new Response(
        top.status(),
        top.headers(),
        new String(body, StandardCharsets.UTF_8),
        top.raw() + new String(body, StandardCharsets.ISO_8859_1));
  }

  static List<Response> parseAll(byte[] bytes) throws IOException {
    List<Response> all = new ArrayList<>();
    java.io.ByteArrayInputStream in = new java.io.ByteArrayInputStream(bytes);
    while (in.available() > 0) {
      all.add(readOne(in));
    }
    return all;
  }

  private static Response parseHead(String head) {
    String[] lines = head.split("\r\n");
    String[] statusLine = lines[0].split(" ", 3);
    Map<String, String> headers = new LinkedHashMap<>();
    for (int i = 1; i < lines.length; i++) {
      int colon = lines[i].indexOf(':');
      if (colon > 0) {
        headers.put(
            lines[i].substring(0, colon).toLowerCase(Locale.ROOT),
            lines[i].substring(colon + 1).trim());
      }
    }
    return new Response(Integer.parseInt(statusLine[1]), headers, "", head);
  }
}
