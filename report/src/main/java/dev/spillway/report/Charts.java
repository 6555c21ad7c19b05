package dev.spillway.report;

import dev.spillway.toolkit.load.PhaseKind;
import dev.spillway.toolkit.record.Growth;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** The charts of a run page: depth over time per probe, and the offered and served rate. */
final class Charts {

  static final String DEPTH = "#1f5fbf";
  static final String BOUND = "#b91c1c";
  static final String BREACH = "#dc2626";
  static final String GROWTH = "#d97706";
  static final String OFFERED = "#1f5fbf";
  static final String SERVED = "#15803d";
  static final String INTENDED = "#6b7280";
  static final String BURST = "#7c3aed";
  private static final String[] PHASE_FILLS = {"#dde8f8", "#eef1f6"};

  private Charts() {}

  /** The end of the time axis, in seconds: the run, its points, its plan, whichever is latest. */
  static double span(RunResult run) {
    double end = seconds(run.duration());
    for (ProbeTrace p : run.probes()) {
      if (p.size() > 0) {
        end = Math.max(end, p.timeNanos(p.size() - 1) / 1e9);
      }
    }
    if (run.plan().isPresent()) {
      end = Math.max(end, seconds(run.plan().get().plannedEnd()));
    }
    return end;
  }

  /** The depth chart of {@code probe}. */
  static String depth(RunResult run, ProbeTrace probe) {
    List<BreachMark> breaches = breachesOf(run, probe);
    Optional<BoundCheck> bound =
        run.bounds().stream()
            .filter(b -> b.kind() == BoundKind.QUEUE && b.subject().equals(probe.probe()))
            .findFirst();
    double top = Math.max(1, probe.bestHighWaterMark());
    if (bound.isPresent()) {
      top = Math.max(top, bound.get().limit());
    }
    for (BreachMark b : breaches) {
      top = Math.max(top, b.depth());
    }
    SvgChart chart =
        new SvgChart(
            "queue depth of " + probe.probe() + " over time",
            "queue depth (messages)",
            span(run),
            top);
    phases(chart, run);
    double[] xs = new double[probe.size()];
    double[] ys = new double[probe.size()];
    for (int i = 0; i < xs.length; i++) {
      xs[i] = probe.timeNanos(i) / 1e9;
      ys[i] = probe.depth(i);
    }
    chart.polyline(xs, ys, DEPTH, false, "depth of '" + probe.probe() + "'");
    if (run.judgedProbe().equals(Optional.of(probe.probe())) && run.growth().isPresent()) {
      growthLine(chart, run.growth().get());
    }
    if (bound.isPresent()) {
      BoundCheck b = bound.get();
      chart.hline(b.limit(), BOUND, "bound " + Numbers.count((long) b.limit()), b.describe());
      chart.legendEntry(BOUND, "queue bound", "dashed");
    }
    for (BreachMark b : breaches) {
      chart.marker(
          seconds(b.at()),
          b.depth(),
          BREACH,
          "sentinel breach at "
              + Numbers.duration(b.at())
              + ": depth "
              + Numbers.count(b.depth())
              + (b.detail().isEmpty() ? "" : " — " + b.detail()));
    }
    if (!breaches.isEmpty()) {
      chart.legendEntry(BREACH, "sentinel breach", "marker");
    }
    if (probe.size() > 0) {
      double at = seconds(probe.highWaterMarkAt());
      chart.marker(at, probe.highWaterMark(), "#1d2430", "sampled high-water mark");
      chart.note(
          at,
          probe.highWaterMark(),
          "#1d2430",
          "peak "
              + Numbers.count(probe.highWaterMark())
              + " at "
              + Numbers.duration(probe.highWaterMarkAt()));
    }
    return chart.svg();
  }

  private static void growthLine(SvgChart chart, Growth g) {
    if (!g.isDetermined() || Double.isNaN(g.fittedStartDepth())) {
      return;
    }
    double from = seconds(g.from());
    double to = seconds(g.to());
    double end = g.fittedEndDepth();
    chart.polyline(
        new double[] {from, to},
        new double[] {Math.max(0, g.fittedStartDepth()), Math.max(0, end)},
        GROWTH,
        true,
        "growth " + Numbers.plusMinus(g.slopePerSecond(), g.standardError()) + " msg/s");
  }

