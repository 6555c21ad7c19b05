package dev.spillway.toolkit.verdict;

import dev.spillway.toolkit.ledger.LedgerSnapshot;
import dev.spillway.toolkit.ledger.Rates;
import dev.spillway.toolkit.ledger.SettledBooks;
import dev.spillway.toolkit.ledger.Settlement;
import dev.spillway.toolkit.load.LoadReport;
import dev.spillway.toolkit.load.PhaseReport;
import dev.spillway.toolkit.record.DepthSeries;
import dev.spillway.toolkit.record.DepthStats;
import dev.spillway.toolkit.record.Growth;
import dev.spillway.toolkit.util.Durations;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Writes the paragraph that explains a verdict, from the figures it was computed from. */
final class Explanation {

  /** The figures {@link Verdicts} computed, beside the evidence and the rules. */
  record Figures(
      DepthStats depth,
      LateGrowth late,
      Growth finalGrowth,
      boolean grows,
      long limit,
      Optional<Duration> timeToLimit,
      Optional<Duration> drain,
      long queuedAtEnd,
      Optional<PhaseReport> heldPhase,
      Optional<GcTrend> gcTrend) {

    /** The growth over the late window. */
    Growth growth() {
      return late.growth();
    }

    /** Whether the late window's growth is significant. */
    boolean lateRise() {
      return late.significant();
    }
  }

  private final Evidence evidence;
  private final VerdictRules rules;
  private final Figures f;
  private final DepthSeries series;
  private final SettledBooks settled;
  private final LedgerSnapshot books;
  private final FailureCount failures; // the failures judged: the books' or the caller's
  private final int senders; // the load's sending threads, for the share of time inside sends

  Explanation(Evidence evidence, VerdictRules rules, Figures figures) {
    this.evidence = evidence;
    this.rules = rules;
    this.f = figures;
    this.series = evidence.series();
    this.settled = evidence.settled();
    this.books = settled.books();
    this.failures = FailureCount.of(books, evidence.load());
    this.senders = evidence.load().map(LoadReport::senderThreads).orElse(1);
  }

