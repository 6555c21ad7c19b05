package dev.spillway.toolkit.verdict;

import dev.spillway.toolkit.ledger.LedgerSnapshot;
import dev.spillway.toolkit.ledger.Rates;
import dev.spillway.toolkit.record.DepthSeries;
import dev.spillway.toolkit.record.DepthStats;
import dev.spillway.toolkit.record.Growth;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Writes the paragraph that explains a verdict, from the figures it was computed from. */
final class Explanation {

  private final Evidence evidence;
  private final VerdictRules rules;
  private final DepthSeries series;
  private final DepthStats depth;
  private final Growth growth;
  private final boolean lateRise;
  private final long limit;
  private final Optional<Duration> timeToLimit;
  private final Optional<Duration> drain;
  private final long queuedAtEnd;
  private final LedgerSnapshot books;

  Explanation(
      Evidence evidence,
      VerdictRules rules,
      DepthSeries series,
      DepthStats depth,
      Growth growth,
      boolean lateRise,
      long limit,
      Optional<Duration> timeToLimit,
      Optional<Duration> drain,
      long queuedAtEnd) {
    this.evidence = evidence;
    this.rules = rules;
    this.series = series;
    this.depth = depth;
    this.growth = growth;
    this.lateRise = lateRise;
    this.limit = limit;
    this.timeToLimit = timeToLimit;
    this.drain = drain;
    this.queuedAtEnd = queuedAtEnd;
    this.books = evidence.ledger();
  }

  String explain(Verdict verdict) {
    List<String> parts = new ArrayList<>();
    switch (verdict) {
      case LOST -> {
        parts.add(books.describe());
        parts.add("depth peaked at " + Format.count(depth.highWaterMark()));
        if (books.unaccounted() > 0 && rules.inFlightAllowance() > 0) {
          parts.add(
              "allowance for messages still in a handler: "
                  + Format.count(rules.inFlightAllowance()));
        }
      }
      case DIED -> {
        parts.add(
            "the consumer stopped: nothing completed in the last "
                + Format.human(books.sinceLastCompletion())
                + " (stall window "
                + Format.human(rules.stallWindow())
                + ") while "
                + messages(queuedAtEnd)
                + (queuedAtEnd == 1 ? " was" : " were")
                + " queued");
        long u = books.unaccounted();
        if (u > 0) {
          parts.add(
              messages(u)
                  + " unaccounted for (in a handler when it stopped, or lost): "
                  + Format.count(books.sent())
                  + " sent, "
                  + books.breakdown());
        } else {
          parts.add(books.describe());
        }
      }
      case OVERFLOWED -> {
        if (rules.bound().isPresent()) {
          long bound = rules.bound().getAsLong();
          parts.add(
              "depth reached "
                  + Format.count(depth.highWaterMark())
                  + ", beyond the bound of "
                  + Format.count(bound)
                  + firstAbove(bound));
          if (lateRise) {
            parts.add(growthPhrase());
            forecastPhrase().ifPresent(parts::add);
          }
        } else {
          parts.add(growthPhrase());
          forecastPhrase().ifPresent(parts::add);
          parts.add(peakPhrase());
        }
        drainPhrase().ifPresent(parts::add);
        parts.add(books.describe());
      }
      case SHED -> {
        parts.add(
            "shed "
                + Format.percent(books.shedFraction())
                + " of "
                + messages(books.sent())
                + " ("
                + shedBreakdown()
                + ")");
        parts.add(heldPhrase());
        ratesPhrase().ifPresent(parts::add);
        drainPhrase().ifPresent(parts::add);
        parts.add(books.describe());
      }
      case SURVIVED -> {
        parts.add(heldPhrase());
        ratesPhrase().ifPresent(parts::add);
        drainPhrase().ifPresent(parts::add);
        parts.add(books.describe());
      }
    }
    return String.join("; ", parts);
  }

