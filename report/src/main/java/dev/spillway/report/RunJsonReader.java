package dev.spillway.report;

import dev.spillway.toolkit.ledger.CauseCount;
import dev.spillway.toolkit.ledger.LedgerAnomaly;
import dev.spillway.toolkit.ledger.LedgerSnapshot;
import dev.spillway.toolkit.ledger.Rates;
import dev.spillway.toolkit.load.Ending;
import dev.spillway.toolkit.load.Percentiles;
import dev.spillway.toolkit.load.PhaseKind;
import dev.spillway.toolkit.record.Growth;
import dev.spillway.toolkit.record.TraceEvent;
import dev.spillway.toolkit.verdict.Verdict;
import java.time.Duration;
import java.util.OptionalDouble;

/**
 * Reads a {@value RunResultJson#SCHEMA} document into a {@link RunResult}; derived fields ({@code
 * figures}, {@code held}, {@code unaccounted}...) are ignored, unknown fields too. Stateless.
 */
final class RunJsonReader {

  private RunJsonReader() {}

  static RunResult read(JsonIn o) {
    String schema = o.text("schema");
    if (!schema.equals(RunResultJson.SCHEMA)) {
      throw new ReportFormatException(
          "field /schema must be \"" + RunResultJson.SCHEMA + "\", but was \"" + schema + "\"");
    }
    String name = o.text("name");
    return o.build(
        () ->
            new RunResult(
                o.text("id"),
                name,
                o.optionalText("design").orElse(name),
                o.optionalText("scenario").orElse("default"),
                o.optionalText("source").orElse("unknown"),
                o.instant("startedAt"),
                o.duration("durationMs"),
                o.optional("verdict").map(v -> v.enumValue(Verdict.class)),
                o.optionalText("explanation").orElse(""),
                o.optionalText("judgedProbe"),
                o.optional("profile").map(RunJsonReader::plan),
                o.optional("load").map(RunJsonReader::load),
                o.list(
                    "injectors",
                    i -> i.build(() -> new InjectorInfo(i.text("name"), i.strings("params")))),
                o.list("probes", RunJsonReader::probe),
                o.optional("growth").map(RunJsonReader::growth),
                o.optionalDuration("drainTimeMs"),
                o.optionalDuration("timeToLimitMs"),
                o.optional("rates").map(RunJsonReader::rates),
                o.optional("ledger").map(RunJsonReader::ledger),
                o.list("ratePoints", RunJsonReader::ratePoint),
                o.optional("latency").map(RunJsonReader::percentiles),
                o.optional("lateness").map(RunJsonReader::percentiles),
                o.list("breaches", RunJsonReader::breach),
                o.list("events", RunJsonReader::event),
                o.list("bounds", RunJsonReader::bound),
                o.strings("details")));
  }

  private static LoadPlan plan(JsonIn o) {
    return o.build(
        () ->
            new LoadPlan(
                o.optionalText("description").orElse(""),
                o.duration("loadStartMs"),
                o.duration("plannedDurationMs"),
                o.count("plannedMessages"),
                o.list("phases", RunJsonReader::phase)));
  }

  private static PhaseSpan phase(JsonIn o) {
    return o.build(
        () ->
            new PhaseSpan(
                o.text("name"),
                o.enumValue("kind", PhaseKind.class),
                o.duration("startMs"),
                o.duration("durationMs"),
                rate(o, "startRatePerSecond"),
                rate(o, "endRatePerSecond"),
                o.count("plannedMessages"),
                o.optionalCount("sentMessages"),
                o.optionalNotNegative("achievedRatePerSecond"),
                o.optionalCount("heldMessages")));
  }

  /** A rate; null (a burst) is infinite. */
  private static double rate(JsonIn o, String name) {
    OptionalDouble rate = o.optionalNotNegative(name);
    return rate.isPresent() ? rate.getAsDouble() : Double.POSITIVE_INFINITY;
  }

  private static LoadFigures load(JsonIn o) {
    return o.build(
        () ->
            new LoadFigures(
                o.count("planned"),
                o.count("sent"),
                o.count("accepted"),
                o.count("rejected"),
                o.count("failed"),
                o.count("unfinished"),
                o.count("notSent"),
                o.enumValue("ending", Ending.class),
                o.notNegative("achievedRatePerSecond"),
                o.optionalText("backPressure")));
  }

