package dev.spillway.gatling;

import dev.spillway.report.BoundCheck;
import dev.spillway.report.ReportWriter;
import dev.spillway.report.RunResult;
import dev.spillway.report.RunResultBuilder;
import dev.spillway.report.RunResultJson;
import dev.spillway.report.WrittenRun;
import dev.spillway.toolkit.record.DepthSeries;
import dev.spillway.toolkit.record.QueueTrace;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Writes a run's results into the report folder ({@code spillway.run/1}, source {@code gatling})
 * and prints the combined verdict table of the build's simulations.
 */
final class RunReporting {

  /** The source every result of this module carries. */
  static final String SOURCE = "gatling";

  /** The detail naming the build a result belongs to (see {@link #session()}). */
  static final String SESSION = "gatling session";

  /** The detail saying whether the queue passed every bound and check. */
  static final String PASSED = "spillway passed";

  /** The detail linking Gatling's own report. */
  static final String GATLING_REPORT = "gatling report";

  private RunReporting() {}

  static void write(
      Spillway.Builder settings,
      Instant startedAt,
      QueueTrace trace,
      Map<String, Duration> loadStarts,
      List<QueueResult> results,
      Map<String, org.HdrHistogram.Histogram> latencies,
      Optional<String> injectorsNote,
      PrintStream out)
      throws IOException {
    Set<String> watched = results.stream().map(r -> r.queue().name()).collect(Collectors.toSet());
    List<DepthSeries> depths =
        trace.series().stream().filter(s -> watched.contains(s.probe())).toList();
    QueueTrace reported =
        new QueueTrace(
            trace.recorder(),
            trace.startTime(),
            trace.startNanos(),
            trace.duration(),
            trace.interval(),
            depths,
            trace.events(),
            trace.droppedEvents(),
            trace.skippedTicks());
    Optional<Path> gatlingReport =
        gatlingReport(settings.gatlingResults, settings.simulation, startedAt);
    ReportWriter writer = ReportWriter.to(settings.reportDir);
    for (QueueResult r : results) {
      WatchedQueue q = r.queue();
      RunResultBuilder b =
          RunResult.builder(settings.name() + " · " + q.name())
              .id(settings.name() + "." + q.name())
              .design(q.design())
              .scenario(settings.scenario())
              .source(SOURCE)
              .trace(reported)
              .assessment(r.assessment());
      r.exactHighWaterMark().ifPresent(h -> b.exactHighWaterMark(q.name(), h));
      settings.profile().ifPresent(p -> b.profile(p).loadStartedAt(loadStarts.get(q.name())));
      Tally.latency(latencies.get(q.name())).ifPresent(b::latency);
      injectorsNote.ifPresent(n -> b.detail("injectors", n));
      for (BoundCheck bound : r.bounds()) {
        b.bound(bound);
      }
      b.detail("simulation", settings.simulation);
      b.detail("metrics", settings.metricsUrl());
      gatlingReport.ifPresent(p -> b.detail(GATLING_REPORT, p.toUri().toString()));
      r.clients().ifPresent(c -> b.detail("answers", c.describe()));
      for (Check c : r.checks()) {
        b.detail("check: " + c.name(), (c.passed() ? "ok — " : "FAILED — ") + c.detail());
      }
      b.detail(PASSED, Boolean.toString(r.passed()));
      b.detail(SESSION, session());
      WrittenRun written = writer.writeRun(b.build());
      out.println(written.consoleLine());
      for (String f : r.failures()) {
        out.println("  FAILED " + f);
      }
    }
    writer.writeIndex();
  }

