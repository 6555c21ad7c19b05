package dev.spillway.report;

import static dev.spillway.report.JsonRules.required;
import static dev.spillway.report.RunDoc.boxed;
import static dev.spillway.report.RunDoc.optional;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import dev.spillway.toolkit.record.TraceEvent;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** The documents of what a run recorded over time: probes, rate buckets, breaches, events. */
final class TraceDocs {

  private TraceDocs() {}

  /**
   * A {@link ProbeTrace}: its figures and its downsampled points; {@code points} is written, never
   * read. Figures left out default as the schema says.
   */
  @JsonPropertyOrder({
    "name",
    "highWaterMark",
    "highWaterMarkAtMs",
    "exactHighWaterMark",
    "finalDepth",
    "meanDepth",
    "samples",
    "failedSamples",
    "points",
    "timesMs",
    "depths"
  })
  record Probe(
      String name,
      @JsonDeserialize(using = JsonRules.Count.class) Long highWaterMark,
      Duration highWaterMarkAtMs,
      @JsonDeserialize(using = JsonRules.Count.class) Long exactHighWaterMark,
      @JsonDeserialize(using = JsonRules.Count.class) Long finalDepth,
      @JsonDeserialize(using = JsonRules.NotNegative.class) Double meanDepth,
      @JsonDeserialize(using = JsonRules.Count.class) Long samples,
      @JsonDeserialize(using = JsonRules.Count.class) Long failedSamples,
      @JsonDeserialize(contentUsing = JsonRules.Offset.class) List<Duration> timesMs,
      @JsonDeserialize(contentUsing = JsonRules.Count.class) List<Long> depths,
      @JsonProperty(access = JsonProperty.Access.READ_ONLY) Integer points) {

    Probe {
      required(name, "name");
      required(highWaterMark, "highWaterMark");
    }

    static Probe of(ProbeTrace p) {
      List<Duration> times = new ArrayList<>(p.size());
      List<Long> depths = new ArrayList<>(p.size());
      for (int i = 0; i < p.size(); i++) {
        times.add(Duration.ofNanos(p.timeNanos(i)));
        depths.add(p.depth(i));
      }
      return new Probe(
          p.probe(),
          p.highWaterMark(),
          p.highWaterMarkAt(),
          boxed(p.exactHighWaterMark()),
          p.finalDepth(),
          p.meanDepth(),
          p.samples(),
          p.failedSamples(),
          times,
          depths,
          p.size());
    }

    ProbeTrace toTrace() {
      long[] times =
          timesMs == null ? new long[0] : timesMs.stream().mapToLong(Duration::toNanos).toArray();
      long[] values = depths == null ? new long[0] : depths.stream().mapToLong(d -> d).toArray();
      return new ProbeTrace(
          name,
          times,
          values,
          samples != null ? samples : times.length,
          failedSamples != null ? failedSamples : 0,
          highWaterMark,
          highWaterMarkAtMs != null ? highWaterMarkAtMs : Duration.ZERO,
          optional(exactHighWaterMark),
          finalDepth != null ? finalDepth : values.length == 0 ? 0 : values[values.length - 1],
          meanDepth != null ? meanDepth : 0);
    }
  }

  /** A {@link RatePoint}. */
  record Rate(
      @JsonDeserialize(using = JsonRules.Offset.class) Duration startMs,
      Duration lengthMs,
      @JsonDeserialize(using = JsonRules.Count.class) Long sent,
      @JsonDeserialize(using = JsonRules.Count.class) Long completed) {

    Rate {
      required(startMs, "startMs");
      required(lengthMs, "lengthMs");
      required(sent, "sent");
      required(completed, "completed");
    }

    static Rate of(RatePoint r) {
      return new Rate(r.start(), r.length(), r.sent(), r.completed());
    }

    RatePoint toPoint() {
      return new RatePoint(startMs, lengthMs, sent, completed);
    }
  }

  /** A {@link BreachMark}. */
  record Breach(
      @JsonDeserialize(using = JsonRules.Offset.class) Duration atMs,
      String queue,
      @JsonDeserialize(using = JsonRules.Count.class) Long depth,
      String detail) {

    Breach {
      required(atMs, "atMs");
      required(queue, "queue");
      required(depth, "depth");
    }

    static Breach of(BreachMark b) {
      return new Breach(b.at(), b.queue(), b.depth(), b.detail());
    }

    BreachMark toMark() {
      return new BreachMark(atMs, queue, depth, detail != null ? detail : "");
    }
  }

  /** A {@link TimelineEvent}. */
  record Event(
      @JsonDeserialize(using = JsonRules.Offset.class) Duration atMs,
      TraceEvent.Kind kind,
      String source,
      String detail) {

    Event {
      required(atMs, "atMs");
      required(kind, "kind");
      required(source, "source");
    }

    static Event of(TimelineEvent e) {
      return new Event(e.at(), e.kind(), e.source(), e.detail());
    }

    TimelineEvent toEvent() {
      return new TimelineEvent(atMs, kind, source, detail != null ? detail : "");
    }
  }
}
