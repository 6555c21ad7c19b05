package dev.spillway.samples.server;

import static dev.spillway.samples.Soon.soon;
import static org.assertj.core.api.Assertions.assertThat;

import dev.spillway.samples.server.RawHttp.Response;
import dev.spillway.samples.server.internal.HttpBooks.Timeout;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The front's limits, one at a time: each timeout answers (or closes) no earlier than configured,
 * the connection cap answers 503 beyond it, and the protocol details a real client relies on
 * (pipelining, {@code 100 Continue}, HTTP/1.0, HEAD) work.
 */
class HttpLimitsTest {

  private static final Duration PATIENCE = Duration.ofSeconds(10);
  private static final Duration TIMEOUT = Duration.ofMillis(300);

  private final TestServer target =
      new TestServer(
          "--max-connections=4",
          "--idle-timeout=" + TIMEOUT.toMillis() + "ms",
          "--header-timeout=" + TIMEOUT.toMillis() + "ms",
          "--body-timeout=" + TIMEOUT.toMillis() + "ms",
          "--write-timeout=" + TIMEOUT.toMillis() + "ms");
  private final List<Socket> sockets = new ArrayList<>();

  @AfterEach
  void stop() throws IOException {
    for (Socket s : sockets) {
      s.close();
    }
    target.close();
  }

  private Socket open() throws IOException {
    Socket s = RawHttp.connect(target.server.baseUrl(), PATIENCE);
    sockets.add(s);
    return s;
  }

  private static void send(Socket s, String text) throws IOException {
    OutputStream out = s.getOutputStream();
    out.write(text.getBytes(StandardCharsets.ISO_8859_1));
    out.flush();
  }

  @Test
  void aStalledHead_isAnswered408_noEarlierThanTheHeaderTimeout() throws IOException {
    Socket s = open();
    long start = System.nanoTime();
    send(s, "POST /designs/singleton/eve");

    List<Response> answer = RawHttp.parseAll(RawHttp.readToEnd(s.getInputStream()));
    long elapsed = System.nanoTime() - start;

    assertThat(answer).hasSize(1);
    assertThat(answer.get(0).status()).isEqualTo(408);
    assertThat(answer.get(0).body())
        .isEqualTo("request head not received within 300 ms (got 27 bytes of it)\n");
    assertThat(elapsed).isGreaterThanOrEqualTo(TIMEOUT.toNanos());
    assertThat(target.server.http().timeouts(Timeout.HEADER)).isEqualTo(1);
  }

  @Test
  void aSlowlorisHead_thatKeepsSendingBytes_isCutAtTheHeaderTimeoutFromItsFirstByte()
      throws IOException {
    Socket s = open();
    long start = System.nanoTime();
    send(s, "GET /health HTTP/1.1\r\n");
    int sent = 0;
    // one header byte per 20 ms (pacing the client): each arrival would restart a timeout that
    // is measured between reads, so only a deadline from the first byte cuts this client off
    while (s.getInputStream().available() == 0
        && System.nanoTime() - start < 10 * TIMEOUT.toNanos()) {
      try {
        send(s, "X");
        sent++;
      } catch (IOException closedByServer) {
        break;
      }
      LockSupport.parkNanos(Duration.ofMillis(20).toNanos());
    }
    long elapsed = System.nanoTime() - start;
    Response answer = RawHttp.readOne(s.getInputStream());
    assertThat(answer.status()).isEqualTo(408);
    assertThat(answer.body()).startsWith("request head not received within 300 ms (got ");
    assertThat(sent).as("bytes trickled before the cut").isGreaterThan(3);
    assertThat(elapsed).isGreaterThanOrEqualTo(TIMEOUT.toNanos());
  }

  @Test
  void aLyingContentLength_isAnswered408_noEarlierThanTheBodyTimeout() throws IOException {
    Socket s = open();
    send(s, "POST /designs/singleton/events?key=k HTTP/1.1\r\nContent-Length: 100\r\n\r\nabc");
    long start = System.nanoTime();

    List<Response> answer = RawHttp.parseAll(RawHttp.readToEnd(s.getInputStream()));
    long elapsed = System.nanoTime() - start;

    assertThat(answer).hasSize(1);
    assertThat(answer.get(0).status()).isEqualTo(408);
    assertThat(answer.get(0).body())
        .isEqualTo("request body not received within 300 ms (got 3 bytes, declared 100 bytes)\n");
    assertThat(elapsed).isGreaterThanOrEqualTo(TIMEOUT.toNanos() - Duration.ofMillis(5).toNanos());
    assertThat(target.design("singleton").books().sent()).isZero();
    assertThat(target.server.http().timeouts(Timeout.BODY)).isEqualTo(1);
  }

  @Test
  void aContentLengthShorterThanTheBody_endsTheRequestThere_andTheRestIsTheNextRequest()
      throws IOException {
    List<Response> answers =
        RawHttp.exchange(
            target.server.baseUrl(),
            "POST /designs/singleton/events?key=k HTTP/1.1\r\nContent-Length: 3\r\n\r\n"
                + "abcSURPLUS\r\n\r\n",
            PATIENCE);

    assertThat(answers).extracting(Response::status).containsExactly(202, 400);
    assertThat(answers.get(1).body())
        .isEqualTo("malformed request line: expected 'METHOD /path HTTP/1.1', but was 'SURPLUS'\n");
    assertThat(target.design("singleton").books().sent()).isEqualTo(1);
  }

