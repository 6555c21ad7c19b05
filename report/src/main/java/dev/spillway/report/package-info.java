/**
 * Reports of overload runs: a machine-readable result per run, a self-contained HTML report with
 * SVG charts, and the regression gate for CI.
 *
 * <ul>
 *   <li>{@link dev.spillway.report.RunResult} — everything kept of one run, built from the
 *       toolkit's objects with {@link dev.spillway.report.RunResult#builder(String)}; {@link
 *       dev.spillway.report.RunResultJson} writes and reads it as JSON of schema {@code
 *       spillway.run/1} (documented in {@code docs/report-schema.md}).
 *   <li>{@link dev.spillway.report.ReportWriter} — writes {@code <dir>/index.html} (the survival
 *       matrix, and the scalability of design families) and {@code <dir>/runs/<id>.json|html} (a
 *       page per run, with a depth chart per probe and the capacity curve of a capacity search);
 *       nothing is loaded from the network.
 *   <li>{@link dev.spillway.report.ScalabilityFit} — the Universal Scalability Law fitted to the
 *       capacities of a design family at several consumer counts ({@link
 *       dev.spillway.report.ScalabilityFamily} finds the families among runs).
 *   <li>{@link dev.spillway.report.BaselineGate} — compares results with a {@link
 *       dev.spillway.report.Baseline} ({@link dev.spillway.report.BaselineJson}, schema {@code
 *       spillway.baseline/1}) and reports what regressed — a figure that rose, a capacity knee that
 *       fell — by how much, against which {@link dev.spillway.report.Tolerance}.
 *   <li>{@link dev.spillway.report.ReportTool} — the command line: rebuild a report, check or
 *       (re)write a baseline.
 * </ul>
 */
package dev.spillway.report;
