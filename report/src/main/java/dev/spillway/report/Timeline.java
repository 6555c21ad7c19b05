package dev.spillway.report;

import dev.spillway.toolkit.ledger.RateBucket;
import dev.spillway.toolkit.record.QueueTrace;
import dev.spillway.toolkit.record.TraceEvent;
import dev.spillway.toolkit.sentinel.Breach;
import dev.spillway.toolkit.sentinel.MitigationResult;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Places a trace's events, a sentinel's breaches and a ledger's buckets on a run's timeline. */
final class Timeline {

  /** The sentinel's BREACH event detail: {@code "queue 'orders' reached depth 500 >= ..."}. */
  private static final Pattern BREACH = Pattern.compile("queue '(.+)' reached depth (\\d+)");

  private final QueueTrace trace;
  private final Instant start;

  Timeline(QueueTrace trace, Instant start) {
    this.trace = trace;
    this.start = start;
  }

  /** The first PHASE event's offset (not before 0), or 0. */
  Duration loadStart() {
    if (trace == null) {
      return Duration.ZERO;
    }
    return trace.events(TraceEvent.Kind.PHASE).stream()
        .findFirst()
        .map(trace::offsetOf)
        .filter(d -> !d.isNegative())
        .orElse(Duration.ZERO);
  }

  List<RatePoint> ratePoints(List<RateBucket> buckets, int max) {
    if (buckets == null || buckets.isEmpty()) {
      return List.of();
    }
    if (trace == null) {
      throw new IllegalStateException(
          "rate buckets need a trace, to place them on its clock: give trace(...), or ratePoints(...)"
              + " already placed");
    }
    List<RatePoint> points = new ArrayList<>();
    for (RateBucket bucket : buckets) {
      Duration at = trace.offsetOf(bucket.startNanos());
      Duration end = at.plus(bucket.length());
      if (end.isNegative() || end.isZero() || at.compareTo(trace.duration()) > 0) {
        continue; // wholly outside the recording
      }
      points.add(new RatePoint(at, bucket.length(), bucket.sent(), bucket.completed()));
    }
    int merge = (points.size() + max - 1) / max;
    if (merge <= 1) {
      return points;
    }
    List<RatePoint> merged = new ArrayList<>();
    for (int i = 0; i < points.size(); i += merge) {
      List<RatePoint> group = points.subList(i, Math.min(points.size(), i + merge));
      RatePoint first = group.get(0);
      RatePoint last = group.get(group.size() - 1);
      merged.add(
          new RatePoint(
              first.start(),
              last.end().minus(first.start()),
              group.stream().mapToLong(RatePoint::sent).sum(),
              group.stream().mapToLong(RatePoint::completed).sum()));
    }
    return merged;
  }

  List<BreachMark> breaches(List<Breach> breaches) {
    List<BreachMark> marks = new ArrayList<>();
    for (Breach breach : breaches) {
      Duration at =
          trace != null
              ? trace.offsetOf(breach.nanoTime())
              : Duration.between(start, breach.time());
      StringBuilder detail =
          new StringBuilder("excursion #")
              .append(breach.excursion())
              .append(": enable threshold ")
              .append(breach.enableThreshold())
              .append(", disable threshold ")
              .append(breach.disableThreshold());
      for (MitigationResult result : breach.results()) {
        detail
            .append("; ")
            .append(result.action())
            .append(result.succeeded() ? "" : " (failed)")
            .append(result.detail().isEmpty() ? "" : ": " + result.detail());
      }
      marks.add(new BreachMark(at, breach.source(), breach.depth(), detail.toString()));
    }
    return marks;
  }

  /**
   * The trace's BREACH events as marks; the queue and depth are read from the sentinel's event
   * text, and fall back to the event's source and depth 0 when the text has another form.
   */
  List<BreachMark> breachesFromEvents() {
    if (trace == null) {
      return List.of();
    }
    List<BreachMark> marks = new ArrayList<>();
    for (TraceEvent event : trace.events(TraceEvent.Kind.BREACH)) {
      Matcher m = BREACH.matcher(event.detail());
      String queue = event.source();
      long depth = 0;
      if (m.find()) {
        queue = m.group(1);
        try {
          depth = Long.parseLong(m.group(2));
        } catch (NumberFormatException tooLong) {
          depth = 0;
        }
      }
      marks.add(new BreachMark(trace.offsetOf(event), queue, depth, event.detail()));
    }
    return marks;
  }

  /** The trace's events other than breaches, the first {@code max} of them. */
  List<TimelineEvent> events(int max) {
    if (trace == null) {
      return List.of();
    }
    return trace.events().stream()
        .filter(e -> e.kind() != TraceEvent.Kind.BREACH)
        .limit(max)
        .map(e -> new TimelineEvent(trace.offsetOf(e), e.kind(), e.source(), e.detail()))
        .toList();
  }
}