  @Test
  void anIdleConnection_isClosedWithoutAnAnswer_noEarlierThanTheIdleTimeout() throws IOException {
    Socket s = open();
    long start = System.nanoTime();

    byte[] received = RawHttp.readToEnd(s.getInputStream());
    long elapsed = System.nanoTime() - start;

    assertThat(received).isEmpty();
    assertThat(elapsed).isGreaterThanOrEqualTo(TIMEOUT.toNanos() - Duration.ofMillis(5).toNanos());
    assertThat(target.server.http().timeouts(Timeout.IDLE)).isEqualTo(1);
  }

  @Test
  void beyondTheConnectionCap_a503SaysSo_andAfterOneCloses_theNextIsServed() throws IOException {
    List<Socket> held = new ArrayList<>();
    for (int i = 0; i < 4; i++) {
      Socket s = open();
      send(s, "GET /health HTTP/1.1\r\n\r\n"); // served, then kept alive: each holds a place
      assertThat(RawHttp.readOne(s.getInputStream()).status()).isEqualTo(200);
      held.add(s);
    }

    List<Response> refused =
        RawHttp.exchange(target.server.baseUrl(), "GET /health HTTP/1.1\r\n\r\n", PATIENCE);

    assertThat(refused).hasSize(1);
    assertThat(refused.get(0).status()).isEqualTo(503);
    assertThat(refused.get(0).header("Connection")).isEqualTo("close");
    assertThat(refused.get(0).body())
        .isEqualTo("too many connections: the server serves at most 4 at once; retry later\n");
    assertThat(target.server.http().refused()).isEqualTo(1);

    held.get(0).close();
    soon().until(() -> target.server.http().open() == 3);
    List<Response> served =
        RawHttp.exchange(
            target.server.baseUrl(), "GET /health HTTP/1.1\r\nConnection: close\r\n\r\n", PATIENCE);
    assertThat(served).extracting(Response::status).containsExactly(200);
  }

  @Test
  void aClientThatNeverReads_isClosedAtTheWriteTimeout_andHoldsNoHandlerThread()
      throws IOException {
    Socket s = new Socket();
    s.setReceiveBufferSize(1024);
    s.connect(new java.net.InetSocketAddress("127.0.0.1", target.server.port()));
    sockets.add(s);
    // pipelined requests for the largest answer there is, never read: the server's writes stall
    String many = "GET /metrics HTTP/1.1\r\n\r\n".repeat(400);
    send(s, many);

    soon().until(() -> target.server.http().timeouts(Timeout.WRITE) == 1);
    assertThat(target.get("/health").statusCode()).isEqualTo(200);
  }

  @Test
  void pipelinedRequests_areAnsweredInOrder() throws IOException {
    List<Response> answers =
        RawHttp.exchange(
            target.server.baseUrl(),
            "POST /designs/singleton/events?key=a HTTP/1.1\r\nContent-Length: 1\r\n\r\nx"
                + "GET /health HTTP/1.1\r\n\r\n"
                + "GET /nothing HTTP/1.1\r\nConnection: close\r\n\r\n",
            PATIENCE);

    assertThat(answers).extracting(Response::status).containsExactly(202, 200, 404);
    assertThat(answers.get(2).header("Connection")).isEqualTo("close");
  }

  @Test
  void expect100Continue_getsTheInterimAnswer_beforeTheBodyIsSent() throws IOException {
    Socket s = open();
    send(
        s,
        "POST /designs/singleton/events?key=k HTTP/1.1\r\nContent-Length: 2\r\n"
            + "Expect: 100-continue\r\n\r\n");
    InputStream in = s.getInputStream();
    Response interim = RawHttp.readOne(in);
    assertThat(interim.status()).isEqualTo(100);

    send(s, "hi");
    assertThat(RawHttp.readOne(in).status()).isEqualTo(202);
    assertThat(target.design("singleton").books().sent()).isEqualTo(1);
  }

  @Test
  void http10_closesAfterTheAnswer_unlessKeepAliveIsAsked_andHeadGetsNoBody() throws IOException {
    List<Response> ten =
        RawHttp.exchange(target.server.baseUrl(), "GET /health HTTP/1.0\r\n\r\n", PATIENCE);
    assertThat(ten).hasSize(1);
    assertThat(ten.get(0).header("Connection")).isEqualTo("close");

    Socket s = open();
    send(s, "GET /health HTTP/1.0\r\nConnection: keep-alive\r\n\r\n");
    Response kept = RawHttp.readOne(s.getInputStream());
    assertThat(kept.header("Connection")).isEqualTo("keep-alive");
    send(s, "HEAD /nothing HTTP/1.0\r\n\r\n");
    String head = new String(RawHttp.readToEnd(s.getInputStream()), StandardCharsets.ISO_8859_1);
    assertThat(head).startsWith("HTTP/1.1 404 ").contains("Content-Length: 27\r\n");
    assertThat(head).as("no body after the head").endsWith("\r\n\r\n");
  }
}
