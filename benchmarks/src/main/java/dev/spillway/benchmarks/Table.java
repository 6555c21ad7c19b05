package dev.spillway.benchmarks;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

/**
 * Runs every P-item with a short profile and prints one table: goal, measured, verdict. P1 runs in
 * JMH (forked, via the Runner API), P2-P6 in this JVM. {@code -Dquick} is a smoke profile (under a
 * minute, for CI): its figures are too short to judge by.
 *
 * <p>Run: {@code ./mvnw -q -B -pl benchmarks -am package -DskipTests && java -cp
 * benchmarks/target/benchmarks.jar dev.spillway.benchmarks.Table} (add {@code -Dquick} after {@code
 * java} for the smoke pass).
 */
public final class Table {

  private final List<String[]> rows = new ArrayList<>();

  private Table() {}

  /** Runs everything and prints the table. */
  public static void main(String[] args) throws RunnerException {
    boolean quick = Profile.quick();
    Table t = new Table();
    String load0 = loadAverage();
    t.p1(quick);
    t.p2(quick);
    t.p3(quick);
    t.p4(quick);
    t.p6(quick);
    String load1 = loadAverage();
    System.out.println();
    System.out.printf(
        "Spillway benchmarks (%s profile), %d CPUs, %s; load average before %s, after %s%n%n",
        quick ? "quick" : "short",
        Runtime.getRuntime().availableProcessors(),
        System.getProperty("java.vm.name") + " " + System.getProperty("java.version"),
        load0,
        load1);
    t.print();
  }

  private void row(String item, String goal, String measured, boolean met) {
    row(item, goal, measured, met ? "met" : "NOT met");
  }

  private void row(String item, String goal, String measured, String verdict) {
    rows.add(new String[] {item, goal, measured, verdict});
  }

  private void print() {
    int[] w = {4, 4, 8, 7};
    String[] head = {"item", "goal", "measured", "verdict"};
    for (String[] r : rows) {
      for (int i = 0; i < 4; i++) {
        w[i] = Math.max(w[i], r[i].length());
      }
    }
    String fmt = "| %-" + w[0] + "s | %-" + w[1] + "s | %-" + w[2] + "s | %-" + w[3] + "s |%n";
    System.out.printf(fmt, (Object[]) head);
    System.out.printf(
        "|%s|%s|%s|%s|%n",
        "-".repeat(w[0] + 2), "-".repeat(w[1] + 2), "-".repeat(w[2] + 2), "-".repeat(w[3] + 2));
    for (String[] r : rows) {
      System.out.printf(fmt, (Object[]) r);
    }
  }

  // ---- P1 -------------------------------------------------------------------------------------

  private void p1(boolean quick) throws RunnerException {
    ChainedOptionsBuilder o =
        new OptionsBuilder()
            .include(QueueInstrumentationBenchmark.class.getSimpleName())
            .include(QueueHandoffBenchmark.class.getSimpleName() + (quick ? ".spsc" : ""))
            .forks(quick ? 1 : 2)
            .warmupIterations(quick ? 1 : 2)
            .warmupTime(TimeValue.milliseconds(quick ? 200 : 1000))
            .measurementIterations(quick ? 1 : 3)
            .measurementTime(TimeValue.milliseconds(quick ? 300 : 1000));
    Collection<RunResult> results = new Runner(o.build()).run();
    Map<String, double[]> score = new HashMap<>();
    for (RunResult r : results) {
      String bench = r.getParams().getBenchmark();
      String kind = bench.substring(bench.lastIndexOf('.') + 1);
      score.put(
          kind + "/" + r.getParams().getParam("queue"),
          new double[] {r.getPrimaryResult().getScore(), r.getPrimaryResult().getScoreError()});
    }
    p1Row(score, "offerPoll", "1 thread", "Instrumented-unbounded", "LinkedBlockingQueue", true);
    p1Row(score, "offerPoll", "1 thread", "Instrumented-bounded", "ArrayBlockingQueue", true);
    p1LockFree(score, "offerPoll", "1 thread", true);
    p1Row(score, "offerPoll", "1 thread, watched", "Mpsc-watched", "MpscArrayQueue", true);
    for (String g : quick ? List.of("spsc") : List.of("spsc", "mpsc")) {
      String who = g.equals("spsc") ? "1P+1C" : "3P+1C";
      p1Row(score, g, who, "Instrumented-bounded", "ArrayBlockingQueue", false);
      p1Row(score, g, who, "Instrumented-bounded", "LinkedBlockingQueue-1024", false);
      p1LockFree(score, g, who, false);
    }
  }

