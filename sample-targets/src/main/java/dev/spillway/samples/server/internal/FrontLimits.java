package dev.spillway.samples.server.internal;

import dev.spillway.samples.server.HttpLimits;
import java.time.Duration;

/**
 * {@link HttpLimits} as the reactor uses them: nanoseconds, and the timeouts as text for messages.
 */
final class FrontLimits {

  final long idleTimeout;
  final long headerTimeout;
  final long bodyTimeout;
  final long writeTimeout;
  final String headerTimeoutText;
  final String bodyTimeoutText;

  FrontLimits(HttpLimits l) {
    idleTimeout = l.idleTimeout().toNanos();
    headerTimeout = l.headerTimeout().toNanos();
    bodyTimeout = l.bodyTimeout().toNanos();
    writeTimeout = l.writeTimeout().toNanos();
    headerTimeoutText = text(l.headerTimeout());
    bodyTimeoutText = text(l.bodyTimeout());
  }

  private static String text(Duration d) {
    long ms = d.toMillis();
    return ms % 1000 == 0 ? ms / 1000 + " s" : ms + " ms";
  }
}
