package dev.spillway.report;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apiguardian.api.API;

/**
 * The command line of the report package: rebuilds a report's index, checks results against a
 * baseline, and (re)writes the baseline.
 *
 * <pre>
 * java -cp spillway-toolkit.jar:… dev.spillway.report.ReportTool [options]
 *
 *   --results DIR       a directory of run results (*.json, schema spillway.run/1), or a report
 *                       directory holding runs/; repeatable; default target/spillway
 *   --report DIR        write the report there: import every result, render the pages, rebuild
 *                       index.html (with no --results: rebuild DIR from its own runs/)
 *   --baseline FILE     the baseline file (schema spillway.baseline/1), for --check and --write
 *   --check             compare the results with the baseline; print the table of what regressed
 *   --write             (re)write the baseline from the results, keeping its tolerances
 *   --write-if-missing  with --check: when FILE does not exist, write it from the results and pass
 *                       (the documented first run); a file that exists is always checked
 *   --prune             with --write: drop the entries of tests that have no result
 *   --allow-new         with --check: a result missing from the baseline does not fail
 *   --allow-missing     with --check: a baseline test without a result does not fail
 *   --verbose           with --check: print every compared figure, not only the failures
 *   --help              print this text
 * </pre>
 *
 * <p>Exit status: 0 when everything asked for succeeded and the gate passed; 1 when the gate failed
 * (a regression, a verdict change, a new or missing test) or a file could not be used (a missing,
 * empty or malformed baseline, an unreadable result, no result at all); 2 for a usage error.
 *
 * <p>Thread-safety: each call of {@link #run} is independent.
 */
@API(status = EXPERIMENTAL, since = "0.1")
public final class ReportTool {

  /** The default report directory, and where results are looked for by default. */
  public static final String DEFAULT_REPORT = "target/spillway";

  private ReportTool() {}

  /** Runs the tool and exits with its status. */
  public static void main(String[] args) {
    System.exit(run(args, System.out, System.err));
  }

  /**
   * Runs the tool with {@code args}, printing to {@code out} and {@code err}.
   *
   * @return the exit status: 0 passed, 1 failed, 2 usage error
   */
  public static int run(String[] args, PrintStream out, PrintStream err) {
    ReportToolCommand options;
    try {
      options = ReportToolCommand.parse(args);
    } catch (IllegalArgumentException e) {
      err.println("ReportTool: " + e.getMessage());
      err.print(ReportToolCommand.usage());
      return 2;
    }
    if (options.help) {
      out.print(ReportToolCommand.usage());
      return 0;
    }
    try {
      return execute(options, out, err);
    } catch (ReportFormatException e) {
      err.println("ReportTool: " + e.getMessage());
      return 1;
    } catch (IOException e) {
      err.println("ReportTool: " + describe(e));
      return 1;
    }
  }

  private static int execute(ReportToolCommand o, PrintStream out, PrintStream err)
      throws IOException {
    List<Path> resultDirs = new ArrayList<>();
    for (Path dir : o.results.isEmpty() ? List.of(Path.of(DEFAULT_REPORT)) : o.results) {
      resultDirs.add(resultsIn(dir));
    }
    if (o.report != null) {
      ReportWriter writer = ReportWriter.to(o.report);
      List<Path> imports = new ArrayList<>();
      for (Path dir : resultDirs) {
        if (!dir.toAbsolutePath()
            .normalize()
            .equals(writer.runsDirectory().toAbsolutePath().normalize())) {
          imports.add(dir);
        }
      }
      for (Path dir : imports) {
        writer.importResults(dir).forEach(w -> out.println(w.consoleLine()));
      }
      Path index = writer.rebuild();
      out.println("spillway: report " + index.toAbsolutePath().normalize().toUri());
    }
    if (!o.check && !o.write) {
      return 0;
    }
    List<RunResult> results = readResults(resultDirs);
    if (o.write) {
      Baseline previous = null;
      if (Files.exists(o.baseline)) {
        try {
          previous = BaselineJson.read(o.baseline);
        } catch (ReportFormatException e) {
          err.println(
              "ReportTool: the existing baseline is not usable and is replaced ("
                  + e.getMessage()
                  + ")");
        }
      }
      Baseline next =
          previous == null ? Baseline.of(results) : previous.updatedWith(results, o.prune);
      BaselineJson.write(next, o.baseline);
      int kept = next.tests().size() - results.size();
      out.println(
          "spillway: wrote baseline "
              + o.baseline
              + " with "
              + next.tests().size()
              + " tests"
              + (kept > 0
                  ? " (" + kept + " kept from before without a result; --prune drops them)"
                  : ""));
      return 0;
    }
    if (!Files.exists(o.baseline) && o.writeIfMissing) {
      BaselineJson.write(Baseline.of(results), o.baseline);
      out.println(
          "spillway: no baseline at "
              + o.baseline
              + ": wrote one from "
              + results.size()
              + " results (first run, --write-if-missing); commit it to gate later builds");
      return 0;
    }
    Baseline baseline = BaselineJson.read(o.baseline);
    GateReport report =
        BaselineGate.check(baseline, results, new GateOptions(o.allowNew, o.allowMissing));
    out.print(o.verbose ? report.fullTable() : report.table());
    if (!report.passed()) {
      out.println(
          "If these changes are intended, rewrite the baseline: ReportTool --results ... --baseline "
              + o.baseline
              + " --write");
    }
    return report.passed() ? 0 : 1;
  }

  /** A report directory's runs/ when it has one and no result of its own, else the directory. */
  private static Path resultsIn(Path dir) throws IOException {
    Path runs = dir.resolve(ReportWriter.RUNS);
    if (Files.isDirectory(runs)) {
      try (var files = Files.list(dir)) {
        if (files.noneMatch(p -> p.getFileName().toString().endsWith(".json"))) {
          return runs;
        }
      }
    }
    return dir;
  }

  private static List<RunResult> readResults(List<Path> dirs) throws IOException {
    List<RunResult> results = new ArrayList<>();
    for (Path dir : dirs) {
      if (!Files.isDirectory(dir)) {
        throw new ReportFormatException(dir, "no such directory of run results", null);
      }
      ResultScan scan = ResultScan.of(dir);
      if (!scan.problems().isEmpty()) {
        throw new ReportFormatException(
            dir, "unusable run results: " + String.join("; ", scan.problems()), null);
      }
      results.addAll(scan.runs());
    }
    if (results.isEmpty()) {
      throw new ReportFormatException(
          "no run results in "
              + dirs
              + ": nothing to check or write (did the overload tests run?)");
    }
    return results;
  }

  private static String describe(IOException e) {
    return e.getClass().getSimpleName() + ": " + e.getMessage();
  }
}
