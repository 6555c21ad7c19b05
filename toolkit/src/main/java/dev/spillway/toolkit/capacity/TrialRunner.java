package dev.spillway.toolkit.capacity;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import java.time.Duration;
import org.apiguardian.api.API;

/**
 * Runs one trial of a capacity search: offers the planned rate to the component and judges whether
 * it sustained it. {@link TargetTrials} runs trials against an in-process component; a test may
 * plug in a simulated one.
 *
 * <p>Implementations say how thread-safe they are; a {@link CapacitySearch} calls them from one
 * thread, one trial at a time.
 */
@API(status = EXPERIMENTAL, since = "0.1")
public interface TrialRunner {

  /**
   * Runs the trial and judges it.
   *
   * @throws InterruptedException when interrupted; the trial's load is stopped first
   */
  CapacityTrial run(TrialPlan plan) throws InterruptedException;

  /**
   * The longest a trial of {@code plan} can take, from its start to its return: the search states
   * its budget from it before it runs, so it must not depend on what the component does.
   */
  Duration longest(TrialPlan plan);
}
