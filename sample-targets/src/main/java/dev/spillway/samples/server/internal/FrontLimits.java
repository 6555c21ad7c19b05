package dev.spillway.samples.server.internal;

import dev.spillway.samples.server.HttpLimits;
import dev.spillway.toolkit.util.Durations;

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
    headerTimeoutText = Durations.format(l.headerTimeout());
    bodyTimeoutText = Durations.format(l.bodyTimeout());
  }
}
