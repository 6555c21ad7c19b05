package dev.spillway.toolkit.probe;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.OptionalLong;

/**
 * One sample line of the Prometheus text exposition format: {@code name{labels} value [timestamp]}.
 *
 * @param name the metric name of the sample, e.g. {@code spillway_queue_depth} or {@code
 *     http_requests_total}
 * @param labels the labels, unescaped, in the order they appeared; unmodifiable
 * @param value the value; NaN and infinities as the format writes them ({@code NaN}, {@code +Inf},
 *     {@code -Inf})
 * @param timestampMillis the optional timestamp, in milliseconds since the epoch
 * @param line the 1-based line number in the exposition, for messages
 */
record PrometheusSample(
    String name, Map<String, String> labels, double value, OptionalLong timestampMillis, int line) {

  PrometheusSample {
    labels = Collections.unmodifiableMap(new LinkedHashMap<>(labels));
  }
}
