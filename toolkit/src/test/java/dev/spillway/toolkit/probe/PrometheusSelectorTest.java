package dev.spillway.toolkit.probe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

class PrometheusSelectorTest {

  private static final Function<String, ProbeException> FAIL = ProbeException::new;

  private static final String EXPOSITION =
      "# TYPE spillway_queue_depth gauge\n"
          + "spillway_queue_depth{design=\"singleton\"} 42\n"
          + "spillway_queue_depth{design=\"bounded\",partition=\"0\"} 7\n"
          + "spillway_queue_depth{design=\"bounded\",partition=\"1\"} 9\n"
          + "spillway_queue_depth 3\n";

  private static long read(PrometheusSelector selector, String body) {
    return selector.depthFrom(body.getBytes(StandardCharsets.UTF_8), FAIL);
  }

  @Test
  void depthFrom_picksTheSampleWithExactlyTheLabelSet() {
    assertThat(read(selector(Map.of("design", "singleton")), EXPOSITION)).isEqualTo(42);
    assertThat(read(selector(Map.of("partition", "1", "design", "bounded")), EXPOSITION))
        .isEqualTo(9);
    assertThat(read(selector(Map.of()), EXPOSITION)).isEqualTo(3);
  }

  @Test
  void depthFrom_doesNotMatchASubsetOfTheLabels() {
    assertThatThrownBy(() -> read(selector(Map.of("design", "bounded")), EXPOSITION))
        .isInstanceOf(ProbeException.class)
        .hasMessage(
            "metric 'spillway_queue_depth' has no sample with exactly the labels"
                + " {design=\"bounded\"}; its 4 samples have the label sets {design=\"singleton\"},"
                + " {design=\"bounded\",partition=\"0\"}, {design=\"bounded\",partition=\"1\"}, {}");
  }

  @Test
  void depthFrom_whenTheMetricIsMissing_saysWhichMetricsWereThere() {
    String body = "a 1\nb 2\nb{x=\"1\"} 3\nc 4\nd 5\ne 6\nf 7\ng 8\n";
    PrometheusSelector selector = new PrometheusSelector("spillway_queue_depth", Map.of());

    assertThatThrownBy(() -> read(selector, body))
        .hasMessage("metric not found among 8 samples of 7 metrics: a, b, c, d, e and 2 more");
    assertThatThrownBy(() -> read(selector, "# nothing\n"))
        .hasMessage("metric not found: the response holds no samples");
  }

  @Test
  void depthFrom_whenTheSampleAppearsTwice_saysWhere() {
    String body = "m{a=\"1\"} 1\nm{a=\"1\"} 2\n";

    assertThatThrownBy(() -> read(new PrometheusSelector("m", Map.of("a", "1")), body))
        .hasMessage(
            "the exposition has 2 samples with these labels (lines 1, 2), expected exactly one");
  }

  @Test
  void depthFrom_whenTheValueIsNotADepth_saysWhyAndWhere() {
    PrometheusSelector selector = new PrometheusSelector("m", Map.of());

    assertThatThrownBy(() -> read(selector, "x 1\nm NaN\n"))
        .hasMessage("value NaN is not a finite number (line 2)");
    assertThatThrownBy(() -> read(selector, "m +Inf\n"))
        .hasMessage("value Infinity is not a finite number (line 1)");
    assertThatThrownBy(() -> read(selector, "m 2.5\n"))
        .hasMessage("value 2.5 is not a whole number of messages (line 1)");
    assertThatThrownBy(() -> read(selector, "m -1\n"))
        .hasMessageStartingWith("value -1.0 is negative");
  }

  @Test
  void depthFrom_reportsMalformedText() {
    assertThatThrownBy(() -> read(new PrometheusSelector("m", Map.of()), "m{ 1\n"))
        .hasMessageStartingWith("malformed Prometheus text at line 1");
  }

  @Test
  void describe_writesTheSelectorAsTheFormatWould() {
    assertThat(selector(Map.of("design", "a\"b", "b", "x")).describe())
        .isEqualTo("spillway_queue_depth{b=\"x\",design=\"a\\\"b\"}");
    assertThat(selector(Map.of()).describe()).isEqualTo("spillway_queue_depth{}");
  }

  @Test
  void constructor_rejectsInvalidNamesAndNulls() {
    assertThatThrownBy(() -> new PrometheusSelector("queue-depth", Map.of()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "metric name must be a Prometheus metric name matching [a-zA-Z_:][a-zA-Z0-9_:]*,"
                + " but was 'queue-depth'");
    assertThatThrownBy(() -> new PrometheusSelector(" ", Map.of()))
        .hasMessage("metric name must not be blank, but was ' '");
    assertThatThrownBy(() -> new PrometheusSelector("m", null))
        .hasMessage("labels must not be null");
    assertThatThrownBy(() -> new PrometheusSelector("m", Map.of("de-sign", "x")))
        .hasMessage(
            "label name must be a Prometheus label name matching [a-zA-Z_][a-zA-Z0-9_]*,"
                + " but was 'de-sign'");
    Map<String, String> nullValue = new HashMap<>();
    nullValue.put("design", null);
    assertThatThrownBy(() -> new PrometheusSelector("m", nullValue))
        .hasMessage("value of label 'design' must not be null");
  }

  private static PrometheusSelector selector(Map<String, String> labels) {
    return new PrometheusSelector("spillway_queue_depth", labels);
  }
}