  /**
   * The newest run folder of {@code simulation} in Gatling's results folder started after {@code
   * since} (Gatling names them {@code <simulation, lower case>-<timestamp>}); its {@code
   * index.html}, which Gatling writes when the run ends.
   */
  static Optional<Path> gatlingReport(Path results, String simulation, Instant since) {
    if (!Files.isDirectory(results)) {
      return Optional.empty();
    }
    String prefix = simulation.toLowerCase(Locale.ROOT) + "-";
    try (Stream<Path> dirs = Files.list(results)) {
      return dirs.filter(Files::isDirectory)
          .filter(d -> d.getFileName().toString().startsWith(prefix))
          .filter(d -> modified(d) >= since.toEpochMilli() - 60_000)
          .max(Comparator.comparingLong(RunReporting::modified))
          .map(d -> d.resolve("index.html").toAbsolutePath());
    } catch (IOException e) {
      return Optional.empty(); // a missing link is no reason to lose the verdict
    }
  }

  private static long modified(Path p) {
    try {
      return Files.getLastModifiedTime(p).toMillis();
    } catch (IOException e) {
      return 0;
    }
  }

  /**
   * The build this JVM belongs to: Gatling's Maven and Gradle plugins fork one JVM per simulation
   * from the build's JVM, so the parent process (its pid and start time) names the build.
   */
  static String session() {
    return ProcessHandle.current()
        .parent()
        .map(p -> p.pid() + "@" + p.info().startInstant().map(Instant::toString).orElse("?"))
        .orElse("pid " + ProcessHandle.current().pid());
  }

  /** Prints the verdicts of every Gatling result of this build in the report folder. */
  static void printTable(Path reportDir, PrintStream out) {
    String session = session();
    List<RunResult> runs = new ArrayList<>();
    Path dir = reportDir.resolve(ReportWriter.RUNS);
    if (Files.isDirectory(dir)) {
      try (Stream<Path> files = Files.list(dir)) {
        for (Path f : files.filter(p -> p.toString().endsWith(".json")).toList()) {
          try {
            RunResult r = RunResultJson.read(f);
            if (SOURCE.equals(r.source()) && session.equals(r.details().get(SESSION))) {
              runs.add(r);
            }
          } catch (IOException | RuntimeException e) {
            // a result this table cannot read is listed on the index page with the reason
          }
        }
      } catch (IOException e) {
        out.println("spillway: could not list " + dir + ": " + e.getMessage());
        return;
      }
    }
    runs.sort(Comparator.comparing(RunResult::startedAt).thenComparing(RunResult::id));
    out.println(table(runs, reportDir.resolve("index.html").toAbsolutePath().toUri().toString()));
  }

  /** The table: one row per run, then the count of failures and the index page. */
  static String table(List<RunResult> runs, String index) {
    StringBuilder sb = new StringBuilder();
    long failed = runs.stream().filter(r -> !"true".equals(r.details().get(PASSED))).count();
    sb.append(
        String.format(
            Locale.ROOT,
            "Spillway verdicts of this build's Gatling simulations (%d run%s, %s):%n",
            runs.size(),
            runs.size() == 1 ? "" : "s",
            failed == 0 ? "all passed" : failed + " FAILED"));
    int width = runs.stream().mapToInt(r -> r.id().length()).max().orElse(3);
    String row = "  %-" + width + "s  %-11s  %8s  %7s  %9s  %s%n";
    sb.append(String.format(Locale.ROOT, row, "run", "verdict", "HWM", "shed", "p99", "result"));
    for (RunResult r : runs) {
      var f = r.figures();
      sb.append(
          String.format(
              Locale.ROOT,
              row,
              r.id(),
              f.verdict().map(Enum::name).orElse("-"),
              f.highWaterMark().isPresent()
                  ? String.format("%,d", f.highWaterMark().getAsLong())
                  : "-",
              f.shedRatio().isPresent()
                  ? String.format(Locale.ROOT, "%.1f%%", f.shedRatio().getAsDouble() * 100)
                  : "-",
              f.p99()
                  .map(d -> String.format(Locale.ROOT, "%.1f ms", d.toNanos() / 1e6))
                  .orElse("-"),
              "true".equals(r.details().get(PASSED)) ? "passed" : "FAILED"));
    }
    sb.append("  report: ").append(index);
    return sb.toString();
  }
}