  private static Percentiles percentiles(JsonIn o) {
    return o.build(
        () ->
            new Percentiles(
                o.count("count"),
                o.duration("p50Ms"),
                o.duration("p90Ms"),
                o.duration("p99Ms"),
                o.duration("p999Ms"),
                o.duration("maxMs")));
  }

  private static ProbeTrace probe(JsonIn o) {
    long[] times =
        o.optional("timesMs").isPresent()
            ? o.longs("timesMs", JsonIn::nanosFromMillis)
            : new long[0];
    long[] depths =
        o.optional("depths").isPresent() ? o.longs("depths", JsonIn::countValue) : new long[0];
    return o.build(
        () ->
            new ProbeTrace(
                o.text("name"),
                times,
                depths,
                o.optionalCount("samples").orElse(times.length),
                o.optionalCount("failedSamples").orElse(0),
                o.count("highWaterMark"),
                o.optional("highWaterMarkAtMs").isPresent()
                    ? o.duration("highWaterMarkAtMs")
                    : Duration.ZERO,
                o.optionalCount("exactHighWaterMark"),
                o.optionalCount("finalDepth")
                    .orElse(depths.length == 0 ? 0 : depths[depths.length - 1]),
                o.optionalNotNegative("meanDepth").orElse(0)));
  }

  private static Growth growth(JsonIn o) {
    return o.build(
        () ->
            new Growth(
                o.optionalNumber("slopePerSecond").orElse(Double.NaN),
                o.optionalNumber("standardErrorPerSecond").orElse(Double.NaN),
                o.smallCount("points"),
                o.duration("fromMs"),
                o.duration("toMs"),
                o.optionalNumber("fittedStartDepth").orElse(Double.NaN)));
  }

  private static Rates rates(JsonIn o) {
    return o.build(
        () ->
            new Rates(
                o.notNegative("arrivalPerSecond"),
                o.notNegative("servicePerSecond"),
                o.duration("windowMs")));
  }

  private static LedgerSnapshot ledger(JsonIn o) {
    return o.build(
        () ->
            new LedgerSnapshot(
                o.optionalText("name").orElse("ledger"),
                o.count("sent"),
                o.count("processed"),
                o.count("rejected"),
                o.count("dropped"),
                o.count("failed"),
                o.count("queued"),
                o.optionalCount("inFlight").orElse(0),
                o.optionalCount("byCaller").orElse(0),
                o.optional("sinceLastCompletionMs").isPresent()
                    ? o.duration("sinceLastCompletionMs")
                    : Duration.ZERO,
                o.optional("sendingAfterLastCompletionMs").isPresent()
                    ? o.duration("sendingAfterLastCompletionMs")
                    : Duration.ZERO,
                o.optionalCount("anomalyCount").orElse(0),
                o.list(
                    "anomalies",
                    a ->
                        a.build(
                            () ->
                                new LedgerAnomaly(
                                    a.field("id").longValue(),
                                    a.enumValue("kind", LedgerAnomaly.Kind.class),
                                    a.optionalText("detail").orElse("")))),
                o.list("outstandingIds", JsonIn::longValue),
                o.list("failureCauses", RunJsonReader::cause),
                o.list("rejectionReasons", RunJsonReader::cause),
                o.list("dropReasons", RunJsonReader::cause)));
  }

  private static CauseCount cause(JsonIn o) {
    return o.build(
        () -> new CauseCount(o.text("cause"), o.count("count"), o.list("examples", JsonIn::text)));
  }

  private static RatePoint ratePoint(JsonIn o) {
    return o.build(
        () ->
            new RatePoint(
                o.offset("startMs"),
                o.duration("lengthMs"),
                o.count("sent"),
                o.count("completed")));
  }

  private static BreachMark breach(JsonIn o) {
    return o.build(
        () ->
            new BreachMark(
                o.offset("atMs"),
                o.text("queue"),
                o.count("depth"),
                o.optionalText("detail").orElse("")));
  }

  private static TimelineEvent event(JsonIn o) {
    return o.build(
        () ->
            new TimelineEvent(
                o.offset("atMs"),
                o.enumValue("kind", TraceEvent.Kind.class),
                o.text("source"),
                o.optionalText("detail").orElse("")));
  }

  private static BoundCheck bound(JsonIn o) {
    return o.build(
        () ->
            new BoundCheck(
                o.enumValue("kind", BoundKind.class),
                o.text("subject"),
                o.notNegative("limit"),
                o.optionalNotNegative("observed")));
  }
}
