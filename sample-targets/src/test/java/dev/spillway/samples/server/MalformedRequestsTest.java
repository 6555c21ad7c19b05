package dev.spillway.samples.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.spillway.samples.server.RawHttp.Response;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every malformed request gets one line of {@code text/plain} with the right status, naming what is
 * wrong, and the server keeps serving. Nothing the client sent is reflected raw: no control
 * character reaches an answer. (The JDK's own server answered most of these with an HTML page,
 * {@code <h1>400 Bad Request</h1>URISyntaxException thrown}, before any handler ran.)
 */
class MalformedRequestsTest {

  private static final Duration PATIENCE = Duration.ofSeconds(10);
  private static final String EVENTS = "/designs/singleton/events";

  private final TestServer target = new TestServer();

  @AfterEach
  void stop() {
    target.close();
  }

  static Stream<Arguments> malformed() {
    return Stream.of(
        bad(
            "percent-encoding %ZZ",
            post(EVENTS + "?key=%ZZ"),
            400,
            "malformed percent-encoding in the request target at position 31: '%' must be followed"
                + " by two hex digits, but was followed by 'ZZ'"),
        bad(
            "a lone %",
            post(EVENTS + "?key=%"),
            400,
            "malformed percent-encoding in the request target at position 31: '%' must be followed"
                + " by two hex digits, but was followed by nothing"),
        bad(
            "a % with one hex digit",
            post(EVENTS + "?key=%4"),
            400,
            "malformed percent-encoding in the request target at position 31: '%' must be followed"
                + " by two hex digits, but was followed by '4'"),
        bad(
            "a bad escape in the path",
            post("/designs/%G1/events?key=k"),
            400,
            "malformed percent-encoding in the request target at position 10: '%' must be followed"
                + " by two hex digits, but was followed by 'G1'"),
        bad(
            "a negative Content-Length",
            head("POST " + EVENTS + "?key=k HTTP/1.1", "Content-Length: -1"),
            400,
            "Content-Length must be a whole number of bytes from 0 to 9223372036854775807, but was"
                + " '-1'"),
        bad(
            "a non-numeric Content-Length",
            head("POST " + EVENTS + "?key=k HTTP/1.1", "Content-Length: abc"),
            400,
            "Content-Length must be a whole number of bytes from 0 to 9223372036854775807, but was"
                + " 'abc'"),
        bad(
            "a fractional Content-Length",
            head("POST " + EVENTS + "?key=k HTTP/1.1", "Content-Length: 1.5"),
            400,
            "Content-Length must be a whole number of bytes from 0 to 9223372036854775807, but was"
                + " '1.5'"),
        bad(
            "a Content-Length beyond a long",
            head("POST " + EVENTS + "?key=k HTTP/1.1", "Content-Length: 99999999999999999999"),
            400,
            "Content-Length must be a whole number of bytes from 0 to 9223372036854775807, but was"
                + " '99999999999999999999'"),
        bad(
            "two Content-Lengths",
            head("POST " + EVENTS + "?key=k HTTP/1.1", "Content-Length: 1", "Content-Length: 1"),
            400,
            "Content-Length must be given once, but was given 2 times"),
        bad(
            "Content-Length and Transfer-Encoding",
            head(
                "POST " + EVENTS + "?key=k HTTP/1.1",
                "Content-Length: 1",
                "Transfer-Encoding: chunked"),
            400,
            "a request must not have both Content-Length and Transfer-Encoding"),
        bad(
            "an unsupported Transfer-Encoding",
            head("POST " + EVENTS + "?key=k HTTP/1.1", "Transfer-Encoding: gzip"),
            501,
            "Transfer-Encoding must be chunked, but was 'gzip'"),
        bad(
            "a garbage request line",
            "GARBAGE\r\n\r\n",
            400,
            "malformed request line: expected 'METHOD /path HTTP/1.1', but was 'GARBAGE'"),
        bad(
            "two spaces in the request line",
            "GET  /health HTTP/1.1\r\n\r\n",
            400,
            "malformed request line: expected 'METHOD /path HTTP/1.1', but was 'GET  /health"
                + " HTTP/1.1'"),
        bad(
            "no version",
            "GET /health\r\n\r\n",
            400,
            "malformed request line: expected 'METHOD /path HTTP/1.1', but was 'GET /health'"),
        bad(
            "a malformed version",
            "GET /health HTTP/9\r\n\r\n",
            400,
            "malformed request line: the version must be HTTP/1.1 or HTTP/1.0, but was 'HTTP/9'"),
        bad(
            "HTTP/2.0 in an HTTP/1 request line",
            "GET /health HTTP/2.0\r\n\r\n",
            505,
            "HTTP version HTTP/2.0 is not supported: use HTTP/1.1"),
        bad(
            "a method that is not a token",
            "G(T /health HTTP/1.1\r\n\r\n",
            400,
            "malformed request line: the method must be a token such as GET or POST, but was"
                + " 'G(T'"),
        bad(
            "a target without a leading /",
            "GET health HTTP/1.1\r\n\r\n",
            400,
            "the request target must start with /, but was 'health'"),
        bad(
            "a control character in the target",
            "GET /hea\u0001lth HTTP/1.1\r\n\r\n",
            400,
            "the request target must contain only URI characters (percent-encode others), but had"
                + " '\\x01' at position 5"),
        bad(
            "a raw non-ASCII byte in the target",
            "GET /caf\u00e9 HTTP/1.1\r\n\r\n",
            400,
            "the request target must contain only URI characters (percent-encode others), but had"
                + " '\\xE9' at position 5"),
        bad(
            "a raw | in the target",
            "GET /designs|x HTTP/1.1\r\n\r\n",
            400,
            "the request target must contain only URI characters (percent-encode others), but had"
                + " '|' at position 9"),
        bad(
            "a header line without a colon",
            head("GET /health HTTP/1.1", "Host x"),
            400,
            "malformed header line 1: expected 'Name: value' with a token as name, but was 'Host"
                + " x'"),
        bad(
            "a space before a header's colon",
            head("GET /health HTTP/1.1", "Host : x"),
            400,
            "malformed header line 1: expected 'Name: value' with a token as name, but was 'Host :"
                + " x'"),
        bad(
            "a folded header line",
            head("GET /health HTTP/1.1", "X-A: 1", " folded"),
            400,
            "header line 2 starts with whitespace: folded header lines are not allowed"),
        bad(
            "a NUL in a header value",
            head("GET /health HTTP/1.1", "X-A: a\u0000b"),
            400,
            "header 'X-A' must not contain control characters, but had \\x00 at position 2"),
        bad(
            "a request line over 8 KiB",
            "GET /" + "a".repeat(9000) + " HTTP/1.1\r\n\r\n",
            414,
            "request line must be at most 8192 bytes, but was longer"),
        bad(
            "a request line over 8 KiB, still arriving",
            "GET /" + "a".repeat(9000),
            414,
            "request line must be at most 8192 bytes, but was longer"),
        bad(
            "101 header fields",
            head("GET /health HTTP/1.1", Stream.generate(() -> "X-A: 1").limit(101)),
            431,
            "a request must have at most 100 header fields, but had 101"),
        bad(
            "a head over 16 KiB",
            head(
                "GET /health HTTP/1.1",
                Stream.generate(() -> "X-A: " + "b".repeat(1000)).limit(17)),
            431,
            "request head must be at most 16384 bytes, but was larger"),
        bad(
            "a malformed chunk size",
            head("POST " + EVENTS + "?key=k HTTP/1.1", "Transfer-Encoding: chunked") + "zz\r\n",
            400,
            "malformed chunked body: a chunk size must be 1 to 15 hex digits, but was 'zz'"),
        bad(
            "chunk data without its CRLF",
            head("POST " + EVENTS + "?key=k HTTP/1.1", "Transfer-Encoding: chunked")
                + "3\r\nabcX\r\n",
            400,
            "malformed chunked body: chunk data must end with CRLF"),
        bad(
            "a repeated key",
            post(EVENTS + "?key=a&key=b"),
            400,
            "query parameter 'key' must be given once, but was given 2 times"),
        bad(
            "a NUL in the key",
            post(EVENTS + "?key=a%00b"),
            400,
            "query parameter 'key' must not contain control characters, but had \\x00 at position"
                + " 2"),
        bad(
            "CRLF in the key",
            post(EVENTS + "?key=a%0D%0AX-Injected:%20yes"),
            400,
            "query parameter 'key' must not contain control characters, but had \\x0D at position"
                + " 2"),
        bad(
            "a control character in a parameter's name",
            post(EVENTS + "?k%0Aey=1&key=k"),
            400,
            "query parameter 'k\\x0Aey' must not have control characters in its name"),
        bad(
            "a key that is not UTF-8",
            post(EVENTS + "?key=%C3%28"),
            400,
            "query parameter 'key' must be UTF-8 once percent-decoded, but was not: '%C3%28'"),
        bad(
            "a double-slash path",
            post("//singleton//events?key=k"),
            404,
            "no such resource: //singleton//events"),
        bad(
            "a double slash inside the events path",
            post("/designs//singleton//events?key=k"),
            404,
            "no such resource: /designs//singleton//events"),
        bad(
            "an encoded CRLF in the path",
            "GET /x%0D%0AInjected:%20yes HTTP/1.1\r\nConnection: close\r\n\r\n",
            404,
            "no such resource: /x%0D%0AInjected:%20yes"),
        bad(
            "an encoded CRLF as the design's name",
            post("/designs/a%0D%0Ab/events?key=k"),
            404,
            "unknown design 'a%0D%0Ab': known designs are singleton, partitioned, bounded,"
                + " sentinel-watched, balancer, free-for-all, drop-oldest, demand-driven"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("malformed")
  void aMalformedRequest_getsOneLineOfText_withTheRightStatus(
      String what, byte[] request, int status, String line) throws IOException {
    List<Response> responses = RawHttp.exchange(target.server.baseUrl(), request, PATIENCE);

    assertThat(responses).as(what).hasSize(1);
    Response r = responses.get(0);
    assertThat(r.status()).as(what).isEqualTo(status);
    assertThat(r.header("Content-Type")).isEqualTo("text/plain; charset=utf-8");
    assertThat(r.body()).isEqualTo(line + "\n");
    assertThat(r.raw()).as("no control character reflected").doesNotContain("\u0000", "\u0001");
    assertThat(r.raw().split("\r\n\r\n", 2)[1]).doesNotContain("\r");
    assertThat(target.get("/health").statusCode()).as("still serving").isEqualTo(200);
    assertThat(target.design("singleton").books().sent()).as("nothing reached a design").isZero();
  }

  @Test
  void garbageBytes_areAnswered400_inOneLine_withoutReflectingThem() throws IOException {
    Random random = new Random(13);
    for (int i = 0; i < 20; i++) {
      byte[] garbage = new byte[200];
      random.nextBytes(garbage);
      garbage[150] = '\n'; // a "line" ends: the head is complete, and it is garbage
      garbage[151] = '\n';
      List<Response> responses = RawHttp.exchange(target.server.baseUrl(), garbage, PATIENCE);

      assertThat(responses).hasSize(1);
      assertThat(responses.get(0).status()).isIn(400, 414, 505);
      assertThat(responses.get(0).body()).endsWith("\n").hasLineCount(1);
      assertThat(responses.get(0).body().chars().filter(c -> c < 0x20 && c != '\n')).isEmpty();
    }
    assertThat(target.server.http().responses(400)).isEqualTo(20);
  }

  private static Arguments bad(String what, String request, int status, String line) {
    return Arguments.of(what, request.getBytes(StandardCharsets.ISO_8859_1), status, line);
  }

  private static String post(String target) {
    // a request the handlers refuse leaves the connection open: the client closes it here
    return "POST "
        + target
        + " HTTP/1.1\r\nHost: x\r\nContent-Length: 0\r\nConnection: close\r\n\r\n";
  }

  private static String head(String requestLine, String... headers) {
    return head(requestLine, Stream.of(headers));
  }

  private static String head(String requestLine, Stream<String> headers) {
    StringBuilder s = new StringBuilder(requestLine).append("\r\n");
    headers.forEach(h -> s.append(h).append("\r\n"));
    return s.append("\r\n").toString();
  }
}
