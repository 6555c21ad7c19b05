package dev.spillway.samples.container;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.spillway.samples.server.SampleTargetServer;
import dev.spillway.samples.server.ServerOptions;
import dev.spillway.toolkit.load.LoadDriver;
import dev.spillway.toolkit.load.LoadProfile;
import dev.spillway.toolkit.load.LoadReport;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The load driver's HTTP sender, against an in-process server (no Docker needed). */
class HttpEventSenderTest {

  private static LoadReport burst(HttpEventSender sender, int messages) {
    return LoadDriver.drive(LoadProfile.builder().burst(messages).build())
        .gracePeriod(Duration.ofSeconds(10))
        .sendAsyncTo(sender)
        .run();
  }

  @Test
  void a202_isAccepted_anda503_isRejected() {
    // bound 2, consumers that never finish: 1 in hand + 2 queued are accepted, the rest rejected
    try (SampleTargetServer server =
        SampleTargetServer.start(
            ServerOptions.parse("--port=0", "--service-time=10m", "--bound=2"))) {
      HttpEventSender sender =
          HttpEventSender.to(server.baseUrl(), "bounded", Duration.ofSeconds(5));
      LoadReport report =
          LoadDriver.drive(
                  LoadProfile.builder()
                      .constant(50)
                      .perSecond()
                      .during(Duration.ofMillis(200))
                      .build())
              .sendAsyncTo(sender)
              .run();
      assertThat(report.accepted()).isEqualTo(3);
      assertThat(report.rejected()).isEqualTo(report.sent() - 3);
      assertThat(report.failed()).isZero();
      assertThat(server.design("bounded").books().sent()).isEqualTo(report.sent());
      server.designs().values().forEach(d -> d.close(Duration.ZERO));
    }
  }

  @Test
  void anotherStatus_failsTheSend_andIsCountedAsABadStatus() {
    try (SampleTargetServer server =
        SampleTargetServer.start(ServerOptions.parse("--port=0", "--service-time=1us"))) {
      HttpEventSender sender =
          HttpEventSender.to(server.baseUrl(), "no-such-design", Duration.ofSeconds(5));
      LoadReport report = burst(sender, 3);
      assertThat(report.failed()).isEqualTo(3);
      assertThat(sender.badStatuses()).isEqualTo(3);
      assertThat(sender.timeouts() + sender.connectionFailures()).isZero();
    }
  }

  @Test
  void aServerThatNeverAnswers_timesTheRequestsOut_andARefusedConnectionIsAConnectionFailure()
      throws Exception {
    List<Socket> held = new ArrayList<>();
    try (ServerSocket silent = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
      Thread acceptor =
          new Thread(
              () -> {
                try {
                  while (true) {
                    held.add(silent.accept()); // read nothing, answer nothing
                  }
                } catch (java.io.IOException closed) {
                  // the test is over
                }
              },
              "test-silent-acceptor");
      acceptor.setDaemon(true);
      acceptor.start();
      HttpEventSender sender =
          HttpEventSender.to(
              URI.create("http://127.0.0.1:" + silent.getLocalPort()),
              "singleton",
              Duration.ofMillis(200));
      LoadReport report = burst(sender, 4);
      assertThat(report.failed()).isEqualTo(4);
      assertThat(sender.timeouts()).isEqualTo(4);
    } finally {
      for (Socket s : held) {
        s.close();
      }
    }
    int freePort;
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      freePort = s.getLocalPort();
    }
    HttpEventSender refused =
        HttpEventSender.to(
            URI.create("http://127.0.0.1:" + freePort), "singleton", Duration.ofSeconds(2));
    assertThat(burst(refused, 2).failed()).isEqualTo(2);
    assertThat(refused.connectionFailures()).isEqualTo(2);
    assertThat(refused.toString()).contains("connectionFailures=2");
  }

  @Test
  void theSender_rejectsBadUrlsDesignsAndTimeouts() {
    URI base = URI.create("http://localhost:8080");
    assertThatThrownBy(() -> HttpEventSender.to(null, "singleton", Duration.ofSeconds(1)))
        .hasMessage("base URL must not be null");
    assertThatThrownBy(
            () -> HttpEventSender.to(URI.create("ftp://x/"), "singleton", Duration.ofSeconds(1)))
        .hasMessage("base URL must be an absolute http:// URL, but was ftp://x/");
    assertThatThrownBy(() -> HttpEventSender.to(base, "", Duration.ofSeconds(1)))
        .hasMessage("design must not be blank, but was ''");
    assertThatThrownBy(() -> HttpEventSender.to(base, "singleton", Duration.ZERO))
        .hasMessage("request timeout must be a positive duration, but was PT0S");
  }
}
