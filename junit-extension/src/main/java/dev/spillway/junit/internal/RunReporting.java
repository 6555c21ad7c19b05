package dev.spillway.junit.internal;

import static org.apiguardian.api.API.Status.INTERNAL;

import dev.spillway.junit.OverloadResult;
import dev.spillway.report.BoundCheck;
import dev.spillway.report.ReportWriter;
import dev.spillway.report.RunResult;
import dev.spillway.report.RunResultBuilder;
import dev.spillway.report.WrittenRun;
import dev.spillway.toolkit.capacity.CapacityResult;
import dev.spillway.toolkit.inject.Injector;
import dev.spillway.toolkit.ledger.MessageLedger;
import dev.spillway.toolkit.load.LoadProfile;
import java.io.PrintStream;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.apiguardian.api.API;

/**
 * Writes the report of each run of one test: builds a {@link RunResult} from what the run measured
 * (trace, load report, verdict and its figures, books, the ledger's rate buckets, injector,
 * sentinel breaches from the trace's events, the bounds as the run judged them), writes its JSON
 * and page with {@link ReportWriter} and prints its console line; the report's index is left to the
 * {@link ReportIndex}, which writes it once when the test execution ends. A report that cannot be
 * written is said on the error stream and does not fail the test: the test's verdict comes from the
 * run, not from the disk. Thread-safe.
 */
@API(status = INTERNAL, since = "0.1")
public final class RunReporting {

  private final ReportSettings settings;
  private final ReportIndex index;
  private final String testName;
  private final PrintStream out;
  private final PrintStream err;
  private volatile ReportLabels labels;
  private volatile String notJudged;
  private final Map<String, String> details = Collections.synchronizedMap(new LinkedHashMap<>());

  /**
   * Reporting for the test {@code testName} ({@code Class.method}, also the run's name and, made
   * file-safe, its id), under {@code settings}, noting every run written in {@code index}.
   */
  public RunReporting(
      ReportSettings settings,
      ReportIndex index,
      String testName,
      ReportLabels labels,
      PrintStream out,
      PrintStream err) {
    this.settings = settings;
    this.index = index;
    this.testName = testName;
    this.labels = labels;
    this.out = out;
    this.err = err;
  }

  /** Replaces the declared (or default) design and scenario. */
  public void labels(ReportLabels labels) {
    this.labels = labels;
  }

  /** The design and scenario the run will be reported under. */
  public ReportLabels labels() {
    return labels;
  }

  /**
   * Writes the run without a verdict, with {@code why} as its explanation: its evidence is
   * incomplete (see {@link ProbeGuards}).
   */
  public void notJudged(String why) {
    this.notJudged = why;
  }

  /** Adds a fact shown with the run (replacing one of the same name). */
  public void detail(String key, String value) {
    details.put(key, value);
  }

  /** Whether runs write a report. */
  public boolean enabled() {
    return settings.enabled();
  }

  /**
   * Builds the run's result and writes its JSON and page, if reports are enabled; prints the
   * console line.
   *
   * @param injector the injection the run used, or null
   * @param exactQueues the watched queues whose high-water mark in {@code result} is exact
   * @param bounds the run's declared bounds as the run judged them ({@link RunBounds})
   * @return what was written; empty when reports are off or the report could not be written
   */
  public Optional<WrittenRun> write(
      OverloadResult result,
      LoadProfile profile,
      Injector injector,
      MessageLedger ledger,
      Set<String> exactQueues,
      List<BoundCheck> bounds) {
    if (!settings.enabled()) {
      return Optional.empty();
    }
    try {
      RunResult run = build(result, profile, injector, ledger, exactQueues, bounds);
      WrittenRun written = ReportWriter.to(settings.directory()).writeRun(run);
      index.wrote(settings.directory());
      out.println(written.consoleLine());
      return Optional.of(written);
    } catch (Exception | LinkageError e) {
      err.println(
          "[spillway] the report of '"
              + testName
              + "' was not written to "
              + settings.directory().toAbsolutePath().normalize()
              + ": "
              + e);
      return Optional.empty();
    }
  }

