package dev.spillway.report;

import static dev.spillway.report.JsonRules.required;
import static dev.spillway.report.RunDoc.boxed;
import static dev.spillway.report.RunDoc.optional;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import dev.spillway.toolkit.capacity.CapacityResult;
import dev.spillway.toolkit.capacity.CapacityTrial;
import dev.spillway.toolkit.verdict.Verdict;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * The documents of a run's capacity search ({@code capacity}): its trials, the knee with its
 * interval, and μ at saturation. Optional in a run result, so results written before capacity
 * searches existed still read.
 */
final class CapacityDocs {

  private CapacityDocs() {}

  /** A {@link CapacityResult}; {@code saturated} is written, never read (it follows the trials). */
  @JsonPropertyOrder({
    "kneePerSecond",
    "kneeLowPerSecond",
    "kneeHighPerSecond",
    "saturated",
    "saturatedServicePerSecond",
    "budgetMs",
    "elapsedMs",
    "trials"
  })
  record Capacity(
      @JsonDeserialize(using = JsonRules.NotNegative.class) Double kneePerSecond,
      @JsonDeserialize(using = JsonRules.NotNegative.class) Double kneeLowPerSecond,
      @JsonDeserialize(using = JsonRules.NotNegative.class) Double kneeHighPerSecond,
      @JsonDeserialize(using = JsonRules.NotNegative.class) Double saturatedServicePerSecond,
      Duration budgetMs,
      Duration elapsedMs,
      List<CapacityTrial> trials) {

    Capacity {
      required(kneeLowPerSecond, "kneeLowPerSecond");
      required(kneeHighPerSecond, "kneeHighPerSecond");
      required(budgetMs, "budgetMs");
      required(elapsedMs, "elapsedMs");
      required(trials, "trials");
    }

    static Capacity of(CapacityResult c) {
      return new Capacity(
          boxed(c.knee()),
          c.kneeLow(),
          c.kneeHigh(),
          boxed(c.saturatedServiceRate()),
          c.budget(),
          c.elapsed(),
          c.trials());
    }

    CapacityResult toResult() {
      return new CapacityResult(
          trials,
          optional(kneePerSecond),
          kneeLowPerSecond,
          kneeHighPerSecond,
          optional(saturatedServicePerSecond),
          budgetMs,
          elapsedMs);
    }

    @JsonProperty(access = JsonProperty.Access.READ_ONLY)
    boolean saturated() {
      return trials.stream().anyMatch(t -> !t.sustained());
    }
  }

  /** A {@link CapacityTrial}. */
  @JsonPropertyOrder({
    "offeredPerSecond",
    "arrivalPerSecond",
    "servicePerSecond",
    "growthPerSecond",
    "growthStandardError",
    "p99Ms",
    "verdict",
    "sustained",
    "durationMs",
    "reason"
  })
  record Trial(
      @JsonDeserialize(using = JsonRules.NotNegative.class) Double offeredPerSecond,
      @JsonDeserialize(using = JsonRules.NotNegative.class) Double arrivalPerSecond,
      @JsonDeserialize(using = JsonRules.NotNegative.class) Double servicePerSecond,
      @JsonDeserialize(using = JsonRules.Finite.class) Double growthPerSecond,
      @JsonDeserialize(using = JsonRules.NotNegative.class) Double growthStandardError,
      Duration p99Ms,
      Verdict verdict,
      Boolean sustained,
      Duration durationMs,
      String reason) {

    Trial {
      required(offeredPerSecond, "offeredPerSecond");
      required(arrivalPerSecond, "arrivalPerSecond");
      required(servicePerSecond, "servicePerSecond");
      required(growthPerSecond, "growthPerSecond");
      required(growthStandardError, "growthStandardError");
      required(verdict, "verdict");
      required(sustained, "sustained");
      required(durationMs, "durationMs");
      required(reason, "reason");
    }

    static Trial of(CapacityTrial t) {
      return new Trial(
          t.offeredRate(),
          t.arrivalRate(),
          t.serviceRate(),
          t.growthPerSecond(),
          t.growthStandardError(),
          t.p99().orElse(null),
          t.verdict(),
          t.sustained(),
          t.duration(),
          t.reason());
    }

    CapacityTrial toTrial() {
      return new CapacityTrial(
          offeredPerSecond,
          arrivalPerSecond,
          servicePerSecond,
          growthPerSecond,
          growthStandardError,
          Optional.ofNullable(p99Ms),
          verdict,
          sustained,
          durationMs,
          reason);
    }
  }
}
