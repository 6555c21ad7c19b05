package dev.spillway.toolkit.probe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class PrometheusTextParserTest {

  @Test
  void parse_readsSamplesAndSkipsCommentsHelpTypeAndBlankLines() {
    String text =
        "# HELP spillway_queue_depth Messages waiting, per design.\n"
            + "# TYPE spillway_queue_depth gauge\n"
            + "\n"
            + "   \t\n"
            + "# a free comment { with \" odd } characters\n"
            + "spillway_queue_depth{design=\"singleton\"} 42\n"
            + "spillway_queue_depth{design=\"bounded\",partition=\"0\"} 7\n"
            + "process_uptime_seconds 12.5\n";

    List<PrometheusSample> samples = PrometheusTextParser.parse(text);

    assertThat(samples).hasSize(3);
    assertThat(samples.get(0).name()).isEqualTo("spillway_queue_depth");
    assertThat(samples.get(0).labels()).containsExactly(Map.entry("design", "singleton"));
    assertThat(samples.get(0).value()).isEqualTo(42.0);
    assertThat(samples.get(0).line()).isEqualTo(6);
    assertThat(samples.get(1).labels())
        .containsExactly(Map.entry("design", "bounded"), Map.entry("partition", "0"));
    assertThat(samples.get(2).labels()).isEmpty();
    assertThat(samples.get(2).value()).isEqualTo(12.5);
    assertThat(samples.get(2).timestampMillis()).isEmpty();
  }

  @Test
  void parse_unescapesQuoteBackslashAndNewlineInLabelValues() {
    String text = "m{path=\"C:\\\\dir\",msg=\"say \\\"hi\\\"\",multi=\"a\\nb\"} 1\n";

    PrometheusSample sample = PrometheusTextParser.parse(text).get(0);

    assertThat(sample.labels().get("path")).isEqualTo("C:\\dir");
    assertThat(sample.labels().get("msg")).isEqualTo("say \"hi\"");
    assertThat(sample.labels().get("multi")).isEqualTo("a\nb");
  }

  @Test
  void parse_keepsAnUnknownEscapeAsWritten() {
    PrometheusSample sample = PrometheusTextParser.parse("m{l=\"a\\tb\"} 1").get(0);

    assertThat(sample.labels().get("l")).isEqualTo("a\\tb");
  }

  @Test
  void parse_acceptsBracesAndCommasInsideLabelValues() {
    PrometheusSample sample = PrometheusTextParser.parse("m{l=\"{a},b=\\\"c\\\"}\"} 1").get(0);

    assertThat(sample.labels()).containsExactly(Map.entry("l", "{a},b=\"c\"}"));
  }

  @Test
  void parse_readsTimestampsTrailingCommaTabsAndCarriageReturns() {
    String text =
        "a{x=\"1\",} 3 1712345678901\r\n" + "b\t{ y = \"2\" }\t4\t-5\r\n" + "c{} 5\n" + "d 6";

    List<PrometheusSample> samples = PrometheusTextParser.parse(text);

    assertThat(samples).extracting(PrometheusSample::name).containsExactly("a", "b", "c", "d");
    assertThat(samples.get(0).timestampMillis()).isEqualTo(OptionalLong.of(1712345678901L));
    assertThat(samples.get(0).labels()).containsExactly(Map.entry("x", "1"));
    assertThat(samples.get(1).labels()).containsExactly(Map.entry("y", "2"));
    assertThat(samples.get(1).timestampMillis()).isEqualTo(OptionalLong.of(-5));
    assertThat(samples.get(2).labels()).isEmpty();
    assertThat(samples.get(3).value()).isEqualTo(6.0);
  }

  @ParameterizedTest
  @CsvSource({
    "12, 12.0",
    "12.0, 12.0",
    "-3.5, -3.5",
    "1e3, 1000.0",
    "1.5E-1, 0.15",
    ".5, 0.5",
    "+7, 7.0",
    "5., 5.0"
  })
  void parse_readsDecimalValues(String token, double expected) {
    assertThat(PrometheusTextParser.parse("m " + token).get(0).value()).isEqualTo(expected);
  }

  @ParameterizedTest
  @ValueSource(strings = {"NaN", "nan", "+Inf", "-Inf", "Inf", "+inf", "Infinity"})
  void parse_readsSpecialValues(String token) {
    double value = PrometheusTextParser.parse("m " + token).get(0).value();

    assertThat(Double.isFinite(value)).isFalse();
    if (token.startsWith("-")) {
      assertThat(value).isEqualTo(Double.NEGATIVE_INFINITY);
    }
  }

  @Test
  void parse_acceptsMetricNamesWithColonsAndAnEmptyBody() {
    assertThat(PrometheusTextParser.parse("job:requests:rate5m 2").get(0).name())
        .isEqualTo("job:requests:rate5m");
    assertThat(PrometheusTextParser.parse("")).isEmpty();
    assertThat(PrometheusTextParser.parse("\n\n# only comments\n")).isEmpty();
  }

  static Stream<Arguments> malformedLines() {
    return Stream.of(
        arguments("m", "expected a value, found the end of the line"),
        arguments("m{", "unterminated label set"),
        arguments("m{l=\"v\" 1", "expected ',' or '}' after the value of label 'l'"),
        arguments("m{l=\"v} 1", "unterminated label value"),
        arguments("m{l=v} 1", "expected '\"', found 'v'"),
        arguments("m{1l=\"v\"} 1", "expected a label name, found '1'"),
        arguments("m{l:x=\"v\"} 1", "expected '=', found ':'"),
        arguments("m{l=\"a\",l=\"b\"} 1", "label 'l' appears twice"),
        arguments("9m 1", "expected a metric name, found '9'"),
        arguments("m-x 1", "expected a blank or '{' after the metric name, found '-'"),
        arguments("m abc", "'abc' is not a sample value"),
        arguments("m 12d", "'12d' is not a sample value"),
        arguments("m 0x1p3", "'0x1p3' is not a sample value"),
        arguments("m 1 12.5", "'12.5' is not a timestamp"),
        arguments("m 1 99999999999999999999", "'99999999999999999999' is not a timestamp"),
        arguments("m 1 2 3", "unexpected '3' after the timestamp"),
        arguments("# TYPE m gauges", "unknown metric type 'gauges'"),
        arguments("# TYPE m", "expected a metric type after # TYPE"),
        arguments("# TYPE m gauge extra", "unexpected 'extra' after the metric type"),
        arguments("# HELP", "expected a metric name after # HELP"),
        arguments("# HELP m-x doc", "expected a blank after the metric name in # HELP"));
  }

  @ParameterizedTest
  @MethodSource("malformedLines")
  void parse_rejectsMalformedLinesNamingTheLine(String line, String reason) {
    String text = "ok_metric 1\n" + line + "\n";

    assertThatThrownBy(() -> PrometheusTextParser.parse(text))
        .isInstanceOf(PrometheusFormatException.class)
        .hasMessageStartingWith("malformed Prometheus text at line 2: ")
        .hasMessageContaining(reason);
  }

  @Test
  void parse_treatsHashWordsOtherThanHelpAndTypeAsComments() {
    assertThat(PrometheusTextParser.parse("# HELPFUL note\n# EOF\n#TYPES of queues\nm 1"))
        .hasSize(1);
  }

  @Test
  void formatLabels_escapesWhatParseUnescapes() {
    Map<String, String> labels = new LinkedHashMap<>();
    labels.put("a", "x\"y");
    labels.put("b", "back\\slash\nline");

    String formatted = PrometheusTextParser.formatLabels(labels);
    PrometheusSample roundTrip = PrometheusTextParser.parse("m" + formatted + " 1").get(0);

    assertThat(formatted).isEqualTo("{a=\"x\\\"y\",b=\"back\\\\slash\\nline\"}");
    assertThat(roundTrip.labels()).isEqualTo(labels);
    assertThat(PrometheusTextParser.formatLabels(Map.of())).isEqualTo("{}");
  }

  @ParameterizedTest
  @CsvSource({"abc, true", "_a:b_9, true", ":x, true", "9a, false", "a-b, false", "'', false"})
  void isMetricName_followsTheFormatsGrammar(String name, boolean valid) {
    assertThat(PrometheusTextParser.isMetricName(name)).isEqualTo(valid);
  }

  @ParameterizedTest
  @CsvSource({"abc, true", "_a9, true", "a:b, false", "9a, false", "'', false"})
  void isLabelName_followsTheFormatsGrammar(String name, boolean valid) {
    assertThat(PrometheusTextParser.isLabelName(name)).isEqualTo(valid);
  }
}
