package dev.spillway.report;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import dev.spillway.toolkit.util.Preconditions;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.apiguardian.api.API;

/**
 * Writes a self-contained HTML report of overload runs into a directory:
 *
 * <pre>
 * &lt;dir&gt;/index.html         the survival matrix (design × scenario → verdict, high-water mark,
 *                         shed %, p99) and the list of runs, linking to each run's page
 * &lt;dir&gt;/runs/&lt;id&gt;.json     each run's result (schema {@value RunResultJson#SCHEMA})
 * &lt;dir&gt;/runs/&lt;id&gt;.html     each run's page: verdict, figures, bounds, a depth chart per probe,
 *                         the offered and served rate, latency, load, ledger, breaches
 * </pre>
 *
 * <p>The pages load nothing: the style is inline, the charts are inline SVG, there is no script and
 * no font to fetch, so the report opens offline and can be archived as a CI artifact. The index is
 * always rebuilt from the JSON files in {@code runs/}, so results written by other runs (a Gatling
 * simulation, an earlier test class) join it: drop a {@value RunResultJson#SCHEMA} file into {@code
 * runs/} and call {@link #rebuild()}, or {@link #importResults(Path)} a directory of them.
 *
 * <p>Rebuilding the index reads every result in {@code runs/}, so a harness that writes many runs
 * writes each with {@link #writeRun(RunResult)} and the index once, with {@link #writeIndex()},
 * when it is done (the JUnit extension does so when the test run ends); {@link #write(RunResult)}
 * does both, for a single run.
 *
 * <p>Every file is written to a temporary file and moved into place, so a reader never sees half a
 * page. Thread-safety: an instance holds no state but its directory; calls on the same directory
 * from several threads or processes at once are safe file by file, but an index written while runs
 * are being written may miss one of them (keep one writer of the index, after the runs).
 */
@API(status = EXPERIMENTAL, since = "0.1")
public final class ReportWriter {

  /** The directory, under the report's, that holds the runs' JSON files and pages. */
  public static final String RUNS = "runs";

  private final Path dir;

  private ReportWriter(Path dir) {
    this.dir = dir;
  }

  /** A writer of the report in {@code dir} (created when the first file is written). */
  public static ReportWriter to(Path dir) {
    Preconditions.notNull(dir, "report directory");
    return new ReportWriter(dir);
  }

  /** The report's directory. */
  public Path directory() {
    return dir;
  }

  /** The index page, {@code <dir>/index.html}. */
  public Path indexFile() {
    return dir.resolve("index.html");
  }

  /** The directory of the runs' JSON files and pages, {@code <dir>/runs}. */
  public Path runsDirectory() {
    return dir.resolve(RUNS);
  }

  /**
   * Writes one run's JSON and page, then rebuilds the index from every result in {@code runs/}. A
   * run with the id of one already there replaces it. To write many runs, call {@link
   * #writeRun(RunResult)} for each and {@link #writeIndex()} once.
   */
  public WrittenRun write(RunResult run) throws IOException {
    WrittenRun written = writeRun(run);
    writeIndex();
    return written;
  }

  /**
   * Writes one run's JSON and page, and not the index (see {@link #writeIndex()}). A run with the
   * id of one already there replaces it.
   */
  public WrittenRun writeRun(RunResult run) throws IOException {
    Preconditions.notNull(run, "run result");
    Path json = runsDirectory().resolve(run.id() + ".json");
    Path page = runsDirectory().resolve(run.id() + ".html");
    RunResultJson.write(run, json);
    Json.writeFile(page, RunPage.render(run));
    return new WrittenRun(run, json, page, indexFile());
  }

  /**
   * Rebuilds the index from every result in {@code runs/} (without re-rendering their pages; see
   * {@link #rebuild()}); a file that cannot be read is listed on the index page, with the reason.
   * Returns the index page.
   */
  public Path writeIndex() throws IOException {
    Files.createDirectories(runsDirectory());
    return writeIndex(ResultScan.of(runsDirectory()));
  }

  /**
   * Writes every run's JSON and page, then rebuilds the index; returns the index page.
   *
   * @throws IllegalArgumentException before writing anything, when two runs share an id
   */
  public Path writeAll(Collection<RunResult> runs) throws IOException {
    Preconditions.notNull(runs, "run results");
    Set<String> ids = new HashSet<>();
    for (RunResult run : runs) {
      Preconditions.notNull(run, "run result");
      Preconditions.check(
          ids.add(run.id()), "run id", "unique among the runs written", "'" + run.id() + "' twice");
    }
    for (RunResult run : runs) {
      writeRun(run);
    }
    return writeIndex();
  }

  /**
   * Re-renders every run's page from the JSON files in {@code runs/} and rewrites the index; a file
   * that cannot be read is listed on the index page, with the reason. Returns the index page.
   */
  public Path rebuild() throws IOException {
    Files.createDirectories(runsDirectory());
    ResultScan scan = ResultScan.of(runsDirectory());
    for (RunResult run : scan.runs()) {
      Json.writeFile(runsDirectory().resolve(run.id() + ".html"), RunPage.render(run));
    }
    return writeIndex(scan);
  }

  /**
   * Copies the run results found in {@code resultsDir} (its {@code *.json} files, a Gatling
   * simulation's say) into this report, renders their pages and rewrites the index.
   *
   * @return the runs imported
   * @throws ReportFormatException naming the first file that is not a valid result, before writing
   *     anything
   */
  public List<WrittenRun> importResults(Path resultsDir) throws IOException {
    Preconditions.notNull(resultsDir, "results directory");
    ResultScan scan = ResultScan.of(resultsDir);
    if (!scan.problems().isEmpty()) {
      throw new ReportFormatException(
          resultsDir, "cannot import: " + String.join("; ", scan.problems()), null);
    }
    List<WrittenRun> written = new ArrayList<>();
    for (RunResult run : scan.runs()) {
      written.add(writeRun(run));
    }
    Path index = writeIndex(ResultScan.of(runsDirectory()));
    return written.stream().map(w -> new WrittenRun(w.run(), w.json(), w.page(), index)).toList();
  }

  /**
   * The console line of a run: {@code "spillway: OVERFLOWED singleton-spike (HWM 202 · shed 0.0% ·
   * p99 12 ms) file:///…/runs/singleton-spike.html"}.
   */
  public static String consoleLine(RunResult run, Path page) {
    Preconditions.notNull(run, "run result");
    Preconditions.notNull(page, "page");
    if (run.capacity().isPresent() && run.verdict().isEmpty()) {
      // a capacity search has a knee, not a verdict: its line says what it found
      return "spillway: CAPACITY "
          + run.id()
          + " ("
          + CapacitySection.summary(run.capacity().get())
          + ") "
          + page.toAbsolutePath().normalize().toUri();
    }
    return "spillway: "
        + run.verdict().map(Enum::name).orElse("NOT JUDGED")
        + " "
        + run.id()
        + " ("
        + IndexPage.numbers(run.figures())
        + (run.bounds().isEmpty() ? "" : run.boundsHeld() ? " · bounds held" : " · BOUND BROKEN")
        + ") "
        + page.toAbsolutePath().normalize().toUri();
  }

  private Path writeIndex(ResultScan scan) throws IOException {
    Json.writeFile(indexFile(), IndexPage.render(scan.runs(), scan.problems(), Instant.now()));
    return indexFile();
  }
}
