package dev.spillway.report;

import static dev.spillway.report.Html.esc;

import dev.spillway.toolkit.verdict.Verdict;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Renders the index page: the survival matrix (design × scenario), the scalability of design
 * families measured at several consumer counts, and the list of runs.
 */
final class IndexPage {

  private IndexPage() {}

  /**
   * @param runs the runs, in the order their designs and scenarios should appear
   * @param unreadable one line per result file that could not be read
   * @param generated when the page was made
   */
  static String render(List<RunResult> runs, List<String> unreadable, Instant generated) {
    StringBuilder out = new StringBuilder(16 * 1024);
    Html.head(out, "Spillway — survival matrix", true);
    out.append("<h1>Survival matrix</h1>\n<div class=\"meta\">")
        .append(Numbers.count(runs.size()))
        .append(runs.size() == 1 ? " run" : " runs")
        .append(esc(tally(runs)))
        .append(" · written ")
        .append(esc(generated.toString()))
        .append("</div>\n");
    Set<String> designs = new LinkedHashSet<>();
    Set<String> scenarios = new LinkedHashSet<>();
    for (RunResult run : runs) {
      designs.add(run.design());
      scenarios.add(run.scenario());
    }
    if (runs.isEmpty()) {
      out.append("<p>No run results yet.</p>\n");
    } else {
      out.append("<div class=\"scroll\"><table class=\"matrix\"><tr><th>design \\ scenario</th>");
      for (String scenario : scenarios) {
        out.append("<th>").append(esc(scenario)).append("</th>");
      }
      out.append("</tr>\n");
      for (String design : designs) {
        out.append("<tr><th class=\"design\">").append(esc(design)).append("</th>");
        for (String scenario : scenarios) {
          out.append("<td>");
          for (RunResult run : runs) {
            if (run.design().equals(design) && run.scenario().equals(scenario)) {
              cell(out, run);
            }
          }
          out.append("</td>");
        }
        out.append("</tr>\n");
      }
      out.append("</table></div>\n");
      out.append(
          "<div class=\"caption\">Each cell: the verdict, the high-water mark of the judged queue,"
              + " the share of messages shed, the latency p99, and the knee of a capacity search."
              + " Click a cell for the run's charts.</div>\n");
      ScalabilitySection.render(out, runs);
      runsTable(out, runs);
    }
    if (!unreadable.isEmpty()) {
      out.append("<h2 class=\"warn\">Unreadable results</h2>\n<ul>\n");
      for (String line : unreadable) {
        out.append("<li class=\"mono\">").append(esc(line)).append("</li>\n");
      }
      out.append("</ul>\n");
    }
    Html.tail(out);
    return out.toString();
  }

  private static String tally(List<RunResult> runs) {
    Map<Verdict, Integer> counts = new EnumMap<>(Verdict.class);
    int none = 0;
    for (RunResult run : runs) {
      if (run.verdict().isPresent()) {
        counts.merge(run.verdict().get(), 1, Integer::sum);
      } else {
        none++;
      }
    }
    List<String> parts = new ArrayList<>();
    counts.forEach((v, n) -> parts.add(n + " " + v.name()));
    if (none > 0) {
      parts.add(none + " not judged");
    }
    return parts.isEmpty() ? "" : ": " + String.join(", ", parts);
  }

  private static void cell(StringBuilder out, RunResult run) {
    RunFigures f = run.figures();
    out.append("<a class=\"cell\" href=\"runs/")
        .append(esc(run.id()))
        .append(".html\" title=\"")
        .append(esc(run.name()))
        .append("\">")
        .append(Html.badge(run.verdict()))
        .append("<span class=\"nums\">");
    String[] parts = (numbers(f) + knee(run)).split(" · ");
    for (int i = 0; i < parts.length; i++) { // a figure is not split across two lines
      out.append(i == 0 ? "" : " · ").append("<span class=\"nw\">").append(esc(parts[i]));
      out.append("</span>");
    }
    out.append("</span></a>");
  }

  /** {@code " · knee 200/s"} for a run with a capacity search, else nothing. */
  private static String knee(RunResult run) {
    return run.capacity()
        .map(
            c ->
                " · knee "
                    + (c.knee().isPresent()
                        ? Numbers.rate(c.knee().getAsDouble()) + "/s"
                        : "below " + Numbers.rate(c.kneeHigh()) + "/s"))
        .orElse("");
  }

  static String numbers(RunFigures f) {
    return "HWM "
        + (f.highWaterMark().isPresent() ? Numbers.count(f.highWaterMark().getAsLong()) : "—")
        + " · shed "
        + (f.shedRatio().isPresent() ? Numbers.percent(f.shedRatio().getAsDouble()) : "—")
        + " · p99 "
        + f.p99().map(Numbers::duration).orElse("—");
  }

  private static void runsTable(StringBuilder out, List<RunResult> runs) {
    out.append(
        "<h2>Runs</h2>\n<div class=\"scroll\"><table><tr><th>run</th><th>design</th><th>scenario</th><th>verdict</th>"
            + "<th>high-water mark</th><th>drain</th><th>p99</th><th>shed</th><th>bounds</th>"
            + "<th>source</th></tr>\n");
    for (RunResult run : runs) {
      RunFigures f = run.figures();
      out.append("<tr><td><a href=\"runs/")
          .append(esc(run.id()))
          .append(".html\">")
          .append(Html.wrappable(run.name()))
          .append("</a></td><td>")
          .append(esc(run.design()))
          .append("</td><td>")
          .append(esc(run.scenario()))
          .append("</td><td>")
          .append(Html.badge(run.verdict()))
          .append("</td><td class=\"num\">")
          .append(
              f.highWaterMark().isPresent() ? Numbers.count(f.highWaterMark().getAsLong()) : "—")
          .append("</td><td class=\"num\">")
          .append(esc(drain(run, f.drainTime().map(Numbers::duration))))
          .append("</td><td class=\"num\">")
          .append(esc(f.p99().map(Numbers::duration).orElse("—")))
          .append("</td><td class=\"num\">")
          .append(f.shedRatio().isPresent() ? Numbers.percent(f.shedRatio().getAsDouble()) : "—")
          .append("</td><td>")
          .append(
              run.bounds().isEmpty()
                  ? "—"
                  : run.boundsHeld()
                      ? "<span class=\"held\">held</span>"
                      : "<span class=\"broken\">BROKEN</span>")
          .append("</td><td>")
          .append(esc(run.source()))
          .append("</td></tr>\n");
    }
    out.append("</table></div>\n");
  }

  private static String drain(RunResult run, Optional<String> drain) {
    return drain.orElse(run.verdict().isPresent() ? "did not drain" : "—");
  }
}