  /**
   * The lock-free pairs: the toolkit's MPSC queue against JCTools' (the bare lock-free reference:
   * the verdict), and against itself with the instrumentation compiled out (what the
   * instrumentation alone costs).
   */
  private void p1LockFree(Map<String, double[]> score, String kind, String who, boolean time) {
    p1Row(score, kind, who, "Mpsc-instrumented", "MpscArrayQueue", time);
    p1Row(score, kind, who + ", instr. only", "Mpsc-instrumented", "Mpsc-bare", time);
  }

  private void p1Row(
      Map<String, double[]> score,
      String kind,
      String who,
      String instrumented,
      String bare,
      boolean timeMode) {
    double[] i = score.get(kind + "/" + instrumented);
    double[] b = score.get(kind + "/" + bare);
    if (i == null || b == null) {
      return;
    }
    // cost ratio: time per op (AverageTime) or inverse throughput (Throughput)
    double ratio = timeMode ? i[0] / b[0] : b[0] / i[0];
    String unit = timeMode ? "ns/op" : "ops/µs";
    String measured =
        String.format(
            "%.2f× (%s %.1f±%.1f vs %s %.1f±%.1f %s)",
            ratio, short_(instrumented), i[0], i[1], short_(bare), b[0], b[1], unit);
    row("P1 " + who, "cost ≤ 1.05× bare", measured, ratio <= 1.05);
  }

  private static String short_(String queue) {
    return switch (queue) {
      case "Instrumented-unbounded" -> "IQ-unbounded";
      case "Instrumented-bounded" -> "IQ-bounded";
      case "LinkedBlockingQueue" -> "LBQ";
      case "LinkedBlockingQueue-1024" -> "LBQ(1024)";
      case "ArrayBlockingQueue" -> "ABQ";
      case "ConcurrentLinkedQueue" -> "CLQ";
      case "MpscArrayQueue" -> "JCTools-MPSC";
      case "Mpsc-instrumented" -> "MPSC";
      case "Mpsc-bare" -> "MPSC-bare";
      case "Mpsc-watched" -> "MPSC-watched";
      default -> queue;
    };
  }

  // ---- P2-P6 ----------------------------------------------------------------------------------

  private void p2(boolean quick) {
    Latencies inline = DetectionLatency.eventDriven(quick ? 500 : 5000, true);
    Latencies handoff = DetectionLatency.eventDriven(quick ? 500 : 5000, false);
    Latencies poll = DetectionLatency.polling(quick ? 20 : 100, Duration.ofMillis(10));
    row("P2 inline", "p99 ≤ 20 µs", inline.describe(), inline.p99() <= 20_000);
    row("P2 hand-off", "p99 ≤ 20 µs", handoff.describe(), handoff.p99() <= 20_000);
    // the hand-off is an unpark of the sentinel's parked thread: it cannot beat the OS's wake-up
    Latencies wake = OsFloors.wakeUp(quick ? 500 : 5000);
    row("P2 floor", "(none: context)", "unpark → running: " + wake.describe(), "OS limit");
    double ratio = (double) poll.p99() / inline.p99();
    row(
        "P2 vs polling",
        "≥ 100× faster than 10 ms polling",
        String.format(
            "%.0f× (polling p50 %.2f ms, p99 %.2f ms, n=%d)",
            ratio, poll.p50() / 1e6, poll.p99() / 1e6, poll.count()),
        ratio >= 100);
  }

