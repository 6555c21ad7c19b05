package dev.spillway.toolkit.probe;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import org.apiguardian.api.API;

/**
 * Thrown when a {@link QueueProbe} cannot read its depth. The message names the probe and, for
 * remote probes, the URL and the metric, so that a failing run says what it could not see.
 */
@API(status = EXPERIMENTAL, since = "0.1")
public class ProbeException extends RuntimeException {

  /** A failure with a message that names what could not be read. */
  public ProbeException(String message) {
    super(message);
  }

  /** A failure with a message that names what could not be read, and its cause. */
  public ProbeException(String message, Throwable cause) {
    super(message, cause);
  }
}
