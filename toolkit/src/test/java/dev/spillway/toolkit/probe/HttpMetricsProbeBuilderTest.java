package dev.spillway.toolkit.probe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Settings and argument checks of {@link HttpMetricsProbe}; no request is sent here. */
class HttpMetricsProbeBuilderTest {

  private static final String URL = "http://127.0.0.1:9/metrics";

  private static HttpMetricsProbe.Builder builder() {
    return HttpMetricsProbe.prometheus("p", URL, "spillway_queue_depth", Map.of("design", "x"));
  }

  @Test
  void build_usesTheDocumentedDefaults() {
    try (HttpMetricsProbe probe = builder().build()) {
      assertThat(probe.name()).isEqualTo("p");
      assertThat(probe.url()).isEqualTo(URI.create(URL));
      assertThat(probe.metric()).isEqualTo("spillway_queue_depth{design=\"x\"}");
      assertThat(probe.connectTimeout()).isEqualTo(Duration.ofSeconds(1));
      assertThat(probe.readTimeout()).isEqualTo(Duration.ofSeconds(2));
      assertThat(probe.maxBodyBytes()).isEqualTo(1024 * 1024);
    }
  }

  @Test
  void builder_isImmutableSoItServesAsATemplate() {
    HttpMetricsProbe.Builder template = builder();
    HttpMetricsProbe.Builder fast = template.readTimeout(Duration.ofMillis(100));
    HttpMetricsProbe.Builder small =
        template.connectTimeout(50, TimeUnit.MILLISECONDS).maxBodyBytes(10);

    try (HttpMetricsProbe a = template.build();
        HttpMetricsProbe b = fast.build();
        HttpMetricsProbe c = small.build()) {
      assertThat(a.readTimeout()).isEqualTo(Duration.ofSeconds(2));
      assertThat(b.readTimeout()).isEqualTo(Duration.ofMillis(100));
      assertThat(b.connectTimeout()).isEqualTo(Duration.ofSeconds(1));
      assertThat(c.connectTimeout()).isEqualTo(Duration.ofMillis(50));
      assertThat(c.maxBodyBytes()).isEqualTo(10);
      assertThat(c.readTimeout()).isEqualTo(Duration.ofSeconds(2));
    }
  }

  @Test
  void toString_listsEverySetting() {
    String expected =
        "name=p, url="
            + URL
            + ", metric=spillway_queue_depth{design=\"x\"}, connectTimeout=PT1S,"
            + " readTimeout=PT0.3S, maxBodyBytes=2048, client=own]";
    HttpMetricsProbe.Builder builder =
        builder().readTimeout(Duration.ofMillis(300)).maxBodyBytes(2048);

    assertThat(builder.toString()).isEqualTo("HttpMetricsProbe.Builder[" + expected);
    try (HttpMetricsProbe probe = builder.build()) {
      assertThat(probe.toString()).isEqualTo("HttpMetricsProbe[" + expected);
    }
  }

  @Test
  void client_isShared_andNamedSoInToString() {
    HttpMetricsProbe.Builder shared = builder().client(HttpClient.newHttpClient());

    assertThat(shared.toString()).endsWith(", client=shared]");
    try (HttpMetricsProbe own = builder().build();
        HttpMetricsProbe probe = shared.build()) {
      assertThat(own.sharesClient()).isFalse();
      assertThat(probe.sharesClient()).isTrue();
      assertThat(probe.toString()).endsWith(", client=shared]");
    }
  }

  @Test
  void client_rejectsNull() {
    assertThatThrownBy(() -> builder().client(null))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("HTTP client must not be null");
  }

