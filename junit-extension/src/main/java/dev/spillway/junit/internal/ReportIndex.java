package dev.spillway.junit.internal;

import static org.apiguardian.api.API.Status.INTERNAL;

import dev.spillway.report.ReportWriter;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.apiguardian.api.API;

/**
 * The index pages of the reports the runs of one test execution wrote into, written once when it is
 * closed: it lives in the engine's root store, which JUnit closes once every test has run. So the
 * index (which reads every result in the report's {@code runs/}) is rebuilt once per test
 * execution, outside every test's timed path, by one writer however the tests run in parallel; and
 * the last thing the overload tests print is where to look. Thread-safe.
 */
@API(status = INTERNAL, since = "0.1")
public final class ReportIndex implements AutoCloseable {

  private final PrintStream out;
  private final PrintStream err;
  private final Map<Path, AtomicInteger> runs = new ConcurrentSkipListMap<>();
  private boolean closed;

  /** An index that prints where each page is to {@code out}, and why it is not to {@code err}. */
  public ReportIndex(PrintStream out, PrintStream err) {
    this.out = out;
    this.err = err;
  }

  /** Notes that a run's JSON and page were written into the report in {@code directory}. */
  public void wrote(Path directory) {
    runs.computeIfAbsent(directory.toAbsolutePath().normalize(), k -> new AtomicInteger())
        .incrementAndGet();
  }

  /** How many runs were written into the report in {@code directory} so far. */
  public int runsWritten(Path directory) {
    AtomicInteger n = runs.get(directory.toAbsolutePath().normalize());
    return n == null ? 0 : n.get();
  }

  /**
   * Rebuilds the index page of every report written into, from every result in its {@code runs/}
   * directory (earlier runs' too), and prints {@code "spillway: report index file:///…/index.html
   * (N runs written now)"}; an index that cannot be written is said on the error stream. Only the
   * first call does anything.
   */
  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    for (Map.Entry<Path, AtomicInteger> e : runs.entrySet()) {
      int n = e.getValue().get();
      String written = n + (n == 1 ? " run" : " runs") + " written now";
      try {
        Path index = ReportWriter.to(e.getKey()).writeIndex();
        out.println("spillway: report index " + index.toUri() + " (" + written + ")");
      } catch (Exception | LinkageError problem) {
        err.println(
            "[spillway] the report index of "
                + e.getKey()
                + " ("
                + written
                + ") was not written: "
                + problem);
      }
    }
  }
}
