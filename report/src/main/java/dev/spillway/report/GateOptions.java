package dev.spillway.report;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import org.apiguardian.api.API;

/**
 * How the {@link BaselineGate} treats tests that are not in both the baseline and the results.
 *
 * <p>Immutable and thread-safe.
 *
 * @param allowNewTests whether a result without a baseline entry passes (it is reported either way)
 * @param allowMissingTests whether a baseline entry without a result passes (when only some tests
 *     ran); reported either way
 */
@API(status = EXPERIMENTAL, since = "0.1")
public record GateOptions(boolean allowNewTests, boolean allowMissingTests) {

  /** Both fail: every test must be in the baseline, and every baseline test must have run. */
  public static final GateOptions STRICT = new GateOptions(false, false);
}
