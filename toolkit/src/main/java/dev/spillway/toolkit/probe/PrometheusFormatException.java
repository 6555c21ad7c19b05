package dev.spillway.toolkit.probe;

/** A body that is not valid Prometheus text exposition format; the message names the line. */
final class PrometheusFormatException extends RuntimeException {

  PrometheusFormatException(int line, String reason) {
    super("malformed Prometheus text at line " + line + ": " + reason);
  }
}
