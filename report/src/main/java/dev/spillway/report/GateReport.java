package dev.spillway.report;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import dev.spillway.toolkit.util.Preconditions;
import java.util.ArrayList;
import java.util.List;
import org.apiguardian.api.API;

/**
 * What the {@link BaselineGate} found: one row per compared figure and verdict, and per test that
 * is only in the baseline or only in the results.
 *
 * <p>Immutable and thread-safe.
 *
 * @param findings every row, test by test
 * @param testsCompared how many tests were in both the baseline and the results
 */
@API(status = EXPERIMENTAL, since = "0.1")
public record GateReport(List<GateFinding> findings, int testsCompared) {

  /** Validates the components and copies the rows. */
  public GateReport {
    findings = List.copyOf(Preconditions.notNull(findings, "findings"));
    Preconditions.check(testsCompared >= 0, "tests compared", ">= 0", testsCompared);
  }

  /** Whether no row fails. */
  public boolean passed() {
    return findings.stream().noneMatch(GateFinding::fails);
  }

  /** The rows that fail the gate. */
  public List<GateFinding> failures() {
    return findings.stream().filter(GateFinding::fails).toList();
  }

  /**
   * The rows worth a look that do not fail: improvements, new figures, allowed new or missing
   * tests.
   */
  public List<GateFinding> notes() {
    return findings.stream()
        .filter(f -> !f.fails() && f.kind() != GateFinding.Kind.WITHIN)
        .toList();
  }

  /** One line: {@code "baseline gate PASSED: 5 tests compared"} or {@code "... FAILED: 2 ..."}. */
  public String summary() {
    int failing = (int) failures().stream().map(GateFinding::test).distinct().count();
    return "baseline gate "
        + (passed() ? "PASSED" : "FAILED")
        + ": "
        + testsCompared
        + (testsCompared == 1 ? " test" : " tests")
        + " compared"
        + (passed() ? "" : ", " + failing + (failing == 1 ? " test fails" : " tests fail"))
        + (notes().isEmpty()
            ? ""
            : ", " + notes().size() + (notes().size() == 1 ? " note" : " notes"));
  }

  /**
   * The summary, then the failing rows as an aligned table, then the notes: what regressed, by how
   * much, against which tolerance.
   */
  public String table() {
    StringBuilder out = new StringBuilder(summary()).append('\n');
    if (!failures().isEmpty()) {
      out.append('\n').append(render(failures()));
    }
    if (!notes().isEmpty()) {
      out.append("\nnotes:\n").append(render(notes()));
    }
    return out.toString();
  }

  /** Every row as an aligned table, the passing ones too. */
  public String fullTable() {
    return summary() + "\n\n" + render(findings);
  }

  private static String render(List<GateFinding> rows) {
    List<String[]> cells = new ArrayList<>();
    cells.add(
        new String[] {"test", "figure", "baseline", "current", "change", "allowed", "result"});
    for (GateFinding f : rows) {
      cells.add(
          new String[] {
            f.test(), f.what(), f.baseline(), f.current(), f.change(), f.allowed(), f.kind().name()
          });
    }
    int[] widths = new int[7];
    for (String[] row : cells) {
      for (int i = 0; i < row.length; i++) {
        widths[i] = Math.max(widths[i], row[i].length());
      }
    }
    StringBuilder out = new StringBuilder();
    for (String[] row : cells) {
      StringBuilder line = new StringBuilder();
      for (int i = 0; i < row.length; i++) {
        line.append(i == 0 ? "" : "  ").append(row[i]);
        line.append(" ".repeat(widths[i] - row[i].length()));
      }
      out.append(line.toString().stripTrailing()).append('\n');
    }
    return out.toString();
  }
}
