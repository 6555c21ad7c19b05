package dev.spillway.report;

import static dev.spillway.report.JsonRules.required;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import dev.spillway.toolkit.autopsy.AutopsyReport;
import dev.spillway.toolkit.capacity.CapacityResult;
import dev.spillway.toolkit.ledger.LedgerSnapshot;
import dev.spillway.toolkit.ledger.Rates;
import dev.spillway.toolkit.load.Percentiles;
import dev.spillway.toolkit.record.Growth;
import dev.spillway.toolkit.verdict.Verdict;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalLong;

/**
 * A {@value RunResultJson#SCHEMA} document as Jackson binds it: the JSON's shape, {@code null} for
 * an absent value. The objects inside are the model's own types, bound through their documents (see
 * {@link Json}). Derived fields ({@code figures}) are written, never read.
 */
@JsonPropertyOrder({
  "schema",
  "id",
  "name",
  "design",
  "scenario",
  "source",
  "startedAt",
  "durationMs",
  "verdict",
  "explanation",
  "judgedProbe",
  "figures",
  "bounds",
  "profile",
  "load",
  "latency",
  "lateness",
  "injectors",
  "growth",
  "drainTimeMs",
  "timeToLimitMs",
  "rates",
  "ledger",
  "breaches",
  "events",
  "details",
  "ratePoints",
  "probes",
  "autopsy",
  "capacity"
})
record RunDoc(
    String schema,
    String id,
    String name,
    String design,
    String scenario,
    String source,
    Instant startedAt,
    Duration durationMs,
    Verdict verdict,
    String explanation,
    String judgedProbe,
    List<BoundCheck> bounds,
    LoadPlan profile,
    LoadFigures load,
    Percentiles latency,
    Percentiles lateness,
    List<InjectorInfo> injectors,
    Growth growth,
    Duration drainTimeMs,
    Duration timeToLimitMs,
    Rates rates,
    LedgerSnapshot ledger,
    List<BreachMark> breaches,
    List<TimelineEvent> events,
    Map<String, String> details,
    List<RatePoint> ratePoints,
    List<ProbeTrace> probes,
    AutopsyReport autopsy,
    CapacityResult capacity,
    @JsonProperty(access = JsonProperty.Access.READ_ONLY) Figures figures) {

  RunDoc {
    required(schema, "schema");
    required(name, "name");
    required(id, "id");
    required(startedAt, "startedAt");
    required(durationMs, "durationMs");
  }

  static RunDoc of(RunResult run) {
    return new RunDoc(
        RunResultJson.SCHEMA,
        run.id(),
        run.name(),
        run.design(),
        run.scenario(),
        run.source(),
        run.startedAt(),
        run.duration(),
        run.verdict().orElse(null),
        run.explanation(),
        run.judgedProbe().orElse(null),
        run.bounds(),
        run.plan().orElse(null),
        run.load().orElse(null),
        run.latency().orElse(null),
        run.lateness().orElse(null),
        run.injectors(),
        run.growth().orElse(null),
        run.drainTime().orElse(null),
        run.timeToLimit().orElse(null),
        run.rates().orElse(null),
        run.ledger().orElse(null),
        run.breaches(),
        run.events(),
        run.details(),
        run.ratePoints(),
        run.probes(),
        run.autopsy().orElse(null),
        run.capacity().orElse(null),
        Figures.of(run));
  }

  RunResult toResult() {
    return new RunResult(
        id,
        name,
        design != null ? design : name,
        scenario != null ? scenario : "default",
        source != null ? source : "unknown",
        startedAt,
        durationMs,
        Optional.ofNullable(verdict),
        explanation != null ? explanation : "",
        Optional.ofNullable(judgedProbe),
        Optional.ofNullable(profile),
        Optional.ofNullable(load),
        listOf(injectors),
        listOf(probes),
        Optional.ofNullable(growth),
        Optional.ofNullable(drainTimeMs),
        Optional.ofNullable(timeToLimitMs),
        Optional.ofNullable(rates),
        Optional.ofNullable(ledger),
        listOf(ratePoints),
        Optional.ofNullable(latency),
        Optional.ofNullable(lateness),
        listOf(breaches),
        listOf(events),
        listOf(bounds),
        details != null ? details : Map.of(),
        Optional.ofNullable(autopsy),
        Optional.ofNullable(capacity));
  }

  static <T> List<T> listOf(List<T> list) {
    return list != null ? list : List.of();
  }

  /** The headline figures, written for other readers ({@link RunResult#figures()}). */
  record Figures(
      Long highWaterMark,
      Duration drainTimeMs,
      Duration p99Ms,
      Double shedRatio,
      boolean boundsHeld) {

    static Figures of(RunResult run) {
      RunFigures f = run.figures();
      return new Figures(
          boxed(f.highWaterMark()),
          f.drainTime().orElse(null),
          f.p99().orElse(null),
          boxed(f.shedRatio()),
          run.boundsHeld());
    }
  }

  /** A {@link BoundCheck}; {@code unit} and {@code held} are written, never read. */
  @JsonPropertyOrder({"kind", "subject", "limit", "observed", "unit", "held"})
  record Bound(
      @JsonSerialize(using = JsonRules.LowerCase.class) BoundKind kind,
      String subject,
      @JsonDeserialize(using = JsonRules.NotNegative.class) Double limit,
      @JsonDeserialize(using = JsonRules.NotNegative.class) Double observed) {

    Bound {
      required(kind, "kind");
      required(subject, "subject");
      required(limit, "limit");
    }

    static Bound of(BoundCheck b) {
      return new Bound(b.kind(), b.subject(), b.limit(), boxed(b.observed()));
    }

    BoundCheck toCheck() {
      return new BoundCheck(kind, subject, limit, optional(observed));
    }

    @JsonProperty(access = JsonProperty.Access.READ_ONLY)
    String unit() {
      return kind.unit();
    }

    @JsonProperty(access = JsonProperty.Access.READ_ONLY)
    boolean held() {
      return toCheck().held();
    }
  }

  /** An {@link InjectorInfo}. */
  record Injector(String name, Map<String, String> params) {

    Injector {
      required(name, "name");
    }

    static Injector of(InjectorInfo i) {
      return new Injector(i.name(), i.params());
    }

    InjectorInfo toInfo() {
      return new InjectorInfo(name, params != null ? params : Map.of());
    }
  }

  static Long boxed(OptionalLong value) {
    return value.isPresent() ? value.getAsLong() : null;
  }

  static Double boxed(OptionalDouble value) {
    return value.isPresent() ? value.getAsDouble() : null;
  }

  static OptionalDouble optional(Double value) {
    return value == null ? OptionalDouble.empty() : OptionalDouble.of(value);
  }

  static OptionalLong optional(Long value) {
    return value == null ? OptionalLong.empty() : OptionalLong.of(value);
  }
}
