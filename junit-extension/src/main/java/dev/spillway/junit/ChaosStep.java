package dev.spillway.junit;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import org.apiguardian.api.API;

/**
 * Chaos that a run switches on for a phase of its load ({@link OverloadHarness#during}): {@link
 * #open()} switches it on and returns the handle whose {@code close()} switches it off again.
 *
 * <p>Any method that switches something on and returns an {@link AutoCloseable} fits, as a lambda
 * or a method reference:
 *
 * <pre>{@code
 * harness.during("spike peak", () -> downstream.failing(Fault.CONNECTION_RESET_BY_PEER));
 * harness.during("storm", container::pause);
 * }</pre>
 *
 * <p>The harness calls {@code open()} and {@code close()} on a thread of its own ({@code
 * spillway-chaos-<test>}), one step at a time; each may block for as long as switching takes, and
 * should end when that thread is interrupted.
 */
@API(status = EXPERIMENTAL, since = "0.1")
@FunctionalInterface
public interface ChaosStep {

  /**
   * Switches the chaos on.
   *
   * @return the handle that switches it off when closed; not null
   * @throws Exception when the chaos cannot be switched on: the run then stops its load and fails
   */
  AutoCloseable open() throws Exception;
}
