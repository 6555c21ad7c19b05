package dev.spillway.gatling;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import org.apiguardian.api.API;

/**
 * One check Spillway made at the end of a run, beside the verdict's bounds: that the verdict was
 * one expected, that the target's books agree with the answers the users got, that the queue grew
 * at λ − μ. Immutable.
 *
 * @param name what was checked
 * @param passed whether it held
 * @param detail the figures behind it
 */
@API(status = EXPERIMENTAL, since = "0.1")
public record Check(String name, boolean passed, String detail) {

  /** Validates the components. */
  public Check {
    Checks.notBlank(name, "check name");
    Checks.notNull(detail, "check detail");
  }

  /** {@code "ok name: detail"} or {@code "FAILED name: detail"}. */
  public String describe() {
    return (passed ? "ok     " : "FAILED ") + name + ": " + detail;
  }
}
