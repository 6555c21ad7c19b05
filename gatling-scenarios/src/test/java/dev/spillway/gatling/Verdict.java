package dev.spillway.gatling;

import dev.spillway.toolkit.util.Preconditions;

/**
 * The outcome of one of a simulation's own checks (beyond Gatling's assertions on requests).
 *
 * @param name what was checked, such as {@code "growth ≈ λ − μ"}
 * @param passed whether it held
 * @param detail the figures behind the outcome, in one line
 */
record Verdict(String name, boolean passed, String detail) {

  /** Validates the components. */
  Verdict {
    Preconditions.notBlank(name, "verdict name");
    Preconditions.notNull(detail, "verdict detail");
  }

  /** A check that held. */
  static Verdict pass(String name, String detail) {
    return new Verdict(name, true, detail);
  }

  /** A check that did not hold. */
  static Verdict fail(String name, String detail) {
    return new Verdict(name, false, detail);
  }
}
