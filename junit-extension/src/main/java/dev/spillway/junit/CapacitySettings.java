package dev.spillway.junit;

import dev.spillway.junit.internal.ConfigProblems;
import dev.spillway.junit.internal.EarlyStopReader;
import dev.spillway.toolkit.capacity.CapacitySearch;
import dev.spillway.toolkit.capacity.SearchMode;
import dev.spillway.toolkit.capacity.TargetTrials;
import dev.spillway.toolkit.capacity.TrialRunner;
import dev.spillway.toolkit.capacity.TrialStop;
import dev.spillway.toolkit.util.Preconditions;
import dev.spillway.toolkit.verdict.EarlyStop;
import java.lang.reflect.Method;
import java.time.Duration;
import java.util.Optional;
import java.util.OptionalDouble;
import org.junit.platform.commons.support.AnnotationSupport;

/**
 * A capacity test's settings, read from {@link CapacityTest}, {@link CapacityAtLeast} and {@link
 * StopWhenCertain} and checked as a whole before anything runs.
 */
record CapacitySettings(
    String name,
    double lowest,
    double highest,
    double resolution,
    Duration trial,
    Duration warmUp,
    SearchMode mode,
    Duration settleLimit,
    Optional<Duration> latencyP99,
    OptionalDouble floor,
    Optional<EarlyStop> earlyStop) {

  private static final String TEST = "@CapacityTest";
  private static final String FLOOR = "@CapacityAtLeast";

  /**
   * The settings of {@code method}.
   *
   * @throws org.junit.jupiter.api.extension.ExtensionConfigurationException naming every attribute
   *     that breaks its rule
   */
  static CapacitySettings of(Method method) {
    CapacityTest test =
        AnnotationSupport.findAnnotation(method, CapacityTest.class)
            .orElseThrow(() -> new IllegalStateException("no @CapacityTest on " + method));
    Optional<CapacityAtLeast> atLeast =
        AnnotationSupport.findAnnotation(method, CapacityAtLeast.class);
    ConfigProblems problems = new ConfigProblems();
    boolean low = positive(problems, TEST, "lowest", test.lowest());
    boolean high = positive(problems, TEST, "highest", test.highest());
    boolean step = positive(problems, TEST, "resolution", test.resolution());
    if (low && high) {
      problems.require(
          test.highest() > test.lowest(),
          TEST,
          "highest",
          "> lowest (" + ConfigProblems.show(test.lowest()) + ")",
          test.highest());
    }
    if (low && high && step && test.highest() > test.lowest()) {
      double span = test.highest() - test.lowest();
      problems.require(
          test.resolution() <= span,
          TEST,
          "resolution",
          "<= highest − lowest (" + ConfigProblems.show(span) + ")",
          test.resolution());
    }
    Optional<Duration> trial = problems.duration(TEST, "trial", test.trial(), Duration.ZERO, true);
    Optional<Duration> warmUp =
        problems.duration(TEST, "warmUp", test.warmUp(), Duration.ZERO, false);
    Optional<Duration> settle =
        problems.duration(
            TEST, "settleLimit", test.settleLimit(), Duration.ZERO, false, Duration.ofMinutes(1));
    Optional<Duration> latency =
        test.latencyP99().isEmpty()
            ? Optional.empty()
            : problems.duration(TEST, "latencyP99", test.latencyP99(), Duration.ZERO, true);
    atLeast.ifPresent(a -> positive(problems, FLOOR, "perSecond", a.perSecond()));
    Optional<EarlyStop> earlyStop = EarlyStopReader.read(method, problems);
    problems.throwIfAny();
    return new CapacitySettings(
        method.getName(),
        test.lowest(),
        test.highest(),
        test.resolution(),
        trial.orElseThrow(),
        warmUp.orElseThrow(),
        test.mode(),
        settle.orElseThrow(),
        latency,
        atLeast.map(a -> OptionalDouble.of(a.perSecond())).orElse(OptionalDouble.empty()),
        earlyStop);
  }

  private static boolean positive(
      ConfigProblems problems, String annotation, String attribute, double value) {
    return problems.require(
        Double.isFinite(value) && value > 0, annotation, attribute, "finite and > 0", value);
  }

  /** These settings with other rates, checked by the rules of the attributes. */
  CapacitySettings within(double low, double high, double step) {
    Preconditions.positive(low, "lowest");
    Preconditions.positive(high, "highest");
    Preconditions.positive(step, "resolution");
    Preconditions.check(high > low, "highest", "> lowest (" + low + ")", high);
    Preconditions.check(step <= high - low, "resolution", "<= highest − lowest", step);
    return new CapacitySettings(
        name, low, high, step, trial, warmUp, mode, settleLimit, latencyP99, floor, earlyStop);
  }

  /** These settings with no early stop: {@link StopWhenCertain#SWITCH} switched it off. */
  CapacitySettings withoutEarlyStop() {
    return new CapacitySettings(
        name,
        lowest,
        highest,
        resolution,
        trial,
        warmUp,
        mode,
        settleLimit,
        latencyP99,
        floor,
        Optional.empty());
  }

  /** The search with these settings and {@code runner}. */
  CapacitySearch search(TrialRunner runner) {
    return CapacitySearch.builder()
        .lowest(lowest)
        .highest(highest)
        .resolution(resolution)
        .trial(trial)
        .warmUp(warmUp)
        .mode(mode)
        .runner(runner)
        .build();
  }

  /**
   * {@code trials} with this test's settle limit, latency bound and early stop: with one, a trial
   * stops at a clear breach or as soon as its verdict is certain, and the stop rule is asked at
   * least as often as the early stop looks.
   */
  TargetTrials trials(TargetTrials trials) {
    TargetTrials settled = trials.settleLimit(settleLimit);
    TargetTrials bounded = latencyP99.map(settled::latencyBound).orElse(settled);
    return earlyStop.map(stop -> stopping(bounded, stop)).orElse(bounded);
  }

  private static TargetTrials stopping(TargetTrials trials, EarlyStop stop) {
    TargetTrials stopping =
        trials.stopWhen(TrialStop.clearBreach().or(TrialStop.whenCertain(stop)));
    return stop.lookEvery().compareTo(TargetTrials.DEFAULT_CHECK_EVERY) < 0
        ? stopping.checkEvery(stop.lookEvery())
        : stopping;
  }
}
