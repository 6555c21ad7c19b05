package dev.spillway.junit.internal;

import static org.apiguardian.api.API.Status.INTERNAL;

import org.apiguardian.api.API;

/**
 * Where a run goes in the report's survival matrix: a validated {@link dev.spillway.junit.ReportAs}
 * with its defaults applied.
 *
 * @param design the matrix's row; not blank
 * @param scenario the matrix's column; not blank
 */
@API(status = INTERNAL, since = "0.1")
public record ReportLabels(String design, String scenario) {

  /** Validates the components. */
  public ReportLabels {
    if (design == null || design.isBlank()) {
      throw new IllegalArgumentException("design must not be blank, but was '" + design + "'");
    }
    if (scenario == null || scenario.isBlank()) {
      throw new IllegalArgumentException("scenario must not be blank, but was '" + scenario + "'");
    }
  }
}
