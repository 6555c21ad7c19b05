package dev.spillway.report;

import static dev.spillway.report.Html.esc;

import java.util.List;

/**
 * The index page's scalability section: for each design family with capacity runs at several
 * consumer counts, the measured knees and the Universal Scalability Law fitted to them, with N*
 * marked — or why there is no fit.
 */
final class ScalabilitySection {

  static final String KNEES = Charts.OFFERED;
  static final String CURVE = Charts.SERVED;
  static final String PEAK = Charts.GROWTH;

  private ScalabilitySection() {}

  static void render(StringBuilder out, List<RunResult> runs) {
    List<ScalabilityFamily> families = ScalabilityFamily.of(runs);
    if (families.isEmpty()) {
      return;
    }
    out.append("<h2>Scalability across consumer counts</h2>\n<p>")
        .append(
            esc(
                "The knees of capacity runs whose design reads family(N), with the Universal"
                    + " Scalability Law C(N) = C(1)·N / (1 + σ(N−1) + κN(N−1)) fitted by least"
                    + " squares: σ is contention, κ the cost of keeping consumers coherent, and"
                    + " past N* = √((1−σ)/κ) another consumer lowers the capacity."))
        .append("</p>\n");
    for (ScalabilityFamily family : families) {
      out.append("<h3>").append(esc(family.family())).append("</h3>\n");
      if (family.fit().isPresent()) {
        ScalabilityFit fit = family.fit().get();
        out.append("<div class=\"chart\">\n").append(chart(fit)).append("</div>\n");
        out.append("<div class=\"caption\">").append(esc(fit.describe() + ".")).append("</div>\n");
      } else {
        out.append("<p class=\"warn\">No fit: ")
            .append(esc(family.refusal().orElseThrow()))
            .append(".</p>\n");
      }
      table(out, family);
      for (String line : family.leftOut()) {
        out.append("<p class=\"warn\">Left out: ").append(esc(line)).append(".</p>\n");
      }
    }
  }

  static String chart(ScalabilityFit fit) {
    int maxN = fit.distinctConsumers().get(fit.distinctConsumers().size() - 1);
    double xMax = maxN;
    if (fit.peakConsumers().isPresent()) {
      xMax = Math.max(xMax, Math.min(2.0 * maxN, fit.peakConsumers().getAsDouble() * 1.3));
    }
    int steps = 120;
    double[] xs = new double[steps + 1];
    double[] ys = new double[steps + 1];
    double top = 0;
    for (int i = 0; i <= steps; i++) {
      xs[i] = 1 + (xMax - 1) * i / steps;
      ys[i] = fit.capacityAt(xs[i]);
      top = Math.max(top, ys[i]);
    }
    for (ScalabilityPoint p : fit.points()) {
      top = Math.max(top, p.capacity());
    }
    SvgChart chart =
        SvgChart.over(
            "capacity of " + fit.family() + " against its consumer count",
            "capacity (messages/s)",
            "consumers N",
            xMax,
            top);
    chart.polyline(xs, ys, CURVE, false, "USL fit");
    if (fit.peakConsumers().isPresent()) {
      double peak = fit.peakConsumers().getAsDouble();
      chart.vline(peak, PEAK, "N* ≈ " + Numbers.plain(peak) + ": adding consumers stops paying");
      chart.legendEntry(PEAK, "N* ≈ " + Numbers.plain(peak), "dashed");
    }
    for (ScalabilityPoint p : fit.points()) {
      chart.marker(
          p.consumers(),
          p.capacity(),
          KNEES,
          p.run() + ": N = " + p.consumers() + ", knee " + Numbers.rate(p.capacity()) + "/s");
    }
    chart.legendEntry(KNEES, "measured knee", "marker");
    return chart.svg();
  }

  private static void table(StringBuilder out, ScalabilityFamily family) {
    if (family.points().isEmpty()) {
      return;
    }
    out.append(
        "<div class=\"scroll\"><table><tr><th>run</th><th>N</th><th>knee</th><th>fitted</th>"
            + "<th>residual</th></tr>\n");
    for (int i = 0; i < family.points().size(); i++) {
      ScalabilityPoint p = family.points().get(i);
      out.append("<tr><td><a href=\"runs/")
          .append(esc(p.run()))
          .append(".html\">")
          .append(esc(p.run()))
          .append("</a></td><td class=\"num\">")
          .append(p.consumers())
          .append("</td><td class=\"num\">")
          .append(esc(Numbers.rate(p.capacity()) + "/s"));
      if (family.fit().isPresent()) {
        ScalabilityFit fit = family.fit().get();
        out.append("</td><td class=\"num\">")
            .append(esc(Numbers.rate(fit.capacityAt(p.consumers())) + "/s"))
            .append("</td><td class=\"num\">")
            .append(esc(Numbers.plain(fit.residuals().get(i)) + "/s"));
      } else {
        out.append("</td><td class=\"num\">—</td><td class=\"num\">—");
      }
      out.append("</td></tr>\n");
    }
    out.append("</table></div>\n");
  }
}
