package dev.spillway.toolkit.report;

import dev.spillway.toolkit.internal.Preconditions;
import java.nio.file.Path;

/**
 * What {@link ReportWriter#write(RunResult)} wrote for one run.
 *
 * <p>Immutable and thread-safe.
 *
 * @param run the run
 * @param json its JSON result, {@code <dir>/runs/<id>.json}
 * @param page its page, {@code <dir>/runs/<id>.html}
 * @param index the index page, {@code <dir>/index.html}
 */
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
