package dev.spillway.report;

import static dev.spillway.report.JsonRules.required;
import static dev.spillway.report.RunDoc.listOf;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import dev.spillway.toolkit.ledger.CauseCount;
import dev.spillway.toolkit.ledger.LedgerAnomaly;
import dev.spillway.toolkit.ledger.LedgerSnapshot;
import dev.spillway.toolkit.ledger.Rates;
import dev.spillway.toolkit.record.Growth;
import java.time.Duration;
import java.util.List;

/** The documents of a run's judgement: its books, rates and growth. */
final class BookDocs {

  private BookDocs() {}

  /**
   * A {@link LedgerSnapshot}; {@code unaccounted} and {@code shedFraction} are written, never read.
   * Fields added after the first results ({@code inFlight}, {@code byCaller}...) read as 0 or empty
   * when absent.
   */
  @JsonPropertyOrder({
    "name",
    "sent",
    "processed",
    "rejected",
    "dropped",
    "failed",
    "queued",
    "inFlight",
    "byCaller",
    "unaccounted",
    "shedFraction",
    "sinceLastCompletionMs",
    "sendingAfterLastCompletionMs",
    "anomalyCount",
    "anomalies",
    "outstandingIds",
    "failureCauses",
    "rejectionReasons",
    "dropReasons"
  })
  record Ledger(
      String name,
      @JsonDeserialize(using = JsonRules.Count.class) Long sent,
      @JsonDeserialize(using = JsonRules.Count.class) Long processed,
      @JsonDeserialize(using = JsonRules.Count.class) Long rejected,
      @JsonDeserialize(using = JsonRules.Count.class) Long dropped,
      @JsonDeserialize(using = JsonRules.Count.class) Long failed,
      @JsonDeserialize(using = JsonRules.Count.class) Long queued,
      @JsonDeserialize(using = JsonRules.Count.class) Long inFlight,
      @JsonDeserialize(using = JsonRules.Count.class) Long byCaller,
      Duration sinceLastCompletionMs,
      Duration sendingAfterLastCompletionMs,
      @JsonDeserialize(using = JsonRules.Count.class) Long anomalyCount,
      List<LedgerAnomaly> anomalies,
      @JsonDeserialize(contentUsing = JsonRules.Integer64.class) List<Long> outstandingIds,
      List<CauseCount> failureCauses,
      List<CauseCount> rejectionReasons,
      List<CauseCount> dropReasons,
      @JsonProperty(access = JsonProperty.Access.READ_ONLY) Long unaccounted,
      @JsonProperty(access = JsonProperty.Access.READ_ONLY) Double shedFraction) {

    Ledger {
      required(sent, "sent");
      required(processed, "processed");
      required(rejected, "rejected");
      required(dropped, "dropped");
      required(failed, "failed");
      required(queued, "queued");
    }

    static Ledger of(LedgerSnapshot l) {
      return new Ledger(
          l.ledger(),
          l.sent(),
          l.processed(),
          l.rejected(),
          l.dropped(),
          l.failed(),
          l.queued(),
          l.inFlight(),
          l.byCaller(),
          l.sinceLastCompletion(),
          l.sendingAfterLastCompletion(),
          l.anomalyCount(),
          l.anomalies(),
          l.outstandingIds(),
          l.failureCauses(),
          l.rejectionReasons(),
          l.dropReasons(),
          l.unaccounted(),
          l.shedFraction());
    }

    LedgerSnapshot toSnapshot() {
      return new LedgerSnapshot(
          name != null ? name : "ledger",
          sent,
          processed,
          rejected,
          dropped,
          failed,
          queued,
          inFlight != null ? inFlight : 0,
          byCaller != null ? byCaller : 0,
          sinceLastCompletionMs != null ? sinceLastCompletionMs : Duration.ZERO,
          sendingAfterLastCompletionMs != null ? sendingAfterLastCompletionMs : Duration.ZERO,
          anomalyCount != null ? anomalyCount : 0,
          listOf(anomalies),
          listOf(outstandingIds),
          listOf(failureCauses),
          listOf(rejectionReasons),
          listOf(dropReasons));
    }
  }

  /** A {@link LedgerAnomaly}. */
  record Anomaly(
      @JsonDeserialize(using = JsonRules.Integer64.class) Long id,
      LedgerAnomaly.Kind kind,
      String detail) {

    Anomaly {
      required(id, "id");
      required(kind, "kind");
    }

    static Anomaly of(LedgerAnomaly a) {
      return new Anomaly(a.id(), a.kind(), a.detail());
    }

    LedgerAnomaly toAnomaly() {
      return new LedgerAnomaly(id, kind, detail != null ? detail : "");
    }
  }

  /** A {@link CauseCount}. */
  record Cause(
      String cause,
      @JsonDeserialize(using = JsonRules.Count.class) Long count,
      List<String> examples) {

    Cause {
      required(cause, "cause");
      required(count, "count");
    }

    static Cause of(CauseCount c) {
      return new Cause(c.cause(), c.count(), c.examples());
    }

    CauseCount toCount() {
      return new CauseCount(cause, count, listOf(examples));
    }
  }

  /** {@link Rates}: λ and μ. */
  record RatesDoc(
      @JsonDeserialize(using = JsonRules.NotNegative.class) Double arrivalPerSecond,
      @JsonDeserialize(using = JsonRules.NotNegative.class) Double servicePerSecond,
      Duration windowMs) {

    RatesDoc {
      required(arrivalPerSecond, "arrivalPerSecond");
      required(servicePerSecond, "servicePerSecond");
      required(windowMs, "windowMs");
    }

    static RatesDoc of(Rates r) {
      return new RatesDoc(r.arrivalPerSecond(), r.servicePerSecond(), r.window());
    }

    Rates toRates() {
      return new Rates(arrivalPerSecond, servicePerSecond, windowMs);
    }
  }

  /** {@link Growth}; an undetermined number is {@code null}. */
  record GrowthDoc(
      @JsonDeserialize(using = JsonRules.Finite.class) Double slopePerSecond,
      @JsonDeserialize(using = JsonRules.Finite.class) Double standardErrorPerSecond,
      @JsonDeserialize(using = JsonRules.SmallCount.class) Integer points,
      Duration fromMs,
      Duration toMs,
      @JsonDeserialize(using = JsonRules.Finite.class) Double fittedStartDepth) {

    GrowthDoc {
      required(points, "points");
      required(fromMs, "fromMs");
      required(toMs, "toMs");
    }

    static GrowthDoc of(Growth g) {
      return new GrowthDoc(
          finite(g.slopePerSecond()),
          finite(g.standardError()),
          g.points(),
          g.from(),
          g.to(),
          finite(g.fittedStartDepth()));
    }

    Growth toGrowth() {
      return new Growth(
          nanIfNull(slopePerSecond),
          nanIfNull(standardErrorPerSecond),
          points,
          fromMs,
          toMs,
          nanIfNull(fittedStartDepth));
    }

    private static Double finite(double value) {
      return Double.isFinite(value) ? value : null;
    }

    private static double nanIfNull(Double value) {
      return value == null ? Double.NaN : value;
    }
  }
}
