package dev.spillway.report;

import static dev.spillway.report.JsonRules.required;
import static dev.spillway.report.RunDoc.boxed;
import static dev.spillway.report.RunDoc.listOf;
import static dev.spillway.report.RunDoc.optional;

import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import dev.spillway.toolkit.load.Ending;
import dev.spillway.toolkit.load.Percentiles;
import dev.spillway.toolkit.load.PhaseKind;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.HdrHistogram.Histogram;

/** The documents of a run's load: its plan, phases, figures and timing distributions. */
final class LoadDocs {

  private LoadDocs() {}

  /** A {@link LoadPlan} ({@code profile}). */
  record Plan(
      String description,
      Duration loadStartMs,
      Duration plannedDurationMs,
      @JsonDeserialize(using = JsonRules.Count.class) Long plannedMessages,
      List<PhaseSpan> phases) {

    Plan {
      required(loadStartMs, "loadStartMs");
      required(plannedDurationMs, "plannedDurationMs");
      required(plannedMessages, "plannedMessages");
    }

    static Plan of(LoadPlan p) {
      return new Plan(
          p.description(), p.loadStart(), p.plannedDuration(), p.plannedMessages(), p.phases());
    }

    LoadPlan toPlan() {
      return new LoadPlan(
          description != null ? description : "",
          loadStartMs,
          plannedDurationMs,
          plannedMessages,
          listOf(phases));
    }
  }

  /** A {@link PhaseSpan}; a burst's rates are {@code null} (infinite). */
  record Phase(
      String name,
      PhaseKind kind,
      Duration startMs,
      Duration durationMs,
      @JsonDeserialize(using = JsonRules.NotNegative.class) Double startRatePerSecond,
      @JsonDeserialize(using = JsonRules.NotNegative.class) Double endRatePerSecond,
      @JsonDeserialize(using = JsonRules.Count.class) Long plannedMessages,
      @JsonDeserialize(using = JsonRules.Count.class) Long sentMessages,
      @JsonDeserialize(using = JsonRules.NotNegative.class) Double achievedRatePerSecond,
      @JsonDeserialize(using = JsonRules.Count.class) Long heldMessages) {

    Phase {
      required(name, "name");
      required(kind, "kind");
      required(startMs, "startMs");
      required(durationMs, "durationMs");
      required(plannedMessages, "plannedMessages");
    }

    static Phase of(PhaseSpan p) {
      return new Phase(
          p.name(),
          p.kind(),
          p.start(),
          p.duration(),
          finite(p.startRatePerSecond()),
          finite(p.endRatePerSecond()),
          p.plannedMessages(),
          boxed(p.sentMessages()),
          boxed(p.achievedRatePerSecond()),
          boxed(p.heldMessages()));
    }

    PhaseSpan toSpan() {
      return new PhaseSpan(
          name,
          kind,
          startMs,
          durationMs,
          infiniteIfNull(startRatePerSecond),
          infiniteIfNull(endRatePerSecond),
          plannedMessages,
          optional(sentMessages),
          optional(achievedRatePerSecond),
          optional(heldMessages));
    }

    private static double infiniteIfNull(Double rate) {
      return rate == null ? Double.POSITIVE_INFINITY : rate;
    }
  }

  /** {@link LoadFigures} ({@code load}). */
  record Load(
      @JsonDeserialize(using = JsonRules.Count.class) Long planned,
      @JsonDeserialize(using = JsonRules.Count.class) Long sent,
      @JsonDeserialize(using = JsonRules.Count.class) Long accepted,
      @JsonDeserialize(using = JsonRules.Count.class) Long rejected,
      @JsonDeserialize(using = JsonRules.Count.class) Long failed,
      @JsonDeserialize(using = JsonRules.Count.class) Long unfinished,
      @JsonDeserialize(using = JsonRules.Count.class) Long notSent,
      Ending ending,
      @JsonDeserialize(using = JsonRules.NotNegative.class) Double achievedRatePerSecond,
      String backPressure) {

    Load {
      required(planned, "planned");
      required(sent, "sent");
      required(accepted, "accepted");
      required(rejected, "rejected");
      required(failed, "failed");
      required(unfinished, "unfinished");
      required(notSent, "notSent");
      required(ending, "ending");
      required(achievedRatePerSecond, "achievedRatePerSecond");
    }

    static Load of(LoadFigures l) {
      return new Load(
          l.planned(),
          l.sent(),
          l.accepted(),
          l.rejected(),
          l.failed(),
          l.unfinished(),
          l.notSent(),
          l.ending(),
          l.achievedRatePerSecond(),
          l.backPressure().orElse(null));
    }

    LoadFigures toFigures() {
      return new LoadFigures(
          planned,
          sent,
          accepted,
          rejected,
          failed,
          unfinished,
          notSent,
          ending,
          achievedRatePerSecond,
          Optional.ofNullable(backPressure));
    }
  }

  /**
   * A timing distribution ({@code latency}, {@code lateness}): the five figures, and the whole
   * HdrHistogram (nanoseconds) in its compressed encoding, base64. With a histogram, the figures
   * are read from it; without one (results written before it was kept), from the five fields.
   */
  record Distribution(
      @JsonDeserialize(using = JsonRules.Count.class) Long count,
      Duration p50Ms,
      Duration p90Ms,
      Duration p99Ms,
      Duration p999Ms,
      Duration maxMs,
      String histogram) {

    Distribution {
      required(count, "count");
      if (histogram == null) {
        required(p50Ms, "p50Ms");
        required(p90Ms, "p90Ms");
        required(p99Ms, "p99Ms");
        required(p999Ms, "p999Ms");
        required(maxMs, "maxMs");
      }
    }

    static Distribution of(Percentiles p) {
      return new Distribution(
          p.count(),
          p.p50(),
          p.p90(),
          p.p99(),
          p.p999(),
          p.max(),
          p.histogram().map(HistogramText::encode).orElse(null));
    }

    Percentiles toPercentiles() {
      if (histogram == null) {
        return new Percentiles(count, p50Ms, p90Ms, p99Ms, p999Ms, maxMs);
      }
      Histogram decoded = HistogramText.decode(histogram);
      if (decoded.getTotalCount() != count) {
        throw new JsonRules.FieldProblem(
            "count",
            "must be the count of the histogram, "
                + decoded.getTotalCount()
                + ", but was "
                + count);
      }
      return Percentiles.of(decoded);
    }
  }

  private static Double finite(double value) {
    return Double.isFinite(value) ? value : null;
  }
}
