package dev.spillway.junit;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import dev.spillway.toolkit.capacity.CapacityResult;
import dev.spillway.toolkit.capacity.CapacitySearch;
import dev.spillway.toolkit.capacity.TargetTrials;
import dev.spillway.toolkit.capacity.TrialRunner;
import dev.spillway.toolkit.target.AccountedTarget;
import dev.spillway.toolkit.util.Preconditions;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.apiguardian.api.API;
import org.opentest4j.AssertionFailedError;

/**
 * The parameter of a {@link CapacityTest}: runs capacity searches with the test's settings.
 *
 * <p>Each call states the search's budget first (a line {@code [spillway] capacity search: …} on
 * standard output and as a report entry), then runs it and reports what it found, trial by trial.
 *
 * <p>Thread-safety: call from the test's thread, one search at a time.
 */
@API(status = EXPERIMENTAL, since = "0.1")
public final class CapacityHarness {

  private final CapacitySettings settings;
  private final Consumer<String> reporter;
  private final AtomicReference<CapacityResult> last;

  CapacityHarness(CapacitySettings settings, Consumer<String> reporter) {
    this(settings, reporter, new AtomicReference<>());
  }

  private CapacityHarness(
      CapacitySettings settings, Consumer<String> reporter, AtomicReference<CapacityResult> last) {
    this.settings = settings;
    this.reporter = reporter;
    this.last = last;
  }

  /**
   * This harness with other rates to try, for a component whose capacity lies elsewhere than the
   * test's (a test that compares two designs); the other settings stay, and its searches are this
   * harness's too ({@link CapacityAtLeast} holds the last one).
   *
   * @throws IllegalArgumentException when the rates break the rules of {@link CapacityTest}'s
   *     attributes of the same names
   */
  public CapacityHarness within(double lowest, double highest, double resolution) {
    return new CapacityHarness(settings.within(lowest, highest, resolution), reporter, last);
  }

  /**
   * Finds the capacity of the component {@code targets} supplies: a new target per trial, closed
   * when its trial ends (so a target whose {@code close()} stops its component starts each trial
   * with an empty queue), run by {@link TargetTrials} with the test's settle limit and latency
   * bound.
   */
  public CapacityResult findCapacity(Supplier<? extends AccountedTarget> targets) {
    Preconditions.notNull(targets, "capacity targets");
    return findCapacity(settings.trials(TargetTrials.of(targets)));
  }

  /**
   * Finds the capacity with trials run by {@code runner}, a {@link TargetTrials} of one's own
   * making (another stop rule, keys, verdict rules) or any other runner; the test's {@link
   * CapacityTest#settleLimit()} and {@link CapacityTest#latencyP99()} are then the runner's
   * business.
   */
  public CapacityResult findCapacity(TrialRunner runner) {
    Preconditions.notNull(runner, "capacity trial runner");
    CapacitySearch search = settings.search(runner);
    reporter.accept(CapacityLines.budget(settings.name(), search));
    CapacityResult result;
    try {
      result = search.run();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionFailedError(
          "the capacity search of test '" + settings.name() + "' was interrupted");
    }
    result.trials().forEach(trial -> reporter.accept(CapacityLines.trial(trial)));
    reporter.accept(CapacityLines.result(settings.name(), result));
    last.set(result);
    return result;
  }

  /** The result of the last search, if one ran. */
  Optional<CapacityResult> lastResult() {
    return Optional.ofNullable(last.get());
  }

  @Override
  public String toString() {
    return "CapacityHarness[" + settings + "]";
  }
}
