package dev.spillway.gatling;

import dev.spillway.toolkit.util.Preconditions;
import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

/**
 * What one named request did over a run: how many were answered by status, how many failed and why,
 * and their response times in milliseconds (as Gatling measured them).
 *
 * @param name the request's name in Gatling's report
 * @param count requests completed; &gt;= 0
 * @param failed requests Gatling marked KO; &gt;= 0, at most {@code count}
 * @param byStatus completed requests by HTTP status ({@code "202"}, {@code "503"}), and {@code
 *     "none"} for those that got no response
 * @param failures failed requests by kind ({@code "no response"}, {@code "unexpected status 500"},
 *     …)
 * @param responseTimeMillis response-time percentiles of the answered requests
 */
record RequestStats(
    String name,
    long count,
    long failed,
    Map<String, Long> byStatus,
    Map<String, Long> failures,
    ResponseTimes responseTimeMillis) {

  /** Validates the components. */
  RequestStats {
    Preconditions.notBlank(name, "request name");
    Preconditions.notNegative(count, "count");
    Preconditions.check(failed >= 0 && failed <= count, "failed", "in [0, " + count + "]", failed);
    byStatus =
        Collections.unmodifiableMap(
            new TreeMap<>(Preconditions.notNull(byStatus, "counts by status")));
    failures =
        Collections.unmodifiableMap(
            new TreeMap<>(Preconditions.notNull(failures, "failures by kind")));
    Preconditions.notNull(responseTimeMillis, "response times");
  }

  /** How many completed with {@code status}. */
  long withStatus(int status) {
    return byStatus.getOrDefault(Integer.toString(status), 0L);
  }
}
