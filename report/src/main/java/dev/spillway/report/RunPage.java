package dev.spillway.report;

import static dev.spillway.report.Html.esc;

import dev.spillway.toolkit.ledger.CauseCount;
import dev.spillway.toolkit.ledger.LedgerSnapshot;
import dev.spillway.toolkit.ledger.Rates;
import dev.spillway.toolkit.load.Percentiles;
import dev.spillway.toolkit.record.Growth;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Renders one run's page: verdict, figures, bounds, the capacity curve of a capacity search, one
 * depth chart per probe, rates, tables.
 */
final class RunPage {

  /** A detail value shown as a link: one http, https or file URI, nothing else on the line. */
  private static final Pattern LINK = Pattern.compile("(?:https?|file):[^\\s\"<>]+");

  private RunPage() {}

  static String render(RunResult run) {
    StringBuilder out = new StringBuilder(64 * 1024);
    Html.head(out, run.verdict().map(Enum::name).orElse("NOT JUDGED") + " — " + run.name(), false);
    out.append("<p><a href=\"../index.html\">← survival matrix</a></p>\n");
    out.append("<h1>")
        .append(Html.wrappable(run.name()))
        .append(' ')
        .append(Html.badge(run.verdict()))
        .append("</h1>\n");
    out.append("<div class=\"meta\">design <b>")
        .append(esc(run.design()))
        .append("</b> · scenario <b>")
        .append(esc(run.scenario()))
        .append("</b> · id <code>")
        .append(esc(run.id()))
        .append("</code> · from ")
        .append(esc(run.source()))
        .append(" · started ")
        .append(esc(run.startedAt().truncatedTo(java.time.temporal.ChronoUnit.SECONDS).toString()))
        .append(" · recorded for ")
        .append(esc(Numbers.duration(run.duration())))
        .append("</div>\n");
    if (!run.explanation().isEmpty()) {
      out.append("<p class=\"explanation\">").append(esc(run.explanation())).append("</p>\n");
    }
    figures(out, run);
    bounds(out, run);
    CapacitySection.render(out, run);
    out.append("<h2>Queue depth</h2>\n");
    if (run.probes().isEmpty()) {
      out.append("<p>No queue was watched in this run.</p>\n");
    }
    for (ProbeTrace probe : run.probes()) {
      out.append("<h3>").append(esc(probe.probe())).append("</h3>\n<div class=\"chart\">\n");
      out.append(Charts.depth(run, probe));
      out.append("</div>\n<div class=\"caption\">").append(esc(caption(probe))).append("</div>\n");
    }
    out.append("<h2>Offered and served rate</h2>\n");
    Optional<String> rate = Charts.rate(run);
    if (rate.isPresent()) {
      out.append("<div class=\"chart\">\n").append(rate.get()).append("</div>\n");
      out.append("<div class=\"caption\">")
          .append(
              run.ratePoints().isEmpty()
                  ? "The intended rate of the load plan (no measured rates were recorded)."
                  : esc(
                      "λ and μ per "
                          + Numbers.duration(run.ratePoints().get(0).length())
                          + " bucket, from the ledger; the dashed line is the plan."))
          .append("</div>\n");
    } else {
      out.append("<p>No rate was recorded and no load plan was given.</p>\n");
    }
    latency(out, run);
    load(out, run);
    ledger(out, run);
    AutopsySection.render(out, run);
    injectors(out, run);
    breaches(out, run);
    events(out, run);
    details(out, run);
    out.append("<p><a href=\"")
        .append(esc(run.id()))
        .append(".json\">this run as JSON</a> (")
        .append(RunResultJson.SCHEMA)
        .append(")</p>\n");
    Html.tail(out);
    return out.toString();
  }

