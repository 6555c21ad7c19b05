package dev.spillway.gatling;

import dev.spillway.toolkit.util.Preconditions;
import java.time.Duration;

/**
 * A p99 response-time bound on one named request, as the summary judges it from our own figures
 * (the build is failed by the matching Gatling assertion).
 *
 * @param request the request's name
 * @param bound the p99 must be below this; &gt; 0
 */
record LatencyBound(String request, Duration bound) {

  /** Validates the components. */
  LatencyBound {
    Preconditions.notBlank(request, "request name");
    Preconditions.positive(bound, "p99 bound of " + request);
  }

  /** Whether {@code stats} kept its p99 below the bound (a request that never ran does not). */
  Verdict judge(RequestStats stats) {
    String name = "p99 of " + request + " < " + bound.toMillis() + " ms";
    long p99 = stats.responseTimeMillis().p99();
    String detail = "p99 " + p99 + " ms over " + stats.responseTimeMillis().count() + " responses";
    boolean ok = stats.responseTimeMillis().count() > 0 && p99 < bound.toMillis();
    return ok ? Verdict.pass(name, detail) : Verdict.fail(name, detail);
  }
}
