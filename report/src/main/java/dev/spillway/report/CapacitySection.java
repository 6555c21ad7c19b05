package dev.spillway.report;

import static dev.spillway.report.Html.esc;

import dev.spillway.toolkit.capacity.CapacityResult;
import dev.spillway.toolkit.capacity.CapacityTrial;
import java.util.Comparator;
import java.util.List;
import java.util.function.ToDoubleFunction;

/**
 * The run page's capacity section: the knee and its interval, the capacity curve (offered λ against
 * μ served, p99 and growth against λ, sustained trials filled and the others hollow, the knee's
 * interval shaded), and a table of the trials with each one's reason.
 */
final class CapacitySection {

  static final String SUSTAINED = Charts.SERVED;
  static final String NOT_SUSTAINED = Charts.BREACH;
  static final String KNEE = Charts.GROWTH;
  private static final String KNEE_FILL = "#fdf0dc";

  private CapacitySection() {}

  static void render(StringBuilder out, RunResult run) {
    if (run.capacity().isEmpty()) {
      return;
    }
    CapacityResult c = run.capacity().get();
    out.append("<h2>Capacity</h2>\n<p>").append(esc(summary(c))).append("</p>\n");
    chart(
        out,
        servedChart(c),
        "μ served against λ offered, one point per trial (filled: sustained; hollow: not). The"
            + " grey dashed line is μ = λ, a component that keeps up; the dotted line is the knee"
            + " and the shaded band the interval the capacity lies in.");
    chart(
        out,
        trialChart(
            c, "p99 latency against the offered rate", "latency p99 (ms)", CapacitySection::p99),
        "The latency p99 of each trial that measured it, against its offered rate.");
    chart(
        out,
        trialChart(
            c,
            "queue growth against the offered rate",
            "queue growth (messages/s)",
            CapacityTrial::growthPerSecond),
        "The judged queue's growth slope over each trial's late window (a shrinking queue is"
            + " drawn at 0; the table has the signed value and its standard error).");
    trials(out, c);
  }

  /** The search's result in one sentence of numbers. */
  static String summary(CapacityResult c) {
    String knee =
        c.knee().isPresent()
            ? "Knee "
                + Numbers.rate(c.knee().getAsDouble())
                + "/s: the highest offered rate sustained; the capacity lies in ["
                + Numbers.rate(c.kneeLow())
                + ", "
                + Numbers.rate(c.kneeHigh())
                + (c.saturated()
                    ? "]/s"
                    : "]/s or above (no trial broke: the search never saturated)")
            : "No trial sustained its rate: the capacity is below "
                + Numbers.rate(c.kneeHigh())
                + "/s";
    return knee
        + c.saturatedServiceRate().stream()
            .mapToObj(mu -> "; μ at saturation " + Numbers.rate(mu) + "/s")
            .findFirst()
            .orElse("")
        + ". "
        + c.trials().size()
        + (c.trials().size() == 1 ? " trial" : " trials")
        + " in "
        + Numbers.duration(c.elapsed())
        + " of a stated budget of "
        + Numbers.duration(c.budget())
        + ".";
  }

  private static void chart(StringBuilder out, String svg, String caption) {
    out.append("<div class=\"chart\">\n")
        .append(svg)
        .append("</div>\n<div class=\"caption\">")
        .append(esc(caption))
        .append("</div>\n");
  }

  private static List<CapacityTrial> byRate(CapacityResult c) {
    return c.trials().stream()
        .sorted(Comparator.comparingDouble(CapacityTrial::offeredRate))
        .toList();
  }

  private static double maxOffered(CapacityResult c) {
    return c.trials().stream().mapToDouble(CapacityTrial::offeredRate).max().orElse(1);
  }

  static String servedChart(CapacityResult c) {
    List<CapacityTrial> trials = byRate(c);
    double top = maxOffered(c);
    for (CapacityTrial t : trials) {
      top = Math.max(top, t.serviceRate());
    }
    SvgChart chart =
        SvgChart.overRate(
            "served rate against the offered rate",
            "served rate μ (messages/s)",
            maxOffered(c),
            top);
    kneeBand(chart, c);
    chart.polyline(
        new double[] {0, maxOffered(c)},
        new double[] {0, maxOffered(c)},
        Charts.INTENDED,
        true,
        "μ = λ (keeping up)");
    line(chart, trials, CapacityTrial::serviceRate, "μ served");
    c.saturatedServiceRate()
        .ifPresent(
            mu -> {
              chart.hline(
                  mu,
                  NOT_SUSTAINED,
                  "μ at saturation " + Numbers.rate(mu) + "/s",
                  "μ measured in the trials that were not sustained (the highest)");
              chart.legendEntry(NOT_SUSTAINED, "μ at saturation", "dashed");
            });
    markers(chart, trials, CapacityTrial::serviceRate);
    return chart.svg();
  }