  private static String caption(ProbeTrace p) {
    return Numbers.count(p.size())
        + " points shown of "
        + Numbers.count(p.samples())
        + " samples (each kept point is the lowest or highest of its neighbours, so peaks survive);"
        + " sampled high-water mark "
        + Numbers.count(p.highWaterMark())
        + (p.exactHighWaterMark().isPresent()
            ? ", exact " + Numbers.count(p.exactHighWaterMark().getAsLong())
            : "")
        + "; mean depth "
        + Numbers.plain(p.meanDepth())
        + "; final depth "
        + Numbers.count(p.finalDepth())
        + (p.failedSamples() > 0 ? "; " + Numbers.count(p.failedSamples()) + " samples failed" : "")
        + ".";
  }

  private static void figure(StringBuilder out, String label, String value) {
    out.append("<div class=\"figure\"><div class=\"label\">")
        .append(esc(label))
        .append("</div><div class=\"value\">")
        .append(esc(value))
        .append("</div></div>\n");
  }

  private static void figures(StringBuilder out, RunResult run) {
    RunFigures f = run.figures();
    out.append("<div class=\"figures\">\n");
    figure(
        out,
        "high-water mark",
        f.highWaterMark().isPresent() ? Numbers.count(f.highWaterMark().getAsLong()) : "—");
    if (run.growth().isPresent()) {
      Growth g = run.growth().get();
      figure(
          out,
          "growth (late window)",
          g.isDetermined()
              ? Numbers.plusMinus(g.slopePerSecond(), g.standardError()) + " msg/s"
              : "undetermined");
    }
    if (run.rates().isPresent()) {
      Rates r = run.rates().get();
      figure(
          out,
          "λ / μ" + (r.isMeasured() ? "" : " (nominal)"),
          Numbers.rate(r.arrivalPerSecond())
              + " / "
              + Numbers.rate(r.servicePerSecond())
              + " msg/s");
    }
    if (run.verdict().isPresent()) {
      figure(out, "drain time", f.drainTime().map(Numbers::duration).orElse("did not drain"));
    }
    run.timeToLimit()
        .ifPresent(d -> figure(out, "time to limit at this growth", Numbers.duration(d)));
    figure(
        out,
        "shed",
        f.shedRatio().isPresent() ? Numbers.percent(f.shedRatio().getAsDouble()) : "—");
    figure(out, "latency p99", f.p99().map(Numbers::duration).orElse("—"));
    run.capacity()
        .ifPresent(
            c ->
                figure(
                    out,
                    "capacity knee",
                    c.knee().isPresent()
                        ? Numbers.rate(c.knee().getAsDouble())
                            + "/s ["
                            + Numbers.rate(c.kneeLow())
                            + ", "
                            + Numbers.rate(c.kneeHigh())
                            + "]"
                        : "below " + Numbers.rate(c.kneeHigh()) + "/s"));
    out.append("</div>\n");
  }

  private static void bounds(StringBuilder out, RunResult run) {
    if (run.bounds().isEmpty()) {
      return;
    }
    out.append(
        "<h2>Bounds</h2>\n<div class=\"scroll\"><table><tr><th>bound</th><th>on</th><th>limit</th><th>observed</th><th></th></tr>\n");
    for (BoundCheck b : run.bounds()) {
      out.append("<tr><td>")
          .append(b.kind().name().toLowerCase(java.util.Locale.ROOT))
          .append("</td><td>")
          .append(esc(b.subject()))
          .append("</td><td class=\"num\">")
          .append(esc(Numbers.plain(b.limit()) + " " + b.kind().unit()))
          .append("</td><td class=\"num\">")
          .append(
              b.observed().isPresent()
                  ? esc(Numbers.plain(b.observed().getAsDouble()) + " " + b.kind().unit())
                  : b.kind() == BoundKind.DRAIN ? "did not drain" : "not measured")
          .append("</td><td class=\"")
          .append(b.held() ? "held\">held" : "broken\">BROKEN")
          .append("</td></tr>\n");
    }
    out.append("</table></div>\n");
  }

  private static void latency(StringBuilder out, RunResult run) {
    if (run.latency().isEmpty() && run.lateness().isEmpty()) {
      return;
    }
    out.append(
        "<h2>Latency</h2>\n<div class=\"scroll\"><table><tr><th></th><th>count</th><th>p50</th><th>p90</th><th>p99</th><th>p99.9</th><th>max</th></tr>\n");
    percentileRow(out, "latency (from intended send time)", run.latency());
    percentileRow(out, "lateness of sends", run.lateness());
    out.append("</table></div>\n");
  }

