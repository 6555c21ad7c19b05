package dev.spillway.junit.internal;

import static org.apiguardian.api.API.Status.INTERNAL;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.apiguardian.api.API;

/**
 * Remembers the report index pages the runs of one test execution wrote to, and prints where each
 * is when it is closed: it lives in the engine's root store, which JUnit closes once every test has
 * run, so the last thing the overload tests print is where to look. Thread-safe.
 */
@API(status = INTERNAL, since = "0.1")
public final class ReportIndex implements AutoCloseable {

  private final PrintStream out;
  private final Map<Path, AtomicInteger> runs = new ConcurrentSkipListMap<>();
  private final Map<Path, Boolean> printed = new ConcurrentHashMap<>();

  /** An index that prints to {@code out}. */
  public ReportIndex(PrintStream out) {
    this.out = out;
  }

  /** Notes that a run was written into the report whose index page is {@code index}. */
  public void wrote(Path index) {
    runs.computeIfAbsent(index.toAbsolutePath().normalize(), k -> new AtomicInteger())
        .incrementAndGet();
  }

  /** How many runs were written into the report of {@code index} so far. */
  public int runsWritten(Path index) {
    AtomicInteger n = runs.get(index.toAbsolutePath().normalize());
    return n == null ? 0 : n.get();
  }

  /**
   * Prints, for every report written to, {@code "spillway: report index file:///…/index.html (N
   * runs written now)"}; once per report.
   */
  @Override
  public void close() {
    for (Map.Entry<Path, AtomicInteger> e : runs.entrySet()) {
      if (printed.putIfAbsent(e.getKey(), true) == null) {
        int n = e.getValue().get();
        out.println(
            "spillway: report index "
                + e.getKey().toUri()
                + " ("
                + n
                + (n == 1 ? " run" : " runs")
                + " written now)");
      }
    }
  }
}
