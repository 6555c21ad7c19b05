package dev.spillway.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * An inline SVG chart with time (seconds) — or, {@linkplain #overRate made so}, an offered rate —
 * across and a value up: a frame with ticks, labels and grid lines, and layers drawn into it
 * (shaded bands under the grid, lines and markers over it). Every text goes through {@link
 * Html#esc}. Not thread-safe; one chart per instance.
 */
final class SvgChart {

  static final int WIDTH = 960;
  static final int HEIGHT = 300;
  static final int LEFT = 76;
  static final int RIGHT = 24;
  static final int TOP = 30;
  static final int BOTTOM = 46;

  /** The characters of a legend entry's name shown; a longer one is cut, whole in its tooltip. */
  private static final int LEGEND_CHARS = 40;

  private final String label;
  private final String yLabel;
  private final String xLabel;
  private final boolean timeAxis;
  private final double xMax;
  private final double yMax;
  private final double yStep;
  private final StringBuilder bands = new StringBuilder();
  private final StringBuilder data = new StringBuilder();
  private final StringBuilder overlay = new StringBuilder();
  private final List<String[]> legend = new ArrayList<>();

  /**
   * @param label the chart's accessible name
   * @param yLabel the value axis' title
   * @param xMaxSeconds the time axis' end, in seconds (&gt; 0 or taken as 1)
   * @param yMaxValue the largest value to show (the axis is rounded up from it)
   */
  SvgChart(String label, String yLabel, double xMaxSeconds, double yMaxValue) {
    this(label, yLabel, "time since the recording started", true, xMaxSeconds, yMaxValue);
  }

  private SvgChart(
      String label,
      String yLabel,
      String xLabel,
      boolean timeAxis,
      double xMaxSeconds,
      double yMaxValue) {
    this.label = label;
    this.yLabel = yLabel;
    this.xLabel = xLabel;
    this.timeAxis = timeAxis;
    this.xMax = xMaxSeconds > 0 && Double.isFinite(xMaxSeconds) ? xMaxSeconds : 1;
    double top = yMaxValue > 0 && Double.isFinite(yMaxValue) ? yMaxValue * 1.08 : 1;
    this.yStep = Ticks.step(top, 6);
    this.yMax = Math.max(yStep, Math.ceil(top / yStep - 1e-9) * yStep);
  }

  /**
   * A chart with an offered rate (messages/s, from 0 to {@code xMaxRate}) across instead of time;
   * every method's {@code seconds} is then a rate.
   */
  static SvgChart overRate(String label, String yLabel, double xMaxRate, double yMaxValue) {
    return over(label, yLabel, "offered rate λ (messages/s)", xMaxRate, yMaxValue);
  }

  /**
   * A chart with any quantity across, titled {@code xLabel}, from 0 to {@code xMax} (rounded up to
   * a tick); every method's {@code seconds} is then that quantity.
   */
  static SvgChart over(String label, String yLabel, String xLabel, double xMax, double yMaxValue) {
    double top = xMax > 0 && Double.isFinite(xMax) ? xMax * 1.05 : 1;
    double step = Ticks.step(top, 10);
    return new SvgChart(
        label,
        yLabel,
        xLabel,
        false,
        Math.max(step, Math.ceil(top / step - 1e-9) * step),
        yMaxValue);
  }

  double plotWidth() {
    return WIDTH - LEFT - RIGHT;
  }

  double plotHeight() {
    return HEIGHT - TOP - BOTTOM;
  }

  double x(double seconds) {
    double clamped = Math.max(0, Math.min(xMax, seconds));
    return LEFT + clamped / xMax * plotWidth();
  }

  double y(double value) {
    double clamped = Math.max(0, Math.min(yMax, value));
    return TOP + plotHeight() - clamped / yMax * plotHeight();
  }

  /**
   * A shaded band from {@code from} to {@code to} seconds, with a tooltip ({@code title}, which
   * should hold the whole label) and {@code text} on top, wrapped on up to three lines and cut with
   * {@code …} when it does not fit the band.
   */
  void band(double from, double to, String fill, String title, String text) {
    double x0 = x(from);
    double x1 = x(to);
    if (x1 - x0 < 0.5) {
      return;
    }
    bands
        .append("<g class=\"band\"><title>")
        .append(Html.esc(title))
        .append("</title><rect class=\"phase\" x=\"")
        .append(f(x0))
        .append("\" y=\"")
        .append(TOP)
        .append("\" width=\"")
        .append(f(x1 - x0))
        .append("\" height=\"")
        .append(f(plotHeight()))
        .append("\" fill=\"")
        .append(fill)
        .append("\"/>");
    List<String> lines = LabelFit.lines(text, LabelFit.charsIn(x1 - x0 - 8, 11), 3);
    if (!lines.isEmpty()) {
      bands.append("<text class=\"band-label\" font-size=\"11\" fill=\"#5b6576\">");
      for (int i = 0; i < lines.size(); i++) {
        bands
            .append("<tspan x=\"")
            .append(f(x0 + 4))
            .append("\" y=\"")
            .append(TOP + 13 + 13 * i)
            .append("\">")
            .append(Html.esc(lines.get(i)))
            .append("</tspan>");
      }
      bands.append("</text>");
    }
    bands.append("</g>\n");
  }

  /** A horizontal line at {@code value} across the plot, labelled at its right end. */
  void hline(double value, String color, String text, String title) {
    double yy = y(value);
    overlay
        .append("<g class=\"bound\"><title>")
        .append(Html.esc(title))
        .append("</title><line x1=\"")
        .append(LEFT)
        .append("\" x2=\"")
        .append(WIDTH - RIGHT)
        .append("\" y1=\"")
        .append(f(yy))
        .append("\" y2=\"")
        .append(f(yy))
        .append("\" stroke=\"")
        .append(color)
        .append("\" stroke-width=\"1.5\" stroke-dasharray=\"7 4\"/>")
        .append("<text x=\"")
        .append(WIDTH - RIGHT - 4)
        .append("\" y=\"")
        .append(f(yy - 5))
        .append("\" text-anchor=\"end\" font-size=\"12\" font-weight=\"600\" fill=\"")
        .append(color)
        .append("\">")
        .append(Html.esc(text))
        .append("</text></g>\n");
  }

  /** A vertical line at {@code seconds}, with a tooltip. */
  void vline(double seconds, String color, String title) {
    double xx = x(seconds);
    overlay
        .append("<line x1=\"")
        .append(f(xx))
        .append("\" x2=\"")
        .append(f(xx))
        .append("\" y1=\"")
        .append(TOP)
        .append("\" y2=\"")
        .append(f(TOP + plotHeight()))
        .append("\" stroke=\"")
        .append(color)
        .append("\" stroke-width=\"1.5\" stroke-dasharray=\"2 3\"><title>")
        .append(Html.esc(title))
        .append("</title></line>\n");
  }

  /** A line through the points (seconds, value), in the legend as {@code name}. */
  void polyline(double[] seconds, double[] values, String color, boolean dashed, String name) {
    if (seconds.length == 0) {
      return;
    }
    StringBuilder points = new StringBuilder(seconds.length * 12);
    for (int i = 0; i < seconds.length; i++) {
      points.append(i == 0 ? "" : " ").append(f(x(seconds[i]))).append(',').append(f(y(values[i])));
    }
    data.append("<polyline class=\"series\" fill=\"none\" stroke=\"")
        .append(color)
        .append("\" stroke-width=\"")
        .append(dashed ? "1.5" : "1.8")
        .append("\" stroke-linejoin=\"round\"")
        .append(dashed ? " stroke-dasharray=\"6 4\"" : "")
        .append(" points=\"")
        .append(points)
        .append("\"><title>")
        .append(Html.esc(name))
        .append("</title></polyline>\n");
    legend.add(new String[] {color, name, dashed ? "dashed" : "solid"});
  }

  /** A round marker at (seconds, value) with a tooltip. */
  void marker(double seconds, double value, String color, String title) {
    overlay
        .append("<circle class=\"marker\" cx=\"")
        .append(f(x(seconds)))
        .append("\" cy=\"")
        .append(f(y(value)))
        .append("\" r=\"5\" fill=\"")
        .append(color)
        .append("\" stroke=\"#fff\" stroke-width=\"1.5\"><title>")
        .append(Html.esc(title))
        .append("</title></circle>\n");
  }

  /** A hollow round marker at (seconds, value) with a tooltip: a point that fails its test. */
  void hollowMarker(double seconds, double value, String color, String title) {
    overlay
        .append("<circle class=\"marker\" cx=\"")
        .append(f(x(seconds)))
        .append("\" cy=\"")
        .append(f(y(value)))
        .append("\" r=\"5\" fill=\"#ffffff\" stroke=\"")
        .append(color)
        .append("\" stroke-width=\"2\"><title>")
        .append(Html.esc(title))
        .append("</title></circle>\n");
  }

  /** A label near (seconds, value), kept inside the plot. */
  void note(double seconds, double value, String color, String text) {
    double xx = x(seconds);
    double yy = Math.max(TOP + 12, y(value) - 8);
    boolean rightHalf = xx > LEFT + plotWidth() * 0.7;
    overlay
        .append("<text x=\"")
        .append(f(rightHalf ? xx - 6 : xx + 6))
        .append("\" y=\"")
        .append(f(yy))
        .append("\" font-size=\"12\" fill=\"")
        .append(color)
        .append("\"")
        .append(rightHalf ? " text-anchor=\"end\"" : "")
        .append(">")
        .append(Html.esc(text))
        .append("</text>\n");
  }

  /** Adds a legend entry without a line of its own (a marker, a bound). */
  void legendEntry(String color, String name, String style) {
    legend.add(new String[] {color, name, style});
  }

  /** The chart's SVG element. */
  String svg() {
    StringBuilder out = new StringBuilder(data.length() + 4096);
    out.append("<svg viewBox=\"0 0 ")
        .append(WIDTH)
        .append(' ')
        .append(HEIGHT)
        .append("\" width=\"")
        .append(WIDTH)
        .append("\" height=\"")
        .append(HEIGHT)
        .append("\" role=\"img\" aria-label=\"")
        .append(Html.esc(label))
        .append("\" font-family=\"system-ui, sans-serif\">\n");
    out.append("<rect x=\"0\" y=\"0\" width=\"")
        .append(WIDTH)
        .append("\" height=\"")
        .append(HEIGHT)
        .append("\" fill=\"#ffffff\"/>\n");
    out.append(bands);
    grid(out);
    out.append(data);
    out.append(overlay);
    legend(out);
    out.append("</svg>\n");
    return out.toString();
  }

  private void grid(StringBuilder out) {
    double bottom = TOP + plotHeight();
    for (double v : Ticks.ticks(yMax, yStep)) {
      double yy = y(v);
      out.append("<line x1=\"")
          .append(LEFT)
          .append("\" x2=\"")
          .append(WIDTH - RIGHT)
          .append("\" y1=\"")
          .append(f(yy))
          .append("\" y2=\"")
          .append(f(yy))
          .append("\" stroke=\"")
          .append(v == 0 ? "#8a94a6" : "#e5e8ee")
          .append("\" stroke-width=\"1\"/>")
          .append("<text x=\"")
          .append(LEFT - 8)
          .append("\" y=\"")
          .append(f(yy + 4))
          .append("\" text-anchor=\"end\" font-size=\"11\" fill=\"#5b6576\">")
          .append(Html.esc(valueLabel(v)))
          .append("</text>\n");
    }
    double xStep = Ticks.step(xMax, 10);
    for (double s : Ticks.ticks(xMax, xStep)) {
      double xx = x(s);
      out.append("<line x1=\"")
          .append(f(xx))
          .append("\" x2=\"")
          .append(f(xx))
          .append("\" y1=\"")
          .append(f(bottom))
          .append("\" y2=\"")
          .append(f(bottom + 5))
          .append("\" stroke=\"#8a94a6\"/>")
          .append("<text x=\"")
          .append(f(xx))
          .append("\" y=\"")
          .append(f(bottom + 18))
          .append("\" text-anchor=\"middle\" font-size=\"11\" fill=\"#5b6576\">")
          .append(Html.esc(timeLabel(s, xStep)))
          .append("</text>\n");
    }
    out.append("<line x1=\"")
        .append(LEFT)
        .append("\" x2=\"")
        .append(LEFT)
        .append("\" y1=\"")
        .append(TOP)
        .append("\" y2=\"")
        .append(f(bottom))
        .append("\" stroke=\"#8a94a6\"/>\n");
    out.append("<text x=\"")
        .append(f(LEFT + plotWidth() / 2))
        .append("\" y=\"")
        .append(HEIGHT - 6)
        .append("\" text-anchor=\"middle\" font-size=\"12\" fill=\"#1d2430\">")
        .append(Html.esc(xLabel))
        .append("</text>\n");
    out.append("<text transform=\"translate(16 ")
        .append(f(TOP + plotHeight() / 2))
        .append(") rotate(-90)\" text-anchor=\"middle\" font-size=\"12\" fill=\"#1d2430\">")
        .append(Html.esc(yLabel))
        .append("</text>\n");
  }

  private void legend(StringBuilder out) {
    double xx = LEFT + 8;
    double yy = 16;
    for (String[] entry : legend) {
      String color = entry[0];
      String style = entry[2];
      if (style.equals("marker") || style.equals("hollow")) {
        out.append("<circle cx=\"")
            .append(f(xx + 9))
            .append("\" cy=\"")
            .append(f(yy - 4))
            .append(
                style.equals("hollow")
                    ? "\" r=\"4\" fill=\"#ffffff\" stroke-width=\"2\" stroke=\""
                    : "\" r=\"4.5\" fill=\"")
            .append(color)
            .append("\"/>");
      } else {
        out.append("<line x1=\"")
            .append(f(xx))
            .append("\" x2=\"")
            .append(f(xx + 18))
            .append("\" y1=\"")
            .append(f(yy - 4))
            .append("\" y2=\"")
            .append(f(yy - 4))
            .append("\" stroke=\"")
            .append(color)
            .append("\" stroke-width=\"2\"")
            .append(style.equals("dashed") ? " stroke-dasharray=\"6 4\"" : "")
            .append("/>");
      }
      String name = entry[1];
      List<String> fit = LabelFit.lines(name, LEGEND_CHARS, 1);
      String shown = fit.isEmpty() ? name : fit.get(0);
      out.append("<text x=\"")
          .append(f(xx + 24))
          .append("\" y=\"")
          .append(f(yy))
          .append("\" font-size=\"12\" fill=\"#1d2430\">")
          .append(shown.equals(name) ? "" : "<title>" + Html.esc(name) + "</title>")
          .append(Html.esc(shown))
          .append("</text>\n");
      xx += 24 + shown.length() * 12 * LabelFit.EM_PER_CHAR + 18;
    }
  }

  private static String valueLabel(double v) {
    if (v == Math.rint(v) && Math.abs(v) < 1e15) {
      return Numbers.count((long) v);
    }
    return Numbers.plain(v);
  }

  private String timeLabel(double seconds, double step) {
    if (!timeAxis) {
      return valueLabel(seconds);
    }
    if (xMax < 2) {
      return Numbers.plain(seconds * 1000) + " ms";
    }
    int decimals = step >= 1 ? 0 : (int) Math.ceil(-Math.log10(step) - 1e-9);
    return String.format(Locale.ROOT, "%." + decimals + "f s", seconds);
  }

  /** A coordinate with one decimal. */
  static String f(double v) {
    if (v < 0) {
      String positive = f(-v);
      return positive.equals("0") ? "0" : "-" + positive;
    }
    long tenths = Math.round(v * 10);
    return tenths % 10 == 0 ? Long.toString(tenths / 10) : (tenths / 10) + "." + (tenths % 10);
  }
}