  private static void percentileRow(StringBuilder out, String label, Optional<Percentiles> value) {
    if (value.isEmpty()) {
      return;
    }
    Percentiles p = value.get();
    out.append("<tr><th>")
        .append(esc(label))
        .append("</th><td class=\"num\">")
        .append(Numbers.count(p.count()))
        .append("</td>");
    for (Duration d : new Duration[] {p.p50(), p.p90(), p.p99(), p.p999(), p.max()}) {
      out.append("<td class=\"num\">").append(esc(Numbers.duration(d))).append("</td>");
    }
    out.append("</tr>\n");
  }

  private static void load(StringBuilder out, RunResult run) {
    if (run.plan().isEmpty() && run.load().isEmpty()) {
      return;
    }
    out.append("<h2>Load</h2>\n");
    if (run.load().isPresent()) {
      LoadFigures l = run.load().get();
      out.append("<p>")
          .append(
              esc(
                  l.ending()
                      + ": planned "
                      + Numbers.count(l.planned())
                      + ", sent "
                      + Numbers.count(l.sent())
                      + " (accepted "
                      + Numbers.count(l.accepted())
                      + ", rejected "
                      + Numbers.count(l.rejected())
                      + ", failed "
                      + Numbers.count(l.failed())
                      + ", unfinished "
                      + Numbers.count(l.unfinished())
                      + "), not sent "
                      + Numbers.count(l.notSent())
                      + ", achieved "
                      + Numbers.rate(l.achievedRatePerSecond())
                      + "/s"))
          .append("</p>\n");
      l.backPressure()
          .ifPresent(b -> out.append("<p class=\"warn\">").append(esc(b)).append("</p>\n"));
    }
    if (run.plan().isPresent()) {
      out.append(
          "<div class=\"scroll\"><table><tr><th>phase</th><th>kind</th><th>intended</th><th>sent</th><th>achieved</th>"
              + "<th>held up by the target</th></tr>\n");
      for (PhaseSpan p : run.plan().get().phases()) {
        out.append("<tr><td>")
            .append(esc(p.name()))
            .append("</td><td>")
            .append(p.kind().name().toLowerCase(java.util.Locale.ROOT))
            .append("</td><td>")
            .append(esc(Charts.describe(p)))
            .append("</td><td class=\"num\">")
            .append(
                p.sentMessages().isPresent() ? Numbers.count(p.sentMessages().getAsLong()) : "—")
            .append("</td><td class=\"num\">")
            .append(
                p.achievedRatePerSecond().isPresent()
                    ? esc(Numbers.rate(p.achievedRatePerSecond().getAsDouble()) + "/s")
                    : "—")
            .append("</td><td class=\"num\">")
            .append(heldCell(p))
            .append("</td></tr>\n");
      }
      out.append("</table></div>\n");
    }
  }

  private static void ledger(StringBuilder out, RunResult run) {
    if (run.ledger().isEmpty()) {
      return;
    }
    LedgerSnapshot l = run.ledger().get();
    out.append("<h2>Ledger</h2>\n<p>").append(esc(l.describe())).append("</p>\n");
    out.append(
        "<div class=\"scroll\"><table><tr><th>sent</th><th>processed</th><th>rejected</th><th>dropped</th><th>failed</th>"
            + "<th>queued</th><th>in flight</th><th>by the caller</th><th>unaccounted</th></tr>"
            + "<tr>");
    for (long v :
        new long[] {
          l.sent(),
          l.processed(),
          l.rejected(),
          l.dropped(),
          l.failed(),
          l.queued(),
          l.inFlight(),
          l.byCaller(),
          l.unaccounted()
        }) {
      out.append("<td class=\"num\">").append(Numbers.count(v)).append("</td>");
    }
    out.append("</tr></table></div>\n");
    causes(out, "Failures by cause", l.failureCauses());
    causes(out, "Rejections by reason", l.rejectionReasons());
    causes(out, "Drops by reason", l.dropReasons());
  }

