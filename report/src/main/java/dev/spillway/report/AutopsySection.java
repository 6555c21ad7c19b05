package dev.spillway.report;

import static dev.spillway.report.Html.esc;

import dev.spillway.toolkit.autopsy.AutopsyReport;
import dev.spillway.toolkit.autopsy.GcFigures;
import dev.spillway.toolkit.autopsy.MethodShare;
import dev.spillway.toolkit.autopsy.TimeShares;
import java.util.Locale;

/** The run page's autopsy section: the top methods, the waits, GC and allocation, the limits. */
final class AutopsySection {

  private AutopsySection() {}

  static void render(StringBuilder out, RunResult run) {
    if (run.autopsy().isEmpty()) {
      return;
    }
    AutopsyReport a = run.autopsy().get();
    out.append("<h2>Autopsy: where the consumers' time went</h2>\n");
    if (!a.recorded()) {
      out.append("<p class=\"warn\">Not recorded: ")
          .append(esc(a.unavailable().get()))
          .append(".</p>\n");
      return;
    }
    out.append("<p>")
        .append(
            esc(
                a.threads().size()
                    + (a.threads().size() == 1 ? " thread (" : " threads (")
                    + String.join(", ", a.threads())
                    + ") over "
                    + Numbers.duration(a.window())
                    + "; "
                    + Numbers.count(a.samples())
                    + " execution samples every "
                    + Numbers.duration(a.samplePeriod())
                    + " (JFR). Each sample and wait goes to its first frame outside the JDK and"
                    + " Spillway's injection code."))
        .append("</p>\n");
    if (!a.topMethods().isEmpty()) {
      out.append(
          "<div class=\"scroll\"><table><tr><th>method</th><th>share</th><th>own code</th>"
              + "<th>waiting below</th><th>mostly in</th></tr>\n");
      for (MethodShare m : a.topMethods()) {
        out.append("<tr><td class=\"mono\">")
            .append(esc(m.method()))
            .append("</td><td class=\"num\">")
            .append(esc(Numbers.percent(m.share())))
            .append("</td><td class=\"num\">")
            .append(esc(Numbers.percent(m.selfShare())))
            .append("</td><td class=\"num\">")
            .append(esc(Numbers.percent(m.waitShare())))
            .append("</td><td class=\"mono\">")
            .append(esc(m.mostlyIn().orElse("—")))
            .append("</td></tr>\n");
      }
      out.append("</table></div>\n");
    }
    TimeShares t = a.time();
    out.append(
        "<div class=\"scroll\"><table><tr><th>running</th><th>sleeping</th><th>parked</th>"
            + "<th>blocked on a monitor</th><th>in Object.wait</th><th>other</th>"
            + "<th>GC pauses</th><th>allocated</th></tr><tr>");
    for (double share :
        new double[] {
          t.running(), t.sleeping(), t.parked(), t.blocked(), t.monitorWait(), t.other()
        }) {
      out.append("<td class=\"num\">").append(esc(Numbers.percent(share))).append("</td>");
    }
    GcFigures gc = a.gc();
    out.append("<td class=\"num\">")
        .append(
            esc(
                Numbers.percent(gc.pauseShare())
                    + " ("
                    + Numbers.count(gc.collections())
                    + " collections, "
                    + Numbers.duration(gc.pauseTime())
                    + ")"))
        .append("</td><td class=\"num\">")
        .append(
            a.allocationRate().isPresent()
                ? esc(
                    String.format(Locale.ROOT, "%.1f MB/s", a.allocationRate().getAsDouble() / 1e6))
                : "not measured")
        .append("</td></tr></table></div>\n");
    for (String limit : a.limits()) {
      out.append("<p class=\"warn\">").append(esc(limit)).append("</p>\n");
    }
  }
}
