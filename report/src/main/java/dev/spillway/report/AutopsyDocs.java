package dev.spillway.report;

import static dev.spillway.report.JsonRules.required;
import static dev.spillway.report.RunDoc.boxed;
import static dev.spillway.report.RunDoc.listOf;
import static dev.spillway.report.RunDoc.optional;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import dev.spillway.toolkit.autopsy.AutopsyReport;
import dev.spillway.toolkit.autopsy.GcFigures;
import dev.spillway.toolkit.autopsy.GcPause;
import dev.spillway.toolkit.autopsy.MethodShare;
import dev.spillway.toolkit.autopsy.TimeShares;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** The documents of a run's autopsy ({@code autopsy}): where the consumer threads' time went. */
final class AutopsyDocs {

  private AutopsyDocs() {}

  /** An {@link AutopsyReport}. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  @JsonPropertyOrder({
    "unavailable",
    "windowMs",
    "samplePeriodMs",
    "threads",
    "samples",
    "time",
    "topMethods",
    "gc",
    "allocatedBytes",
    "limits"
  })
  record Autopsy(
      String unavailable,
      Duration windowMs,
      Duration samplePeriodMs,
      List<String> threads,
      @JsonDeserialize(using = JsonRules.Count.class) Long samples,
      Time time,
      List<Method> topMethods,
      Gc gc,
      @JsonDeserialize(using = JsonRules.Count.class) Long allocatedBytes,
      List<String> limits) {

    Autopsy {
      required(samplePeriodMs, "samplePeriodMs");
    }

    static Autopsy of(AutopsyReport r) {
      if (!r.recorded()) {
        return new Autopsy(
            r.unavailable().get(),
            null,
            r.samplePeriod(),
            null,
            null,
            null,
            null,
            null,
            null,
            null);
      }
      return new Autopsy(
          null,
          r.window(),
          r.samplePeriod(),
          r.threads(),
          r.samples(),
          Time.of(r.time()),
          r.topMethods().stream().map(Method::of).toList(),
          Gc.of(r.gc()),
          boxed(r.allocatedBytes()),
          r.limits());
    }

    AutopsyReport toReport() {
      if (unavailable != null) {
        return AutopsyReport.unavailable(unavailable, samplePeriodMs);
      }
      required(windowMs, "windowMs");
      required(time, "time");
      required(gc, "gc");
      return new AutopsyReport(
          Optional.empty(),
          windowMs,
          samplePeriodMs,
          listOf(threads),
          samples != null ? samples : 0,
          time.toShares(),
          listOf(topMethods).stream().map(Method::toShare).toList(),
          gc.toFigures(),
          optional(allocatedBytes),
          listOf(limits));
    }
  }

  /** A {@link TimeShares}. */
  record Time(
      Duration threadTimeMs,
      @JsonDeserialize(using = JsonRules.NotNegative.class) Double running,
      @JsonDeserialize(using = JsonRules.NotNegative.class) Double sleeping,
      @JsonDeserialize(using = JsonRules.NotNegative.class) Double parked,
      @JsonDeserialize(using = JsonRules.NotNegative.class) Double blocked,
      @JsonDeserialize(using = JsonRules.NotNegative.class) Double monitorWait,
      @JsonDeserialize(using = JsonRules.NotNegative.class) Double other) {

    Time {
      required(threadTimeMs, "threadTimeMs");
    }

    static Time of(TimeShares t) {
      return new Time(
          t.threadTime(),
          t.running(),
          t.sleeping(),
          t.parked(),
          t.blocked(),
          t.monitorWait(),
          t.other());
    }

    TimeShares toShares() {
      return new TimeShares(
          threadTimeMs,
          zero(running),
          zero(sleeping),
          zero(parked),
          zero(blocked),
          zero(monitorWait),
          zero(other));
    }
  }

  /** A {@link MethodShare}. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  record Method(
      String method,
      @JsonDeserialize(using = JsonRules.NotNegative.class) Double share,
      @JsonDeserialize(using = JsonRules.NotNegative.class) Double selfShare,
      @JsonDeserialize(using = JsonRules.NotNegative.class) Double waitShare,
      String mostlyIn) {

    Method {
      required(method, "method");
      required(share, "share");
    }

    static Method of(MethodShare m) {
      return new Method(
          m.method(), m.share(), m.selfShare(), m.waitShare(), m.mostlyIn().orElse(null));
    }

    MethodShare toShare() {
      return new MethodShare(
          method, share, zero(selfShare), zero(waitShare), Optional.ofNullable(mostlyIn));
    }
  }

  /** A {@link GcFigures}. */
  record Gc(
      Duration pauseTimeMs,
      @JsonDeserialize(using = JsonRules.NotNegative.class) Double pauseShare,
      List<Pause> pauses) {

    Gc {
      required(pauseTimeMs, "pauseTimeMs");
      required(pauseShare, "pauseShare");
    }

    static Gc of(GcFigures g) {
      return new Gc(g.pauseTime(), g.pauseShare(), g.pauses().stream().map(Pause::of).toList());
    }

    GcFigures toFigures() {
      return new GcFigures(
          pauseTimeMs, pauseShare, listOf(pauses).stream().map(Pause::toPause).toList());
    }
  }

  /** A {@link GcPause}: a point of the GC time series. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  record Pause(
      Duration atMs,
      Duration pauseMs,
      String name,
      @JsonDeserialize(using = JsonRules.Count.class) Long heapUsedAfterBytes) {

    Pause {
      required(atMs, "atMs");
      required(pauseMs, "pauseMs");
      required(name, "name");
    }

    static Pause of(GcPause p) {
      return new Pause(p.at(), p.pause(), p.name(), boxed(p.heapUsedAfter()));
    }

    GcPause toPause() {
      return new GcPause(atMs, pauseMs, name, optional(heapUsedAfterBytes));
    }
  }

  private static double zero(Double value) {
    return value != null ? value : 0;
  }
}