  /**
   * Writes a capacity search of this test as a run of its own — design {@code design} (else the
   * test's label), the scenario "capacity search", no verdict (a search has a knee, not a verdict),
   * the search in its {@code capacity} — if reports are enabled; prints the console line. Its id is
   * the test's, with a given design appended, so that one test can report several designs.
   *
   * @param startedAt when the search started
   * @return what was written; empty when reports are off or the report could not be written
   */
  public Optional<WrittenRun> writeCapacity(
      Optional<String> design, Instant startedAt, CapacityResult capacity, String summary) {
    if (!settings.enabled()) {
      return Optional.empty();
    }
    String name = design.map(d -> testName + " · " + d).orElse(testName);
    try {
      RunResultBuilder b =
          RunResult.builder(name)
              .id(idOf(design.map(d -> testName + "." + d).orElse(testName)))
              .design(design.orElse(labels.design()))
              .scenario(CAPACITY_SCENARIO)
              .source("junit")
              .startedAt(startedAt)
              .duration(capacity.elapsed())
              .notJudged(summary)
              .capacity(capacity)
              .detail("test", testName);
      synchronized (details) {
        details.forEach(b::detail);
      }
      WrittenRun written = ReportWriter.to(settings.directory()).writeRun(b.build());
      index.wrote(settings.directory());
      out.println(written.consoleLine());
      return Optional.of(written);
    } catch (Exception | LinkageError e) {
      err.println(
          "[spillway] the capacity report of '"
              + name
              + "' was not written to "
              + settings.directory().toAbsolutePath().normalize()
              + ": "
              + e);
      return Optional.empty();
    }
  }

  /** The scenario, a column of the survival matrix, of every capacity search. */
  public static final String CAPACITY_SCENARIO = "capacity search";

  /**
   * The run's id: the test's name ({@code Class.method}) with every run of characters other than
   * letters, digits, {@code .}, {@code _} and {@code -} replaced by one {@code -}, a trailing one
   * dropped, case kept, at most 128 characters; stable as long as the test keeps its name (a
   * baseline is keyed by it).
   */
  static String idOf(String testName) {
    String id = testName.replaceAll("[^A-Za-z0-9._-]+", "-").replaceAll("^[^A-Za-z0-9]+", "");
    id = id.replaceAll("-+$", ""); // Class.method[2] → Class.method-2
    id = id.length() <= 128 ? id : id.substring(0, 128);
    return id.isEmpty() ? RunResult.idFor("run " + testName) : id;
  }

  RunResult build(
      OverloadResult result,
      LoadProfile profile,
      Injector injector,
      MessageLedger ledger,
      Set<String> exactQueues,
      List<BoundCheck> bounds) {
    ReportLabels l = labels;
    RunResultBuilder b =
        RunResult.builder(testName)
            .id(idOf(testName))
            .design(l.design())
            .scenario(l.scenario())
            .source("junit")
            .trace(result.trace())
            .profile(profile)
            .loadReport(result.load())
            .loadStartedAt(result.loadStart())
            .ledger(result.books())
            .rateBuckets(ledger.rateSeries())
            .detail("test", testName);
    String why = notJudged;
    if (why == null) {
      b.assessment(result.assessment())
          .detail("judged queue", result.judgedQueue())
          .detail("books settled", result.assessment().settled().describe());
    } else {
      b.notJudged(why);
    }
    for (Map.Entry<String, Long> mark : result.highWaterMarks().entrySet()) {
      if (exactQueues.contains(mark.getKey())) {
        b.exactHighWaterMark(mark.getKey(), mark.getValue());
      }
    }
    if (injector != null) {
      b.injector(injector);
    }
    result.autopsy().ifPresent(b::autopsy);
    bounds.forEach(b::bound);
    List<String> caveats = result.caveats();
    for (int i = 0; i < caveats.size(); i++) {
      b.detail(caveats.size() == 1 ? "caveat" : "caveat " + (i + 1), caveats.get(i));
    }
    synchronized (details) {
      details.forEach(b::detail);
    }
    return b.build();
  }
}
