package dev.spillway.report;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import dev.spillway.toolkit.util.Preconditions;
import java.nio.file.Path;
import org.apiguardian.api.API;

/**
 * What {@link ReportWriter#writeRun(RunResult)} (or {@link ReportWriter#write(RunResult)}) wrote
 * for one run.
 *
 * <p>Immutable and thread-safe.
 *
 * @param run the run
 * @param json its JSON result, {@code <dir>/runs/<id>.json}
 * @param page its page, {@code <dir>/runs/<id>.html}
 * @param index the index page, {@code <dir>/index.html} (which {@link ReportWriter#writeRun} leaves
 *     to {@link ReportWriter#writeIndex()})
 */
@API(status = EXPERIMENTAL, since = "0.1")
public record WrittenRun(RunResult run, Path json, Path page, Path index) {

  /** Validates the components. */
  public WrittenRun {
    Preconditions.notNull(run, "run");
    Preconditions.notNull(json, "json file");
    Preconditions.notNull(page, "page file");
    Preconditions.notNull(index, "index file");
  }

  /** The console line for this run (see {@link ReportWriter#consoleLine}). */
  public String consoleLine() {
    return ReportWriter.consoleLine(run, page);
  }
}
