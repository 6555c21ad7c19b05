package dev.spillway.gatling;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.sun.net.httpserver.HttpServer;
import dev.spillway.samples.server.ServerOptions;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class TargetTest {

  @ParameterizedTest
  @ValueSource(
      strings = {
        "http://127.0.0.1:8080",
        "http://127.0.0.1:8080/",
        "http://127.1.2.3:9000",
        "http://localhost:8080",
        "http://[::1]:8080"
      })
  void external_acceptsLoopbackUrls(String url) {
    try (Target t = Target.external(url)) {
      assertThat(t.inProcess()).isFalse();
      assertThat(t.options()).isEmpty();
      assertThat(t.baseUrl().toString()).doesNotEndWith("/");
      assertThat(t.url("/metrics")).endsWith(":" + URI.create(url).getPort() + "/metrics");
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"http://192.0.2.1:8080", "http://10.0.0.1:80", "http://[2001:db8::1]:80"})
  void external_rejectsAHostOffLoopback(String url) {
    assertThatThrownBy(() -> Target.external(url))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining(Target.URL_PROPERTY)
        .hasMessageContaining("loopback")
        .hasMessageContaining(url);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "https://127.0.0.1:8443",
        "127.0.0.1:8080",
        "http://127.0.0.1",
        "http://127.0.0.1:8080/api",
        "http://127.0.0.1:8080?x=1",
        "http://127.0.0.1:8080#top",
        "http://127.0.0.1:8080 /x"
      })
  void external_rejectsWhatIsNotABaseHttpUrl(String url) {
    assertThatThrownBy(() -> Target.external(url))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining(Target.URL_PROPERTY);
  }

  @Test
  void external_rejectsABlankUrl() {
    assertThatThrownBy(() -> Target.external(" "))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining(Target.URL_PROPERTY);
  }

  @Test
  void inProcess_rejectsABindAddressOffLoopback() {
    ServerOptions everywhere = ServerOptions.parse("--port", "0", "--bind", "0.0.0.0");

    assertThatThrownBy(() -> Target.inProcess(everywhere))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("loopback")
        .hasMessageContaining("0.0.0.0");
  }

  @Test
  void inProcess_servesOnAnEphemeralLoopbackPortUntilClosed() throws Exception {
    HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    URI health;
    try (Target t = Target.inProcess(Target.IN_PROCESS)) {
      assertThat(t.inProcess()).isTrue();
      assertThat(t.options()).contains(Target.IN_PROCESS);
      assertThat(t.baseUrl().getHost()).isEqualTo("127.0.0.1");
      assertThat(t.baseUrl().getPort()).isPositive().isNotEqualTo(8080);
      health = URI.create(t.url("/health"));

      HttpResponse<String> r =
          client.send(HttpRequest.newBuilder(health).build(), HttpResponse.BodyHandlers.ofString());

      assertThat(r.statusCode()).isEqualTo(200);
    }
    assertThatThrownBy(
            () ->
                client.send(
                    HttpRequest.newBuilder(health).timeout(Duration.ofSeconds(5)).build(),
                    HttpResponse.BodyHandlers.ofString()))
        .isInstanceOf(java.io.IOException.class);
  }

  @Test
  void inProcessOptions_areTheOnesTheGatesAssume() {
    ServerOptions o = Target.IN_PROCESS;

    assertThat(o.port()).isZero();
    assertThat(o.bindAddress().isLoopbackAddress()).isTrue();
    assertThat(o.serviceTime()).isEqualTo(Duration.ofMillis(5));
    assertThat(o.partitions()).isEqualTo(4);
    assertThat(o.bound()).isEqualTo(100);
    assertThat(o.sentinelEnable()).isEqualTo(100);
    assertThat(o.sentinelDisable()).isEqualTo(50);
  }

  @Test
  void inProcessWithServiceTime_changesOnlyTheServiceTime() {
    ServerOptions slow = Target.inProcessWithServiceTime(Duration.ofMillis(20));

    assertThat(slow.serviceTime()).isEqualTo(Duration.ofMillis(20));
    assertThat(slow)
        .usingRecursiveComparison()
        .ignoringFields("serviceTime")
        .isEqualTo(Target.IN_PROCESS);
  }

  @Test
  void notAnswering_aStoppedTarget_saysSoInOneLine_withHowToStartIt() throws Exception {
    int port;
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      port = socket.getLocalPort();
    }
    Target target = Target.external("http://127.0.0.1:" + port);
    Duration timeout = Duration.ofSeconds(2);

    Throwable failure = catchThrowable(() -> MetricsJson.fetch(target.baseUrl(), timeout));

    assertThat(target.notAnswering(failure, timeout))
        .isEqualTo(
            "target http://127.0.0.1:"
                + port
                + " is not answering (connection refused): start it with `java -jar"
                + " sample-targets/target/spillway-sample-targets-*-server.jar --port "
                + port
                + "` (gatling-scenarios/README.md lists the settings the gates assume), or leave"
                + " spillway.target.url unset to let the run start one");
  }

  @Test
  void notAnswering_aTargetThatAcceptsButNeverAnswers_saysWhatItWaitedFor() throws Exception {
    try (ServerSocket silent = new ServerSocket(0, 8, InetAddress.getLoopbackAddress())) {
      Target target = Target.external("http://127.0.0.1:" + silent.getLocalPort());
      Duration timeout = Duration.ofMillis(300);

      Throwable failure = catchThrowable(() -> MetricsJson.fetch(target.baseUrl(), timeout));

      assertThat(target.notAnswering(failure, timeout))
          .startsWith(
              "target http://127.0.0.1:"
                  + silent.getLocalPort()
                  + " is not answering (it took the connection but sent no answer to GET"
                  + " /metrics.json within 300 ms): start it with `java -jar")
          .doesNotContain("\n");
    }
  }

  @Test
  void notAnswering_somethingElseOnThePort_isNamedAsNotASampleTarget() throws Exception {
    HttpServer other =
        HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 8);
    other.start();
    try {
      Target target = Target.external("http://127.0.0.1:" + other.getAddress().getPort());
      Duration timeout = Duration.ofSeconds(2);

      Throwable failure = catchThrowable(() -> MetricsJson.fetch(target.baseUrl(), timeout));

      assertThat(target.notAnswering(failure, timeout))
          .isEqualTo(
              "target "
                  + target.baseUrl()
                  + " answers, but not as a sample target (GET "
                  + target.baseUrl()
                  + "/metrics.json must answer 200, but answered 404): point spillway.target.url"
                  + " at a sample-target server, or leave spillway.target.url unset to let the run"
                  + " start one");
    } finally {
      other.stop(0);
    }
  }
}
