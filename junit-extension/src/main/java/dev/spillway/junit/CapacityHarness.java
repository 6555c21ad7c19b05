package dev.spillway.junit;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import dev.spillway.junit.internal.RunReporting;
import dev.spillway.toolkit.capacity.CapacityResult;
import dev.spillway.toolkit.capacity.CapacitySearch;
import dev.spillway.toolkit.capacity.TargetTrials;
import dev.spillway.toolkit.capacity.TrialRunner;
import dev.spillway.toolkit.target.AccountedTarget;
import dev.spillway.toolkit.util.Preconditions;
import java.time.Instant;
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
  private final RunReporting reporting;
  private final Optional<String> design; // empty: the test's label
  private final AtomicReference<CapacityResult> last;

  CapacityHarness(CapacitySettings settings, Consumer<String> reporter, RunReporting reporting) {
    this(settings, reporter, reporting, Optional.empty(), new AtomicReference<>());
  }

  private CapacityHarness(
      CapacitySettings settings,
      Consumer<String> reporter,
      RunReporting reporting,
      Optional<String> design,
      AtomicReference<CapacityResult> last) {
    this.settings = settings;
    this.reporter = reporter;
    this.reporting = reporting;
    this.design = design;
    this.last = last;
  }

  /**
   * This harness reporting its searches under {@code design} — a row of the survival matrix, and
   * for designs named {@code family(N)} ({@code partitioned(4)}) a point of the report's
   * scalability fit — instead of the test method's name; each search is a run of its own in the
   * report, its id the test's with the design appended.
   *
   * @throws IllegalArgumentException when {@code design} is blank
   */
  public CapacityHarness design(String design) {
    Preconditions.notBlank(design, "capacity design");
    return new CapacityHarness(settings, reporter, reporting, Optional.of(design), last);
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
    return new CapacityHarness(
        settings.within(lowest, highest, resolution), reporter, reporting, design, last);
  }

  /**
   * Finds the capacity of the component {@code targets} supplies: a new target per trial, closed
   * when its trial ends (so a target whose {@code close()} stops its component starts each trial
   * with an empty queue), run by {@link #trials(Supplier) trials(targets)}.
   */
  public CapacityResult findCapacity(Supplier<? extends AccountedTarget> targets) {
    return findCapacity(trials(targets));
  }

  /**
   * The trials {@link #findCapacity(Supplier)} runs against the component {@code targets} supplies:
   * {@link TargetTrials} with the test's settle limit and latency bound and, when the method
   * declares {@link StopWhenCertain} (and {@value StopWhenCertain#SWITCH} is not {@code off}),
   * trials that stop at a clear breach or as soon as their verdict is certain ({@code
   * TrialStop.clearBreach().or(TrialStop.whenCertain(…))}). Adjust them — other keys, other verdict
   * rules — and pass them to {@link #findCapacity(TrialRunner)}, keeping the test's settings.
   */
  public TargetTrials trials(Supplier<? extends AccountedTarget> targets) {
    Preconditions.notNull(targets, "capacity targets");
    return settings.trials(TargetTrials.of(targets));
  }

  /**
   * Finds the capacity with trials run by {@code runner}: the {@linkplain #trials(Supplier) test's
   * trials} adjusted, a {@link TargetTrials} of one's own making or any other runner; the test's
   * {@link CapacityTest#settleLimit()}, {@link CapacityTest#latencyP99()} and {@link
   * StopWhenCertain} are then the runner's business.
   */
  public CapacityResult findCapacity(TrialRunner runner) {
    Preconditions.notNull(runner, "capacity trial runner");
    CapacitySearch search = settings.search(runner);
    reporter.accept(CapacityLines.budget(settings.name(), search));
    CapacityResult result;
    Instant startedAt = Instant.now();
    try {
      result = search.run();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionFailedError(
          "the capacity search of test '" + settings.name() + "' was interrupted");
    }
    result.trials().forEach(trial -> reporter.accept(CapacityLines.trial(trial)));
    String summary = CapacityLines.result(settings.name(), result);
    reporter.accept(summary);
    reporting.writeCapacity(design, startedAt, result, summary);
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
