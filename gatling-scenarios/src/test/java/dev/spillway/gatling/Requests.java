package dev.spillway.gatling;

import static io.gatling.javaapi.core.CoreDsl.StringBody;
import static io.gatling.javaapi.core.CoreDsl.bodyString;
import static io.gatling.javaapi.core.CoreDsl.exec;
import static io.gatling.javaapi.core.CoreDsl.responseTimeInMillis;
import static io.gatling.javaapi.http.HttpDsl.header;
import static io.gatling.javaapi.http.HttpDsl.http;
import static io.gatling.javaapi.http.HttpDsl.status;

import dev.spillway.toolkit.util.Preconditions;
import io.gatling.javaapi.core.ChainBuilder;
import io.gatling.javaapi.core.Session;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * The two requests every simulation is made of, as Gatling chains that also feed our {@link
 * ResponseBook}: posting an event to a design, and polling {@code /metrics.json} through gates.
 *
 * <p>Thread-safety: immutable; the chains it builds are safe for any number of virtual users.
 */
final class Requests {

  private static final String STATUS = "spillway.status";
  private static final String RESPONSE_TIME = "spillway.responseTime";

  private final ResponseBook book;
  private final MetricsLog log;
  private final Verdicts verdicts;

  Requests(ResponseBook book, MetricsLog log, Verdicts verdicts) {
    this.book = Preconditions.notNull(book, "response book");
    this.log = Preconditions.notNull(log, "metrics log");
    this.verdicts = Preconditions.notNull(verdicts, "verdicts");
  }

  /**
   * {@code POST /designs/{design}/events?key=…}, named {@code name} in the reports. It is OK when
   * its status is one of {@code allowed}, and a 503 carries {@code Retry-After}; anything else
   * (another status, no response) fails it.
   */
  ChainBuilder postEvent(
      String name, String design, Function<Session, Object> key, Set<Integer> allowed) {
    Preconditions.notBlank(name, "request name");
    Preconditions.notBlank(design, "design");
    Preconditions.notNull(key, "key function");
    Preconditions.notEmpty(allowed, "allowed statuses");
    Set<Integer> ok = Set.copyOf(allowed);
    return exec(session -> started(name, session))
        .exec(
            http(name)
                .post("/designs/" + design + "/events")
                .queryParam("key", key)
                .body(StringBody("spike"))
                .check(
                    status().saveAs(STATUS),
                    responseTimeInMillis().saveAs(RESPONSE_TIME),
                    status().in(new ArrayList<>(new TreeSet<>(ok))))
                .checkIf((response, session) -> response.status().code() == 503)
                .then(header("Retry-After").exists()))
        .exec(
            session ->
                finished(
                    name,
                    session,
                    status ->
                        !ok.contains(status)
                            ? "unexpected status " + status
                            : status == 503 ? "503 without Retry-After" : "check failed"));
  }

  /**
   * {@code GET /metrics.json}, named {@code name}: records the sample in the {@link MetricsLog},
   * then fails when any gate finds a violation (each one is also recorded as a breach), or when the
   * answer took longer than {@code maxResponseTime}.
   */
  ChainBuilder poll(String name, List<Gate> gates, Duration maxResponseTime) {
    return poll(name, gates, maxResponseTime, null);
  }

  /**
   * {@link #poll(String, List, Duration)}, then, on that same last sample, the end-of-run checks of
   * {@code atEnd}: each verdict is recorded, and a failed one fails this request.
   */
  ChainBuilder finalPoll(
      String name,
      List<Gate> gates,
      Duration maxResponseTime,
      Function<MetricsLog, List<Verdict>> atEnd) {
    return poll(name, gates, maxResponseTime, Preconditions.notNull(atEnd, "end-of-run checks"));
  }

  private ChainBuilder poll(
      String name,
      List<Gate> gates,
      Duration maxResponseTime,
      Function<MetricsLog, List<Verdict>> atEnd) {
    Preconditions.notBlank(name, "request name");
    List<Gate> all = List.copyOf(gates);
    long maxMillis = Preconditions.positive(maxResponseTime, "longest poll").toMillis();
    return exec(session -> started(name, session))
        .exec(
            http(name)
                .get("/metrics.json")
                .check(
                    status().saveAs(STATUS),
                    responseTimeInMillis().saveAs(RESPONSE_TIME),
                    status().is(200),
                    bodyString()
                        .validate(
                            "gates",
                            (body, session) -> {
                              judge(log.record(MetricsJson.parse(body)), all, atEnd);
                              return body;
                            }),
                    responseTimeInMillis().lte((int) maxMillis)))
        .exec(
            session ->
                finished(
                    name,
                    session,
                    status ->
                        status != 200
                            ? "unexpected status " + status
                            : responseTime(session) > maxMillis
                                ? "slower than " + maxMillis + " ms"
                                : "gate, verdict or body check failed"));
  }

  private void judge(
      MetricsSample sample, List<Gate> gates, Function<MetricsLog, List<Verdict>> atEnd) {
    List<String> problems = new ArrayList<>();
    for (Gate gate : gates) {
      List<String> found = gate.violations(sample);
      for (String v : found) {
        verdicts.breach(String.format(Locale.ROOT, "at %.2f s: %s", sample.offsetNanos() / 1e9, v));
      }
      if (!found.isEmpty()) {
        problems.add("gate '" + gate.name() + "' crossed (the run summary has the figures)");
      }
    }
    if (atEnd != null) {
      for (Verdict v : atEnd.apply(log)) {
        verdicts.add(v);
        if (!v.passed()) {
          problems.add("verdict '" + v.name() + "' failed: " + v.detail());
        }
      }
    }
    if (!problems.isEmpty()) {
      throw new GateFailure(String.join("; ", problems));
    }
  }

  private Session started(String name, Session session) {
    book.started(name);
    return session.remove(STATUS).remove(RESPONSE_TIME);
  }

  private Session finished(
      String name, Session session, Function<Integer, String> failureOfAnsweredRequest) {
    int status = session.contains(STATUS) ? session.getInt(STATUS) : ResponseBook.NO_RESPONSE;
    String failure = null;
    if (session.isFailed()) {
      failure =
          status == ResponseBook.NO_RESPONSE
              ? "no response"
              : failureOfAnsweredRequest.apply(status);
    }
    book.finished(name, status, responseTime(session), failure);
    return session.markAsSucceeded();
  }

  private static long responseTime(Session session) {
    return session.contains(RESPONSE_TIME) ? session.getInt(RESPONSE_TIME) : -1;
  }

  /** A gate or verdict that failed on a poll; its message is what Gatling's error table shows. */
  static final class GateFailure extends RuntimeException {
    GateFailure(String message) {
      super(message, null, false, false);
    }
  }
}