  static String trialChart(
      CapacityResult c, String label, String yLabel, ToDoubleFunction<CapacityTrial> value) {
    List<CapacityTrial> trials =
        byRate(c).stream().filter(t -> !Double.isNaN(value.applyAsDouble(t))).toList();
    double top = 0;
    for (CapacityTrial t : trials) {
      top = Math.max(top, value.applyAsDouble(t));
    }
    SvgChart chart = SvgChart.overRate(label, yLabel, maxOffered(c), top);
    kneeBand(chart, c);
    line(chart, trials, value, yLabel.substring(0, yLabel.indexOf(" (")));
    markers(chart, trials, value);
    return chart.svg();
  }

  private static double p99(CapacityTrial t) {
    return t.p99().map(Numbers::millis).orElse(Double.NaN);
  }

  private static void kneeBand(SvgChart chart, CapacityResult c) {
    String interval = "[" + Numbers.rate(c.kneeLow()) + ", " + Numbers.rate(c.kneeHigh()) + "]/s";
    chart.band(
        c.kneeLow(),
        c.kneeHigh(),
        KNEE_FILL,
        "the capacity lies in " + interval,
        "capacity " + interval);
    if (c.knee().isPresent()) {
      double knee = c.knee().getAsDouble();
      chart.vline(knee, KNEE, "knee " + Numbers.rate(knee) + "/s: the highest rate sustained");
      chart.legendEntry(KNEE, "knee " + Numbers.rate(knee) + "/s", "dashed");
    }
  }

  private static void line(
      SvgChart chart,
      List<CapacityTrial> trials,
      ToDoubleFunction<CapacityTrial> value,
      String name) {
    double[] xs = new double[trials.size()];
    double[] ys = new double[trials.size()];
    for (int i = 0; i < xs.length; i++) {
      xs[i] = trials.get(i).offeredRate();
      ys[i] = value.applyAsDouble(trials.get(i));
    }
    chart.polyline(xs, ys, Charts.OFFERED, false, name);
  }

  private static void markers(
      SvgChart chart, List<CapacityTrial> trials, ToDoubleFunction<CapacityTrial> value) {
    boolean broken = false;
    for (CapacityTrial t : trials) {
      String title =
          "λ offered "
              + Numbers.rate(t.offeredRate())
              + "/s, μ served "
              + Numbers.rate(t.serviceRate())
              + "/s: "
              + (t.sustained() ? "sustained" : "not sustained")
              + " — "
              + t.reason();
      if (t.sustained()) {
        chart.marker(t.offeredRate(), value.applyAsDouble(t), SUSTAINED, title);
      } else {
        chart.hollowMarker(t.offeredRate(), value.applyAsDouble(t), NOT_SUSTAINED, title);
        broken = true;
      }
    }
    chart.legendEntry(SUSTAINED, "sustained", "marker");
    if (broken) {
      chart.legendEntry(NOT_SUSTAINED, "not sustained", "hollow");
    }
  }

  private static void trials(StringBuilder out, CapacityResult c) {
    out.append(
        "<h3>Trials, in the order they ran</h3>\n<div class=\"scroll\"><table><tr><th>#</th>"
            + "<th>offered</th><th>λ measured</th><th>μ served</th><th>growth</th><th>p99</th>"
            + "<th>verdict</th><th>sustained</th><th>ran</th><th>why</th></tr>\n");
    int i = 1;
    for (CapacityTrial t : c.trials()) {
      out.append("<tr><td class=\"num\">")
          .append(i++)
          .append("</td><td class=\"num\">")
          .append(esc(Numbers.rate(t.offeredRate()) + "/s"))
          .append("</td><td class=\"num\">")
          .append(esc(Numbers.rate(t.arrivalRate()) + "/s"))
          .append("</td><td class=\"num\">")
          .append(esc(Numbers.rate(t.serviceRate()) + "/s"))
          .append("</td><td class=\"num\">")
          .append(esc(Numbers.plusMinus(t.growthPerSecond(), t.growthStandardError()) + " msg/s"))
          .append("</td><td class=\"num\">")
          .append(esc(t.p99().map(Numbers::duration).orElse("—")))
          .append("</td><td>")
          .append(esc(t.verdict().name()))
          .append("</td><td class=\"")
          .append(t.sustained() ? "held\">yes" : "broken\">NO")
          .append("</td><td class=\"num\">")
          .append(esc(Numbers.duration(t.duration())))
          .append("</td><td>")
          .append(esc(t.reason()))
          .append("</td></tr>\n");
    }
    out.append("</table></div>\n");
  }
}