  private static List<BreachMark> breachesOf(RunResult run, ProbeTrace probe) {
    List<BreachMark> mine = new ArrayList<>();
    for (BreachMark b : run.breaches()) {
      if (b.queue().equals(probe.probe()) || run.probes().size() == 1) {
        mine.add(b);
      }
    }
    return mine;
  }

  /** The offered and served rate chart, or empty when the run has neither rates nor a plan. */
  static Optional<String> rate(RunResult run) {
    boolean measured = !run.ratePoints().isEmpty();
    if (!measured && run.plan().isEmpty()) {
      return Optional.empty();
    }
    double top = 1;
    int n = run.ratePoints().size();
    double[] xs = new double[n];
    double[] offered = new double[n];
    double[] served = new double[n];
    for (int i = 0; i < n; i++) {
      RatePoint r = run.ratePoints().get(i);
      xs[i] = seconds(r.start()) + seconds(r.length()) / 2;
      offered[i] = r.offeredPerSecond();
      served[i] = r.servedPerSecond();
      top = Math.max(top, Math.max(offered[i], served[i]));
    }
    List<double[]> intended = new ArrayList<>();
    List<PhaseSpan> bursts = new ArrayList<>();
    if (run.plan().isPresent()) {
      for (PhaseSpan p : run.plan().get().phases()) {
        if (p.kind() == PhaseKind.BURST) {
          bursts.add(p);
          continue;
        }
        intended.add(new double[] {seconds(p.start()), p.startRatePerSecond()});
        intended.add(new double[] {seconds(p.end()), p.endRatePerSecond()});
        top = Math.max(top, Math.max(p.startRatePerSecond(), p.endRatePerSecond()));
      }
    }
    SvgChart chart =
        new SvgChart("offered and served rate over time", "rate (messages/s)", span(run), top);
    phases(chart, run);
    if (!intended.isEmpty()) {
      double[] ix = new double[intended.size()];
      double[] iy = new double[intended.size()];
      for (int i = 0; i < ix.length; i++) {
        ix[i] = intended.get(i)[0];
        iy[i] = intended.get(i)[1];
      }
      chart.polyline(ix, iy, INTENDED, true, "intended (the plan)");
    }
    if (measured) {
      chart.polyline(xs, offered, OFFERED, false, "offered λ (sent)");
      chart.polyline(xs, served, SERVED, false, "served μ (completed)");
    }
    for (PhaseSpan b : bursts) {
      chart.vline(
          seconds(b.start()),
          BURST,
          "burst '" + b.name() + "' of " + Numbers.count(b.plannedMessages()));
    }
    return Optional.of(chart.svg());
  }

  private static void phases(SvgChart chart, RunResult run) {
    if (run.plan().isEmpty()) {
      return;
    }
    int i = 0;
    for (PhaseSpan p : run.plan().get().phases()) {
      if (p.kind() == PhaseKind.BURST) {
        chart.vline(
            seconds(p.start()),
            BURST,
            "burst '" + p.name() + "' of " + Numbers.count(p.plannedMessages()));
        continue;
      }
      chart.band(
          seconds(p.start()),
          seconds(p.end()),
          PHASE_FILLS[i++ % 2],
          "phase '" + p.name() + "': " + describe(p),
          p.name());
    }
  }

  static String describe(PhaseSpan p) {
    String rate =
        switch (p.kind()) {
          case PAUSE -> "pause";
          case BURST -> "burst of " + Numbers.count(p.plannedMessages());
          case RAMP ->
              Numbers.rate(p.startRatePerSecond())
                  + "/s to "
                  + Numbers.rate(p.endRatePerSecond())
                  + "/s";
          case CONSTANT -> Numbers.rate(p.startRatePerSecond()) + "/s";
        };
    return rate
        + " from "
        + Numbers.duration(p.start())
        + " for "
        + Numbers.duration(p.duration())
        + (p.sentMessages().isPresent()
            ? ", sent "
                + Numbers.count(p.sentMessages().getAsLong())
                + "/"
                + Numbers.count(p.plannedMessages())
            : "")
        + (p.achievedRatePerSecond().isPresent()
            ? ", achieved " + Numbers.rate(p.achievedRatePerSecond().getAsDouble()) + "/s"
            : "");
  }

  static double seconds(Duration d) {
    return d.toNanos() / 1e9;
  }
}