  private static void causes(StringBuilder out, String title, List<CauseCount> causes) {
    if (causes.isEmpty()) {
      return;
    }
    out.append("<h3>")
        .append(esc(title))
        .append(
            "</h3>\n<div class=\"scroll\"><table><tr><th>cause</th><th>count</th><th>first messages</th></tr>\n");
    for (CauseCount c : causes) {
      out.append("<tr><td class=\"mono\">")
          .append(esc(c.cause()))
          .append("</td><td class=\"num\">")
          .append(Numbers.count(c.count()))
          .append("</td><td>")
          .append(esc(String.join(" · ", c.examples())))
          .append("</td></tr>\n");
    }
    out.append("</table></div>\n");
  }

  private static String heldCell(PhaseSpan p) {
    if (p.heldMessages().isEmpty()) {
      return "—";
    }
    long held = p.heldMessages().getAsLong();
    long sent = p.sentMessages().orElse(0);
    return sent == 0
        ? Numbers.count(held)
        : esc(Numbers.count(held) + " (" + Numbers.percent((double) held / sent) + ")");
  }

  private static void injectors(StringBuilder out, RunResult run) {
    if (run.injectors().isEmpty()) {
      return;
    }
    out.append("<h2>Injectors</h2>\n<ul>\n");
    for (InjectorInfo i : run.injectors()) {
      out.append("<li><b>").append(esc(i.name())).append("</b>");
      for (Map.Entry<String, String> e : i.params().entrySet()) {
        out.append("<br><span class=\"mono\">")
            .append(esc(e.getKey()))
            .append(" = ")
            .append(esc(e.getValue()))
            .append("</span>");
      }
      out.append("</li>\n");
    }
    out.append("</ul>\n");
  }

  private static void breaches(StringBuilder out, RunResult run) {
    if (run.breaches().isEmpty()) {
      return;
    }
    out.append(
        "<h2>Sentinel breaches</h2>\n<div class=\"scroll\"><table><tr><th>at</th><th>queue</th><th>depth</th><th>detail</th></tr>\n");
    for (BreachMark b : run.breaches()) {
      out.append("<tr><td class=\"num\">")
          .append(esc(Numbers.duration(b.at())))
          .append("</td><td>")
          .append(esc(b.queue()))
          .append("</td><td class=\"num\">")
          .append(Numbers.count(b.depth()))
          .append("</td><td>")
          .append(esc(b.detail()))
          .append("</td></tr>\n");
    }
    out.append("</table></div>\n");
  }

  private static void events(StringBuilder out, RunResult run) {
    if (run.events().isEmpty()) {
      return;
    }
    out.append("<details><summary>")
        .append(Numbers.count(run.events().size()))
        .append(
            " events</summary>\n<div class=\"scroll\"><table><tr><th>at</th><th>kind</th><th>source</th><th>detail</th></tr>\n");
    for (TimelineEvent e : run.events()) {
      out.append("<tr><td class=\"num\">")
          .append(esc(Numbers.duration(e.at())))
          .append("</td><td>")
          .append(e.kind().name())
          .append("</td><td>")
          .append(esc(e.source()))
          .append("</td><td>")
          .append(esc(e.detail()))
          .append("</td></tr>\n");
    }
    out.append("</table></div></details>\n");
  }

  private static void details(StringBuilder out, RunResult run) {
    if (run.details().isEmpty()) {
      return;
    }
    out.append("<h2>Details</h2>\n<div class=\"scroll\"><table>\n");
    run.details()
        .forEach(
            (k, v) ->
                out.append("<tr><th>")
                    .append(esc(k))
                    .append("</th><td>")
                    .append(link(v))
                    .append("</td></tr>\n"));
    out.append("</table></div>\n");
  }

  /** A detail that is a link (Gatling's own report, a target's URL) as one; else its text. */
  private static String link(String value) {
    if (!LINK.matcher(value).matches()) {
      return esc(value);
    }
    return "<a href=\"" + esc(value) + "\">" + esc(value) + "</a>";
  }
}