  private void p3(boolean quick) {
    RecorderCost.Result r =
        RecorderCost.measure(quick ? 3 : 21, Duration.ofMillis(quick ? 200 : 300));
    int cores = Runtime.getRuntime().availableProcessors();
    double floor =
        RecorderCost.wakeUpFloorPercent(Duration.ofMillis(1), Duration.ofSeconds(quick ? 1 : 3));
    row(
        "P3 CPU",
        "< 2 % of one core",
        String.format(
            "%.2f %% (floor: a thread only waking at 1 kHz %.2f %%)", r.cpuPercent(), floor),
        r.cpuPercent() < 2);
    String verdict =
        r.noisePercent() >= 2
            ? (r.cpuPercent() / cores < 2 ? "met by the CPU bound; noise > goal" : "inconclusive")
            : (r.lossPercent() < 2 ? "met" : "NOT met");
    row(
        "P3 target",
        "throughput loss < 2 %",
        String.format(
            "%.2f %% ± %.2f %% (median of %d pairs ± half IQR; CPU bound %.2f %%)",
            r.lossPercent(), r.noisePercent(), r.pairs(), r.cpuPercent() / cores),
        verdict);
  }

  private void p4(boolean quick) {
    double max = LoadDriverCost.maxRate(Duration.ofMillis(quick ? 300 : 2000));
    row("P4 max", "≥ 5 M msg/s", String.format("%.2f M msg/s", max / 1e6), max >= 5e6);
    LoadDriverCost.run(10_000, Duration.ofMillis(300), Duration.ofSeconds(5));
    var r = LoadDriverCost.run(10_000, Duration.ofSeconds(quick ? 1 : 5), Duration.ofSeconds(5));
    long p99 = r.lateness().p99().toNanos();
    row(
        "P4 lateness",
        "p99 ≤ 100 µs at 10,000/s",
        String.format("p50 %.1f µs, p99 %.1f µs", r.lateness().p50().toNanos() / 1e3, p99 / 1e3),
        p99 <= 100_000);
    var s =
        LoadDriverCost.run(
            10_000, Duration.ofSeconds(quick ? 1 : 5), Duration.ofSeconds(5), LoadDriverCost.SPIN);
    long sp99 = s.lateness().p99().toNanos();
    row(
        "P4 lateness, spin",
        "p99 ≤ 100 µs at 10,000/s",
        String.format(
            "p50 %.1f µs, p99 %.1f µs (spinWithin 1 ms: burns the driver's core)",
            s.lateness().p50().toNanos() / 1e3, sp99 / 1e3),
        sp99 <= 100_000);
    // a parking driver is late by at least what parkNanos oversleeps
    Latencies park = OsFloors.parkOvershoot(quick ? 2000 : 20_000, 50_000);
    row(
        "P4 floor",
        "(none: context)",
        "parkNanos(50 µs) overshoot: " + park.describe(),
        "OS limit");
    double err = 100 * (r.achievedRatePerSecond() / 10_000 - 1);
    row(
        "P4 rate",
        "within ±0.5 % of 10,000/s",
        String.format("%.1f/s (%+.3f %%)", r.achievedRatePerSecond(), err),
        Math.abs(err) <= 0.5);
  }

  private void p6(boolean quick) {
    Duration window = Duration.ofMillis(quick ? 300 : 2000);
    double single = PartitionScaling.rate(0, window);
    for (int n : new int[] {1, 2, 4, 8, 16}) {
      double r = PartitionScaling.rate(n, window);
      double f = r / (n * single);
      row(
          "P6 N=" + n,
          "≥ 0.9 × N × singleton",
          String.format("%.3f × (%.0f/s; singleton %.0f/s)", f, r, single),
          f >= 0.9);
    }
  }

  static String loadAverage() {
    try {
      String[] f = Files.readString(Path.of("/proc/loadavg")).split(" ");
      return f[0] + " " + f[1] + " " + f[2];
    } catch (Exception e) {
      return "n/a";
    }
  }
}
