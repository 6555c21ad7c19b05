package dev.spillway.gatling;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.apiguardian.api.API;

/**
 * Where the target keeps its books: the counters of messages it received (sent to it), processed,
 * rejected, dropped and failed, and optionally a gauge of the messages inside its consumers. They
 * are read before the load and after it; the difference is the run's books, judged by the toolkit
 * (nothing silently lost) and cross-checked with the answers Gatling's users got.
 *
 * <pre>{@code
 * // spillway_messages_total{design="orders",outcome="sent"} and its siblings
 * BookCounters.prometheus("spillway_messages_total", Map.of("design", "orders"), "outcome")
 * // {"sent": 12, "processed": 10, ...} under /designs/orders/ledger
 * BookCounters.json("/designs/orders/ledger")
 * }</pre>
 *
 * <p>{@code sent} and {@code processed} are required; a counter the target does not keep is absent
 * and read as 0. Immutable and thread-safe.
 *
 * @param sent messages the target received
 * @param processed messages it processed
 * @param rejected messages it refused (told the caller)
 * @param dropped messages it discarded
 * @param failed messages whose handling failed
 * @param inFlight messages inside its consumers now (a gauge), if it counts them
 */
@API(status = EXPERIMENTAL, since = "0.1")
public record BookCounters(
    Metric sent,
    Metric processed,
    Optional<Metric> rejected,
    Optional<Metric> dropped,
    Optional<Metric> failed,
    Optional<Metric> inFlight) {

  /** Validates the components. */
  public BookCounters {
    Checks.notNull(sent, "sent counter");
    Checks.notNull(processed, "processed counter");
    Checks.notNull(rejected, "rejected counter");
    Checks.notNull(dropped, "dropped counter");
    Checks.notNull(failed, "failed counter");
    Checks.notNull(inFlight, "in-flight gauge");
  }

  /** Books with just the sent and processed counters. */
  public static BookCounters of(Metric sent, Metric processed) {
    return new BookCounters(
        sent, processed, Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty());
  }

  /**
   * One Prometheus counter with an outcome label: {@code metric{labels…, outcomeLabel="sent"}}, and
   * the same with {@code processed}, {@code rejected}, {@code dropped} and {@code failed}.
   */
  public static BookCounters prometheus(
      String metric, Map<String, String> labels, String outcomeLabel) {
    Checks.notBlank(outcomeLabel, "outcome label");
    Checks.notNull(labels, "metric labels");
    Checks.check(
        !labels.containsKey(outcomeLabel),
        "metric labels",
        "without the outcome label '" + outcomeLabel + "'",
        labels);
    return new BookCounters(
        outcome(metric, labels, outcomeLabel, "sent"),
        outcome(metric, labels, outcomeLabel, "processed"),
        Optional.of(outcome(metric, labels, outcomeLabel, "rejected")),
        Optional.of(outcome(metric, labels, outcomeLabel, "dropped")),
        Optional.of(outcome(metric, labels, outcomeLabel, "failed")),
        Optional.empty());
  }

  /**
   * A JSON object holding the counts as fields {@code sent}, {@code processed}, {@code rejected},
   * {@code dropped}, {@code failed} and {@code inFlight}, at {@code objectPointer}.
   */
  public static BookCounters json(String objectPointer) {
    Checks.notNull(objectPointer, "JSON pointer");
    return new BookCounters(
        Metric.json(objectPointer + "/sent"),
        Metric.json(objectPointer + "/processed"),
        Optional.of(Metric.json(objectPointer + "/rejected")),
        Optional.of(Metric.json(objectPointer + "/dropped")),
        Optional.of(Metric.json(objectPointer + "/failed")),
        Optional.of(Metric.json(objectPointer + "/inFlight")));
  }

  /** A copy with the rejected counter. */
  public BookCounters withRejected(Metric rejected) {
    return new BookCounters(
        sent,
        processed,
        Optional.of(Checks.notNull(rejected, "rejected counter")),
        dropped,
        failed,
        inFlight);
  }

  /** A copy with the gauge of messages inside the consumers. */
  public BookCounters withInFlight(Metric inFlight) {
    return new BookCounters(
        sent,
        processed,
        rejected,
        dropped,
        failed,
        Optional.of(Checks.notNull(inFlight, "in-flight gauge")));
  }

  /**
   * Every metric by its role ({@code sent}, {@code processed}, …), in that order; absent ones left
   * out.
   */
  Map<String, Metric> byRole() {
    Map<String, Metric> out = new LinkedHashMap<>();
    out.put(SENT, sent);
    out.put(PROCESSED, processed);
    rejected.ifPresent(m -> out.put(REJECTED, m));
    dropped.ifPresent(m -> out.put(DROPPED, m));
    failed.ifPresent(m -> out.put(FAILED, m));
    inFlight.ifPresent(m -> out.put(IN_FLIGHT, m));
    return out;
  }

  static final String SENT = "sent";
  static final String PROCESSED = "processed";
  static final String REJECTED = "rejected";
  static final String DROPPED = "dropped";
  static final String FAILED = "failed";
  static final String IN_FLIGHT = "inFlight";

  private static Metric outcome(
      String metric, Map<String, String> labels, String outcomeLabel, String outcome) {
    Map<String, String> all = new LinkedHashMap<>(labels);
    all.put(outcomeLabel, outcome);
    return Metric.prometheus(metric, all);
  }
}