  @Test
  void json_acceptsHttpsAndUpperCaseSchemes() {
    try (HttpMetricsProbe a = HttpMetricsProbe.json("j", "https://example.com/s", "/d").build();
        HttpMetricsProbe b = HttpMetricsProbe.json("j", "HTTP://example.com/s", "/d").build()) {
      assertThat(a.metric()).isEqualTo("JSON pointer '/d'");
      assertThat(b.url().getHost()).isEqualTo("example.com");
    }
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "ftp://example.com/metrics",
        "file:///tmp/metrics",
        "/metrics",
        "localhost:8080/metrics",
        "http:///metrics",
        "mailto:ops@example.com"
      })
  void factories_rejectAUrlThatIsNotAbsoluteHttpWithAHost(String url) {
    String message =
        "metrics URL must be an absolute http or https URL with a host, such as"
            + " http://127.0.0.1:8080/metrics, but was '"
            + url
            + "'";

    assertThatThrownBy(() -> HttpMetricsProbe.prometheus("p", url, "m", Map.of()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(message);
    assertThatThrownBy(() -> HttpMetricsProbe.json("p", url, "/d"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(message);
  }

  @Test
  void factories_rejectAUrlWithBadSyntax() {
    assertThatThrownBy(() -> HttpMetricsProbe.json("p", "http://exa mple.com/", "/d"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("metrics URL must be an absolute http or https URL")
        .hasMessageEndingWith("but was 'http://exa mple.com/'");
  }

  @Test
  void factories_rejectBlankNamesAndUrls() {
    assertThatThrownBy(() -> HttpMetricsProbe.prometheus("", URL, "m", Map.of()))
        .hasMessage("probe name must not be blank, but was ''");
    assertThatThrownBy(() -> HttpMetricsProbe.json(null, URL, "/d"))
        .hasMessage("probe name must not be null");
    assertThatThrownBy(() -> HttpMetricsProbe.json("p", " ", "/d"))
        .hasMessage("metrics URL must not be blank, but was ' '");
  }

  @Test
  void prometheus_rejectsAnInvalidMetricOrLabels() {
    assertThatThrownBy(() -> HttpMetricsProbe.prometheus("p", URL, "queue.depth", Map.of()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("metric name must be a Prometheus metric name");
    assertThatThrownBy(() -> HttpMetricsProbe.prometheus("p", URL, "m", null))
        .hasMessage("labels must not be null");
    assertThatThrownBy(() -> HttpMetricsProbe.prometheus("p", URL, "m", Map.of("a b", "x")))
        .hasMessageStartingWith("label name must be a Prometheus label name");
  }

  @Test
  void json_rejectsAnInvalidPointer() {
    assertThatThrownBy(() -> HttpMetricsProbe.json("p", URL, "queues.depth"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("JSON pointer must be an RFC 6901 pointer")
        .hasMessageEndingWith("but was 'queues.depth'");
  }

  @Test
  void timeouts_mustBePositive() {
    assertThatThrownBy(() -> builder().connectTimeout(Duration.ZERO))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("connect timeout must be a positive duration, but was PT0S");
    assertThatThrownBy(() -> builder().readTimeout(Duration.ofMillis(-1)))
        .hasMessage("read timeout must be a positive duration, but was PT-0.001S");
    assertThatThrownBy(() -> builder().readTimeout(null))
        .hasMessage("read timeout must not be null");
    assertThatThrownBy(() -> builder().connectTimeout(0, TimeUnit.SECONDS))
        .hasMessage("connect timeout must be > 0, but was 0");
    assertThatThrownBy(() -> builder().readTimeout(-5, TimeUnit.MILLISECONDS))
        .hasMessage("read timeout must be > 0, but was -5");
    assertThatThrownBy(() -> builder().readTimeout(5, null))
        .hasMessage("read timeout unit must not be null");
  }

  @Test
  void timeouts_mustBeAtMostAnHour() {
    assertThatThrownBy(() -> builder().connectTimeout(Duration.ofHours(2)))
        .hasMessage("connect timeout must be at most PT1H, but was PT2H");
    assertThatThrownBy(() -> builder().readTimeout(Long.MAX_VALUE, TimeUnit.DAYS))
        .hasMessage("read timeout must be at most PT1H, but was " + Long.MAX_VALUE + " DAYS");
    assertThat(builder().readTimeout(1, TimeUnit.HOURS)).isNotNull();
  }

  @Test
  void maxBodyBytes_mustBePositive() {
    assertThatThrownBy(() -> builder().maxBodyBytes(0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("max body bytes must be > 0, but was 0");
  }
}