  String explain(Verdict verdict) {
    List<String> parts = new ArrayList<>();
    switch (verdict) {
      case LOST -> {
        if (books.unaccounted() > 0 && books.anomalyCount() == 0) {
          parts.add(lostPhrase());
        }
        parts.add(books.describe());
        parts.add("depth peaked at " + Format.count(f.depth().highWaterMark()));
      }
      case DIED -> {
        long waiting = Math.max(f.queuedAtEnd(), books.backlog());
        if (waiting == 0
            && books.sendingAfterLastCompletion().compareTo(rules.stallWindow()) >= 0) {
          parts.add(
              "the consumer stopped: messages went on arriving for "
                  + Durations.format(books.sendingAfterLastCompletion())
                  + " after the last completion (stall window "
                  + Durations.format(rules.stallWindow())
                  + ") and none was completed: the target refused what it could no longer serve");
          parts.add(books.describe());
          break;
        }
        parts.add(
            "the consumer stopped: nothing completed in the last "
                + Durations.format(books.sinceLastCompletion())
                + " (stall window "
                + Durations.format(rules.stallWindow())
                + ") while "
                + messages(waiting)
                + (waiting == 1 ? " was" : " were")
                + (books.inFlight() > 0 ? " queued or in flight" : " queued"));
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
      case FAILED -> {
        parts.add(failedPhrase(true));
        parts.add(heldDepthPhrase());
        ratesPhrase().ifPresent(parts::add);
        parts.add(books.describe());
      }
      case OVERFLOWED -> {
        if (rules.bound().isPresent()) {
          long bound = rules.bound().getAsLong();
          parts.add(
              "depth reached "
                  + Format.count(f.depth().highWaterMark())
                  + ", beyond the bound of "
                  + Format.count(bound)
                  + firstAbove(bound));
          if (f.lateRise()) {
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
        parts.add(heldDepthPhrase());
        ratesPhrase().ifPresent(parts::add);
        drainPhrase().ifPresent(parts::add);
        parts.add(books.describe());
      }
      case PUSHED_BACK -> {
        pushBackPhrase().ifPresent(parts::add);
        if (Verdicts.byCaller(books, rules)) {
          parts.add(
              "the caller handled "
                  + messages(books.byCaller())
                  + " itself ("
                  + Format.percent((double) books.byCaller() / Math.max(1, books.sent()))
                  + " of those sent, threshold "
                  + Format.percent(rules.pushBackShare())
                  + ")");
        }
        parts.add(heldDepthPhrase());
        ratesPhrase().ifPresent(parts::add);
        drainPhrase().ifPresent(parts::add);
        parts.add(books.describe());
      }
      case SURVIVED -> {
        parts.add(heldDepthPhrase());
        ratesPhrase().ifPresent(parts::add);
        drainPhrase().ifPresent(parts::add);
        parts.add(books.describe());
      }
    }
    // why μ fell, whatever the verdict: only a spiral is named, never a mere GC figure
    f.gcTrend()
        .filter(GcTrend::isSpiral)
        .ifPresent(t -> parts.add("GC death spiral: " + t.describe()));
    if (verdict != Verdict.FAILED && failures.failed() > 0) {
      parts.add(failedPhrase(false));
    }
    if (verdict != Verdict.PUSHED_BACK) {
      pushBackPhrase().ifPresent(p -> parts.add("below the push-back threshold: " + p));
    }
    if (verdict != Verdict.PUSHED_BACK || !Verdicts.byCaller(books, rules)) {
      byCallerPhrase().ifPresent(parts::add);
    }
    settlementPhrase(verdict).ifPresent(parts::add);
    if (verdict != Verdict.FAILED && books.failed() == 0 && !books.describeCauses().isEmpty()) {
      parts.add(books.describeCauses());
    }
    return String.join("; ", parts);
  }

  /** The messages proven lost, and why they cannot be in flight. */
  private String lostPhrase() {
    long lost = settled.provenLost();
    StringBuilder sb = new StringBuilder(messages(lost)).append(" lost silently");
    if (settled.settlement() == Settlement.AT_REST) {
      sb.append(" (taken at rest: nothing queued")
          .append(settled.inFlight().isCounted() ? ", nothing in flight" : "")
          .append(")");
    } else {
      sb.append(" (beyond the ")
          .append(settled.inFlight().describe())
          .append(" that can be in flight)");
    }
    return sb.toString();
  }

  /** How the books settled, when it matters: messages may still be in flight, or it took long. */
  private Optional<String> settlementPhrase(Verdict verdict) {
    boolean draining =
        settled.settlement() == Settlement.STILL_DRAINING
            || settled.settlement() == Settlement.STALLED;
    if (draining && verdict != Verdict.DIED) {
      return Optional.of(
          "books taken "
              + settled.describe()
              + " (allowed "
              + Durations.format(settled.allowed())
              + "; in flight "
              + settled.inFlight().describe()
              + ")");
    }
    if (settled.possiblyInFlight() > 0) {
      return Optional.of(
          Format.count(settled.possiblyInFlight())
              + " unaccounted may still be in flight (consumers: "
              + settled.inFlight().describe()
              + ")");
    }
    return Optional.empty();
  }

  private String failedPhrase(boolean decisive) {
    String share =
        Format.percent(failures.share())
            + (decisive ? ", above" : ", within")
            + " the "
            + Format.percent(rules.failureShare())
            + " threshold";
    String text =
        failures.seenByCaller()
            ? Format.count(failures.failed())
                + " of "
                + Format.count(failures.of())
                + " sends failed as the caller saw them ("
                + share
                + "), "
                + Format.count(books.failed())
                + " in the target's books"
            : Format.count(failures.failed())
                + " of "
                + messages(failures.of())
                + " failed ("
                + share
                + ")";
    String causes = books.describeCauses();
    return causes.isEmpty() ? text + "; no cause was recorded" : text + "; " + causes;
  }

  /** What the target held up, in its worst phase, when it held anything. */
  private Optional<String> pushBackPhrase() {
    if (f.heldPhase().isEmpty()) {
      return Optional.empty();
    }
    PhaseReport phase = f.heldPhase().get();
    StringBuilder sb = new StringBuilder();
    if (Verdicts.heldSends(phase, rules) || !Verdicts.heldTime(phase, senders)) {
      sb.append("the target held up ")
          .append(Format.count(phase.heldMessages()))
          .append(" of ")
          .append(Format.count(phase.sentMessages()))
          .append(" sends (")
          .append(Format.percent(phase.heldShare()))
          .append(", threshold ")
          .append(Format.percent(rules.pushBackShare()))
          .append(") in '")
          .append(phase.name())
          .append("': one after another, each stayed inside the target for at least the gap")
          .append(" to the next message");
      if (phase.measuredDuration().toNanos() > 0) {
        sb.append("; its sends spent ")
            .append(Durations.format(phase.callTime()))
            .append(" of the phase's ")
            .append(Durations.format(phase.measuredDuration()))
            .append(" inside the target");
      }
    } else {
      sb.append("the target held its caller ")
          .append(Durations.format(phase.callTime()))
          .append(" of the phase's ")
          .append(Durations.format(phase.measuredDuration()))
          .append(" inside its sends (")
          .append(Format.percent(Verdicts.callShare(phase, senders)))
          .append(", threshold ")
          .append(Format.percent(VerdictRules.PUSH_BACK_CALL_SHARE))
          .append(") in '")
          .append(phase.name())
          .append("', a long hold at a time (")
          .append(Format.count(phase.heldMessages()))
          .append(" sends held one after another)");
    }
    if (phase.fellShort()) {
      sb.append("; the phase achieved ")
          .append(Format.rate(phase.achievedRatePerSecond()))
          .append("/s of ")
          .append(Format.rate(phase.intendedRatePerSecond()))
          .append("/s intended");
    }
    return Optional.of(sb.toString());
  }

  private Optional<String> byCallerPhrase() {
    if (books.byCaller() == 0) {
      return Optional.empty();
    }
    return Optional.of(
        messages(books.byCaller())
            + " handled on the caller's own thread (pushed back onto the caller; not counted in"
            + " μ)");
  }

  private String growthPhrase() {
    Growth growth = f.growth();
    String grew =
        "depth grew "
            + Format.plusMinus(growth.slopePerSecond(), growth.standardError())
            + " msg/s";
    if (evidence.rates().isEmpty()) {
      return grew + " at the end of the load (last " + Durations.format(growth.window()) + ")";
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
    long limit = f.limit();
    String target = messages(limit) + limitName();
    return f.timeToLimit()
        .map(
            t ->
                t.isZero()
                    ? "it already holds " + target + " or more"
                    : "at this rate it reaches " + target + " in " + Durations.format(t));
  }

  /** {@code " (its capacity)"}, {@code " (the bound)"}, or nothing for the forecast limit. */
  private String limitName() {
    long limit = f.limit();
    if (evidence.capacity().isPresent() && evidence.capacity().getAsLong() == limit) {
      return " (its capacity)";
    }
    if (rules.bound().isPresent() && rules.bound().getAsLong() == limit) {
      return " (the bound)";
    }
    return "";
  }

  private String peakPhrase() {
    return "peak "
        + Format.count(f.depth().highWaterMark())
        + " at "
        + Durations.format(f.depth().highWaterMarkAt());
  }

  /** For verdicts where the queue stayed bounded: how high it went and whether it still grew. */
  private String heldDepthPhrase() {
    Growth growth = f.growth();
    StringBuilder sb = new StringBuilder();
    if (rules.bound().isPresent()) {
      sb.append("depth held ≤ ")
          .append(Format.count(f.depth().highWaterMark()))
          .append(" (bound ")
          .append(Format.count(rules.bound().getAsLong()))
          .append(")");
    } else {
      sb.append("depth peaked at ").append(Format.count(f.depth().highWaterMark()));
    }
    if (evidence.capacity().isPresent()) {
      sb.append(" of its capacity ").append(Format.count(evidence.capacity().getAsLong()));
    }
    if (!growth.hasStandardError()) {
      sb.append(", growth not measurable (")
          .append(growth.points())
          .append(" samples in the last ")
          .append(Durations.format(growth.window()))
          .append(" of the load)");
    } else if (f.lateRise() && f.grows()) {
      sb.append(" but was still growing ")
          .append(Format.plusMinus(growth.slopePerSecond(), growth.standardError()))
          .append(" msg/s at the end of the load");
      forecastPhrase().ifPresent(p -> sb.append("; ").append(p));
    } else if (f.lateRise()) {
      // the late window rose, but not by the rules' growth (VerdictRules): say which part failed,
      // so that the words agree with the verdict
      sb.append(" and rose ")
          .append(Format.plusMinus(growth.slopePerSecond(), growth.standardError()))
          .append(" msg/s over the late window, but ");
      Growth last = f.finalGrowth();
      double rise = f.late().rise();
      double scatter = f.late().scatter();
      if (!f.late().risesEnough()) {
        sb.append("by ")
            .append(Format.count(Math.round(rise)))
            .append(" messages, fewer than the ")
            .append(Format.count(rules.minRise()))
            .append(" that count as growth");
      } else if (!f.late().standsOut()) {
        sb.append("by ")
            .append(Format.count(Math.round(rise)))
            .append(" messages, within the depth's own swings (it scattered ±")
            .append(Format.count(Math.round(scatter)))
            .append(" about that trend; a rise counts as growth from ")
            .append(Format.count(Math.round(VerdictRules.MIN_RISE_IN_SCATTERS * scatter)))
            .append(")");
      } else {
        sb.append("not in its last ")
            .append(Durations.format(last.window()))
            .append(" (")
            .append(
                last.hasStandardError()
                    ? Format.plusMinus(last.slopePerSecond(), last.standardError())
                    : "not measurable")
            .append(" msg/s): levelling off, not growing at the end of the load");
      }
    } else {
      sb.append(" and was not growing at the end of the load (")
          .append(Format.plusMinus(growth.slopePerSecond(), growth.standardError()))
          .append(" msg/s)");
    }
    return sb.toString();
  }

  /**
   * λ and μ. μ counts the messages the consumers finished, failed ones included: when some failed,
   * it is called what it is (completions), not service.
   */
  private Optional<String> ratesPhrase() {
    return evidence
        .rates()
        .map(
            r ->
                "arrivals "
                    + Format.rate(r.arrivalPerSecond())
                    + (books.failed() > 0
                        ? "/s, completions (processed or failed) "
                        : "/s, service ")
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
    if (f.drain().isPresent()) {
      return Optional.of(level + " " + Durations.format(f.drain().get()) + " after the load");
    }
    return Optional.of(
        "not "
            + level
            + " "
            + Durations.format(after)
            + " after the load (final depth "
            + Format.count(series.finalDepth())
            + ")");
  }

  private String firstAbove(long bound) {
    for (int i = 0; i < series.size(); i++) {
      if (series.depth(i) > bound) {
        return " (first above it at "
            + Durations.format(Duration.ofNanos(series.timeNanos(i)))
            + ")";
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
