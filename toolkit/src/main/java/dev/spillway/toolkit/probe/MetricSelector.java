package dev.spillway.toolkit.probe;

import java.util.function.Function;

/** Where in a metrics response the depth is, and how to read it there. */
sealed interface MetricSelector permits PrometheusSelector, JsonPointerSelector {

  /** The metric as messages name it, e.g. {@code spillway_queue_depth{design="singleton"}}. */
  String describe();

  /** The {@code Accept} header to send. */
  String accept();

  /**
   * The depth read from a complete 2xx response body.
   *
   * @param failure makes the exception to throw from a reason (it adds the probe, URL and metric)
   * @throws ProbeException when the body does not hold the metric or it is not a depth
   */
  long depthFrom(byte[] body, Function<String, ProbeException> failure);
}
