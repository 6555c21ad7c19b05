package dev.spillway.toolkit.probe;

import dev.spillway.toolkit.util.Preconditions;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Selects the one sample with a given metric name and exactly a given label set from a Prometheus
 * text exposition.
 *
 * @param metricName the sample's metric name, valid syntax
 * @param labels the sample's complete label set (no more, no fewer labels); sorted, unmodifiable
 */
record PrometheusSelector(String metricName, Map<String, String> labels) implements MetricSelector {

  /** How many names or label sets an error message lists before it says "and N more". */
  static final int SHOWN = 5;

  PrometheusSelector {
    Preconditions.notBlank(metricName, "metric name");
    Preconditions.check(
        PrometheusTextParser.isMetricName(metricName),
        "metric name",
        "a Prometheus metric name matching [a-zA-Z_:][a-zA-Z0-9_:]*",
        "'" + metricName + "'");
    Preconditions.notNull(labels, "labels");
    TreeMap<String, String> sorted = new TreeMap<>();
    labels.forEach(
        (name, value) -> {
          Preconditions.notNull(name, "label name");
          Preconditions.check(
              PrometheusTextParser.isLabelName(name),
              "label name",
              "a Prometheus label name matching [a-zA-Z_][a-zA-Z0-9_]*",
              "'" + name + "'");
          Preconditions.notNull(value, "value of label '" + name + "'");
          sorted.put(name, value);
        });
    labels = Collections.unmodifiableSortedMap(sorted);
  }

  @Override
  public String describe() {
    return metricName + PrometheusTextParser.formatLabels(labels);
  }

  @Override
  public String accept() {
    return "text/plain;version=0.0.4;q=1.0, */*;q=0.1";
  }

  @Override
  public long depthFrom(byte[] body, Function<String, ProbeException> failure) {
    List<PrometheusSample> samples;
    try {
      samples = PrometheusTextParser.parse(new String(body, StandardCharsets.UTF_8));
    } catch (PrometheusFormatException e) {
      throw failure.apply(e.getMessage());
    }
    List<PrometheusSample> named =
        samples.stream().filter(s -> s.name().equals(metricName)).collect(Collectors.toList());
    if (named.isEmpty()) {
      throw failure.apply(missingMetric(samples));
    }
    List<PrometheusSample> matching =
        named.stream().filter(s -> s.labels().equals(labels)).collect(Collectors.toList());
    if (matching.isEmpty()) {
      Set<String> present = new LinkedHashSet<>();
      named.forEach(s -> present.add(PrometheusTextParser.formatLabels(s.labels())));
      throw failure.apply(
          "metric '"
              + metricName
              + "' has no sample with exactly the labels "
              + PrometheusTextParser.formatLabels(labels)
              + "; its "
              + count(named.size(), "sample has", "samples have")
              + " the label sets "
              + shortList(present));
    }
    if (matching.size() > 1) {
      throw failure.apply(
          "the exposition has "
              + matching.size()
              + " samples with these labels (lines "
              + matching.stream()
                  .map(s -> String.valueOf(s.line()))
                  .collect(Collectors.joining(", "))
              + "), expected exactly one");
    }
    PrometheusSample sample = matching.get(0);
    return Depths.fromDouble(
        sample.value(), reason -> failure.apply(reason + " (line " + sample.line() + ")"));
  }

  private static String missingMetric(List<PrometheusSample> samples) {
    if (samples.isEmpty()) {
      return "metric not found: the response holds no samples";
    }
    Set<String> names = new LinkedHashSet<>();
    samples.forEach(s -> names.add(s.name()));
    return "metric not found among "
        + count(samples.size(), "sample", "samples")
        + " of "
        + count(names.size(), "metric", "metrics")
        + ": "
        + shortList(names);
  }

  private static String count(int n, String one, String many) {
    return n + " " + (n == 1 ? one : many);
  }

  private static String shortList(Set<String> items) {
    String shown = items.stream().limit(SHOWN).collect(Collectors.joining(", "));
    return items.size() > SHOWN ? shown + " and " + (items.size() - SHOWN) + " more" : shown;
  }
}