  private String growthPhrase() {
    String grew =
        "depth grew "
            + Format.plusMinus(growth.slopePerSecond(), growth.standardError())
            + " msg/s";
    if (evidence.rates().isEmpty()) {
      return grew + " at the end of the load (last " + Format.human(growth.window()) + ")";
    }
    Rates r = evidence.rates().get();
    String arrivals = "arrivals (" + Format.rate(r.arrivalPerSecond()) + "/s)";
    String service = "service (" + Format.rate(r.servicePerSecond()) + "/s)";
    if (r.excessPerSecond() > 0) {
      return grew
          + " while "
          + arrivals
          + " exceeded "
          + service
          + ", predicted "
          + Format.rate(r.excessPerSecond())
          + "/s";
    }
    return grew + " although " + arrivals + " did not exceed " + service;
  }

  private Optional<String> forecastPhrase() {
    String target = messages(limit) + (rules.bound().isPresent() ? " (the bound)" : "");
    return timeToLimit.map(
        t ->
            t.isZero()
                ? "it already holds " + target + " or more"
                : "at this rate it reaches " + target + " in " + Format.human(t));
  }

  private String peakPhrase() {
    return "peak "
        + Format.count(depth.highWaterMark())
        + " at "
        + Format.offset(depth.highWaterMarkAt());
  }

  /** For verdicts where the queue stayed bounded: how high it went and whether it still grew. */
  private String heldPhrase() {
    StringBuilder sb = new StringBuilder();
    if (rules.bound().isPresent()) {
      sb.append("depth held ≤ ")
          .append(Format.count(depth.highWaterMark()))
          .append(" (bound ")
          .append(Format.count(rules.bound().getAsLong()))
          .append(")");
    } else {
      sb.append("depth peaked at ").append(Format.count(depth.highWaterMark()));
    }
    if (!growth.hasStandardError()) {
      sb.append(", growth not measurable (")
          .append(growth.points())
          .append(" samples in the last ")
          .append(Format.human(growth.window()))
          .append(" of the load)");
    } else if (lateRise) {
      sb.append(" but was still growing ")
          .append(Format.plusMinus(growth.slopePerSecond(), growth.standardError()))
          .append(" msg/s at the end of the load");
      forecastPhrase().ifPresent(f -> sb.append("; ").append(f));
    } else {
      sb.append(" and was not growing at the end of the load (")
          .append(Format.plusMinus(growth.slopePerSecond(), growth.standardError()))
          .append(" msg/s)");
    }
    return sb.toString();
  }

  private Optional<String> ratesPhrase() {
    return evidence
        .rates()
        .map(
            r ->
                "arrivals "
                    + Format.rate(r.arrivalPerSecond())
                    + "/s, service "
                    + Format.rate(r.servicePerSecond())
                    + "/s");
  }

  /** Only when the trace goes on for 10 samples or more after the load: did the queue drain? */
  private Optional<String> drainPhrase() {
    Duration after = evidence.trace().duration().minus(evidence.loadEnd());
    if (after.compareTo(evidence.trace().interval().multipliedBy(10)) < 0) {
      return Optional.empty();
    }
    String level =
        rules.drainLevel() == 0 ? "drained" : "fell to ≤ " + Format.count(rules.drainLevel());
    if (drain.isPresent()) {
      return Optional.of(level + " " + Format.human(drain.get()) + " after the load");
    }
    return Optional.of(
        "not "
            + level
            + " "
            + Format.human(after)
            + " after the load (final depth "
            + Format.count(series.finalDepth())
            + ")");
  }

  private String firstAbove(long bound) {
    for (int i = 0; i < series.size(); i++) {
      if (series.depth(i) > bound) {
        return " (first above it at " + Format.offset(Duration.ofNanos(series.timeNanos(i))) + ")";
      }
    }
    return "";
  }

  private String shedBreakdown() {
    List<String> parts = new ArrayList<>();
    if (books.rejected() > 0) {
      parts.add(Format.count(books.rejected()) + " rejected");
    }
    if (books.dropped() > 0) {
      parts.add(Format.count(books.dropped()) + " dropped");
    }
    return String.join(" + ", parts);
  }

  private static String messages(long n) {
    return Format.count(n) + (n == 1 ? " message" : " messages");
  }
}
