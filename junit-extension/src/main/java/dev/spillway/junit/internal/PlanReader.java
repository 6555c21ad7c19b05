package dev.spillway.junit.internal;

import static org.junit.platform.commons.support.AnnotationSupport.findAnnotation;
import static org.junit.platform.commons.support.AnnotationSupport.findRepeatableAnnotations;
import static org.junit.platform.commons.support.AnnotationSupport.isAnnotated;

import dev.spillway.junit.AllowProbeGaps;
import dev.spillway.junit.AllowSilentLoss;
import dev.spillway.junit.CapacityTest;
import dev.spillway.junit.ConstantLoad;
import dev.spillway.junit.ConsumerStall;
import dev.spillway.junit.ConsumerStalls;
import dev.spillway.junit.DrainsWithin;
import dev.spillway.junit.ExpectVerdict;
import dev.spillway.junit.FixedDelay;
import dev.spillway.junit.HotKey;
import dev.spillway.junit.LatencyBound;
import dev.spillway.junit.LatencyBounds;
import dev.spillway.junit.LogNormalDelay;
import dev.spillway.junit.Overload;
import dev.spillway.junit.OverloadHarness;
import dev.spillway.junit.OverloadTest;
import dev.spillway.junit.ParetoDelay;
import dev.spillway.junit.QueueBound;
import dev.spillway.junit.QueueBounds;
import dev.spillway.junit.RampLoad;
import dev.spillway.junit.RecordAutopsy;
import dev.spillway.junit.ReportAs;
import dev.spillway.junit.SlowMethod;
import dev.spillway.junit.SlowMethods;
import dev.spillway.junit.SpikeLoad;
import dev.spillway.junit.StopWhenCertain;
import dev.spillway.junit.UniformDelay;
import dev.spillway.junit.UniformKeys;
import dev.spillway.junit.VerdictThresholds;
import dev.spillway.junit.ZipfKeys;
import dev.spillway.toolkit.autopsy.Autopsy;
import dev.spillway.toolkit.ledger.SettleRules;
import dev.spillway.toolkit.load.LoadPhase;
import dev.spillway.toolkit.verdict.EarlyStop;
import dev.spillway.toolkit.verdict.VerdictRules;
import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.TestTemplate;

/**
 * Reads one test method's annotations into an {@link OverloadPlan}; see {@link OverloadPlan#from}.
 */
final class PlanReader {

  /** Every Spillway annotation but {@code @OverloadTest}, in the order messages name them. */
  private static final List<Class<? extends Annotation>> DECLARATIONS =
      List.of(
          SpikeLoad.class,
          ConstantLoad.class,
          RampLoad.class,
          UniformKeys.class,
          ZipfKeys.class,
          HotKey.class,
          FixedDelay.class,
          UniformDelay.class,
          LogNormalDelay.class,
          ParetoDelay.class,
          ConsumerStall.class,
          ConsumerStalls.class,
          SlowMethod.class,
          SlowMethods.class,
          QueueBound.class,
          QueueBounds.class,
          DrainsWithin.class,
          LatencyBound.class,
          LatencyBounds.class,
          ExpectVerdict.class,
          AllowSilentLoss.class,
          VerdictThresholds.class,
          AllowProbeGaps.class,
          RecordAutopsy.class,
          StopWhenCertain.class);

  static final Duration DEFAULT_GRACE = Duration.ofSeconds(5);
  static final Duration DEFAULT_SETUP_TIMEOUT = Duration.ofSeconds(30);
  static final Duration DEFAULT_SAMPLE_EVERY = Duration.ofMillis(1);
  static final Duration MIN_SAMPLE_EVERY = Duration.ofNanos(100_000);
  static final Duration MAX_SAMPLE_EVERY = Duration.ofSeconds(1);
  static final Duration MAX_SETTLE_LIMIT = Duration.ofMinutes(10);

  private final Method method;
  private final Class<?> testClass;
  private final String name;
  private final ConfigProblems problems = new ConfigProblems();

  PlanReader(Method method, Class<?> testClass) {
    this.method = method;
    this.testClass = testClass;
    this.name = method.getName();
  }

  OverloadPlan read() {
    List<String> declared = declared();
    Optional<RunSettings> found = RunSettings.of(method, problems);
    if (found.isEmpty()) {
      if (problems.isEmpty()) {
        problems.add(
            (declared.isEmpty() ? "the Spillway extension" : declared.get(0))
                + " requires @OverloadTest (or @Overload on a @ParameterizedTest or @RepeatedTest)"
                + " on method '"
                + name
                + "' (it holds the flood lock and runs the watchdog and the clean-up)");
      }
      problems.throwIfAny();
    }
    RunSettings settings = found.get();
    String on = settings.annotation();
    Duration grace =
        problems
            .duration(on, "grace", settings.grace(), Duration.ZERO, false)
            .orElse(DEFAULT_GRACE);
    Duration setupTimeout =
        problems
            .duration(on, "setupTimeout", settings.setupTimeout(), Duration.ZERO, true)
            .orElse(DEFAULT_SETUP_TIMEOUT);
    Duration sampleEvery =
        problems
            .duration(
                on,
                "sampleEvery",
                settings.sampleEvery(),
                MIN_SAMPLE_EVERY,
                false,
                MAX_SAMPLE_EVERY)
            .orElse(DEFAULT_SAMPLE_EVERY);
    Duration settleLimit =
        problems
            .duration(
                on, "settleLimit", settings.settleLimit(), Duration.ZERO, false, MAX_SETTLE_LIMIT)
            .orElse(SettleRules.DEFAULT_LIMIT);
    Optional<LoadSpec> load = new LoadReader(method, problems).read();
    Optional<KeySpec> keys = new KeyReader(method, problems).read();
    Optional<InjectionSpec> injection = new InjectionReader(method, name, problems).read();
    List<MethodInjectionSpec> methodInjections =
        new MethodInjectionReader(method, name, problems).read();
    load.ifPresent(l -> checkPhases(methodInjections, l));
    List<QueueBoundSpec> queueBounds = queueBounds();
    Optional<DrainSpec> drain = drain();
    List<LatencySpec> latencyBounds = latencyBounds();
    Optional<VerdictSpec> verdict = expectedVerdict();
    Optional<String> silentLoss = silentLoss();
    double[] thresholds = thresholds();
    Optional<String> probeGaps = probeGaps();
    Optional<Duration> autopsy = autopsy();
    Optional<EarlyStop> earlyStop = EarlyStopReader.read(method, problems);
    ReportLabels report = reportLabels();
    boolean hasHarness = Arrays.asList(method.getParameterTypes()).contains(OverloadHarness.class);
    if (!hasHarness && !declared.isEmpty()) {
      problems.add(
          declared.get(0)
              + " needs a target: declare a parameter of type OverloadHarness on method '"
              + name
              + "' and register the target with sendTo(...), sendAsyncTo(...) or"
              + " sendWithPool(...)");
    }
    if (hasHarness
        && drain.isPresent()
        && !Awaiting.isAvailable(method.getDeclaringClass().getClassLoader())) {
      problems.add(
          "@DrainsWithin needs org.awaitility:awaitility on the test class path to wait for the"
              + " drain: add it as a test dependency");
    }
    problems.throwIfAny();
    return new OverloadPlan(
        name,
        grace,
        setupTimeout,
        sampleEvery,
        settleLimit,
        load,
        keys,
        injection,
        methodInjections,
        queueBounds,
        drain,
        latencyBounds,
        verdict,
        silentLoss,
        thresholds[0],
        thresholds[1],
        probeGaps,
        report,
        hasHarness,
        autopsy,
        earlyStop);
  }

  /** Each {@link SlowMethod#phase()} must select a phase of the declared load. */
  private void checkPhases(List<MethodInjectionSpec> specs, LoadSpec load) {
    List<String> phases = load.profile().phases().stream().map(LoadPhase::name).toList();
    for (MethodInjectionSpec spec : specs) {
      spec.phase()
          .filter(p -> phases.stream().noneMatch(n -> n.equals(p) || n.startsWith(p + " ")))
          .ifPresent(
              p ->
                  problems.require(
                      false,
                      spec.source(),
                      "phase",
                      "\"\" or the name (or first words) of a phase of "
                          + load.source()
                          + ": "
                          + phases.stream().map(n -> "'" + n + "'").toList(),
                      p));
    }
  }

  /**
   * Whether {@code method} is a {@link CapacityTest} whose only Spillway overload annotation is
   * {@link StopWhenCertain}: the early stop of its trials, which the capacity extension reads.
   */
  static boolean isCapacityTrialStop(Method method) {
    return isAnnotated(method, CapacityTest.class)
        && !isAnnotated(method, OverloadTest.class)
        && !isAnnotated(method, Overload.class)
        && new PlanReader(method, method.getDeclaringClass())
            .declared()
            .equals(List.of("@StopWhenCertain"));
  }

  private List<String> declared() {
    List<String> found = new ArrayList<>();
    for (Class<? extends Annotation> type : DECLARATIONS) {
      if (isAnnotated(method, type)) {
        // a container stands for its element: @QueueBounds is shown as "@QueueBound"
        String shown =
            type == ConsumerStalls.class
                ? "@ConsumerStall"
                : type == QueueBounds.class
                    ? "@QueueBound"
                    : type == LatencyBounds.class ? "@LatencyBound" : "@" + type.getSimpleName();
        if (!found.contains(shown)) {
          found.add(shown);
        }
      }
    }
    return found;
  }

  private List<QueueBoundSpec> queueBounds() {
    List<QueueBoundSpec> bounds = new ArrayList<>();
    Set<String> queues = new HashSet<>();
    for (QueueBound b : findRepeatableAnnotations(method, QueueBound.class)) {
      boolean ok = problems.require(b.max() >= 1, "@QueueBound", "max", ">= 1", b.max());
      if (!queues.add(b.queue())) {
        ok = false;
        problems.add(
            "@QueueBound requires that queue be bounded once (\"\" stands for every watched"
                + " queue), but was "
                + ConfigProblems.show(b.queue())
                + " twice");
      }
      if (ok) {
        bounds.add(new QueueBoundSpec(b.max(), b.queue()));
      }
    }
    return bounds;
  }

  private Optional<DrainSpec> drain() {
    Optional<DrainsWithin> found = findAnnotation(method, DrainsWithin.class);
    if (found.isEmpty()) {
      return Optional.empty();
    }
    DrainsWithin d = found.get();
    Optional<Duration> within =
        problems.duration("@DrainsWithin", "value", d.value(), Duration.ZERO, true);
    boolean level = problems.require(d.level() >= 0, "@DrainsWithin", "level", ">= 0", d.level());
    if (within.isEmpty() || !level) {
      return Optional.empty();
    }
    return Optional.of(new DrainSpec(within.get(), d.level(), d.queue()));
  }

  private List<LatencySpec> latencyBounds() {
    List<LatencySpec> bounds = new ArrayList<>();
    Set<Double> seen = new HashSet<>();
    for (LatencyBound b : findRepeatableAnnotations(method, LatencyBound.class)) {
      boolean allowed = b.percentile() > 0 && b.percentile() <= 100; // false for NaN
      boolean ok =
          problems.require(
              allowed, "@LatencyBound", "percentile", "> 0 and <= 100", b.percentile());
      if (allowed && !seen.add(b.percentile())) {
        ok = false;
        problems.add(
            "@LatencyBound requires that percentile be bounded once, but was "
                + ConfigProblems.show(b.percentile())
                + " twice");
      }
      Optional<Duration> max =
          problems.duration("@LatencyBound", "max", b.max(), Duration.ZERO, true);
      if (ok && max.isPresent()) {
        bounds.add(new LatencySpec(b.percentile(), max.get()));
      }
    }
    return bounds;
  }

  private Optional<VerdictSpec> expectedVerdict() {
    Optional<ExpectVerdict> found = findAnnotation(method, ExpectVerdict.class);
    if (found.isEmpty()) {
      return Optional.empty();
    }
    ExpectVerdict e = found.get();
    if (e.value().length == 0) {
      problems.add("@ExpectVerdict requires that value be at least one verdict, but was {}");
      return Optional.empty();
    }
    return Optional.of(new VerdictSpec(EnumSet.copyOf(Arrays.asList(e.value())), e.queue()));
  }

  /**
   * The method's {@code @ReportAs}, attribute by attribute over those its composed annotations
   * carry, over the class's, over the defaults: a method that names only its design keeps the
   * scenario a composed annotation (a shared {@code @SeedSpike}, say) gives it.
   */
  private ReportLabels reportLabels() {
    List<Optional<ReportAs>> layers = new ArrayList<>();
    layers.add(findAnnotation(testClass, ReportAs.class));
    for (Annotation composed : method.getDeclaredAnnotations()) {
      if (!(composed instanceof ReportAs)) {
        layers.add(findAnnotation(composed.annotationType(), ReportAs.class));
      }
    }
    layers.add(Optional.ofNullable(method.getDeclaredAnnotation(ReportAs.class)));
    boolean template = isAnnotated(method, TestTemplate.class);
    String design = testClass.getSimpleName();
    String scenario =
        template && !isAnnotated(method, RepeatedTest.class)
            ? name + InvocationLabels.DEFAULT_SCENARIO_SUFFIX
            : name;
    for (Optional<ReportAs> found : layers) {
      if (found.isEmpty()) {
        continue;
      }
      ReportAs r = found.get();
      if (!r.design().isEmpty() && label("design", r.design(), template)) {
        design = r.design();
      }
      if (!r.scenario().isEmpty() && label("scenario", r.scenario(), template)) {
        scenario = r.scenario();
      }
    }
    return new ReportLabels(design, scenario);
  }

  /** Whether a declared label is valid: not blank, placeholders only on a test template. */
  private boolean label(String attribute, String value, boolean template) {
    return problems.require(!value.isBlank(), "@ReportAs", attribute, "not blank", value)
        && problems.require(
            template || !InvocationLabels.hasPlaceholder(value),
            "@ReportAs",
            attribute,
            "without placeholders ({0}, {arguments}, {index}) on method '"
                + name
                + "', which is not a @ParameterizedTest or @RepeatedTest",
            value);
  }

  /** {@code [failedShare, pushedBackShare]} from {@link VerdictThresholds}, or the defaults. */
  private double[] thresholds() {
    VerdictRules defaults = VerdictRules.defaults();
    double[] shares = {defaults.failureShare(), defaults.pushBackShare()};
    Optional<VerdictThresholds> found = findAnnotation(method, VerdictThresholds.class);
    if (found.isPresent()) {
      VerdictThresholds t = found.get();
      if (problems.require(
          Double.isFinite(t.failedShare()) && t.failedShare() >= 0 && t.failedShare() <= 1,
          "@VerdictThresholds",
          "failedShare",
          "a share in [0, 1]",
          t.failedShare())) {
        shares[0] = t.failedShare();
      }
      if (problems.require(
          Double.isFinite(t.pushedBackShare())
              && t.pushedBackShare() > 0
              && t.pushedBackShare() <= 1,
          "@VerdictThresholds",
          "pushedBackShare",
          "a share in (0, 1]",
          t.pushedBackShare())) {
        shares[1] = t.pushedBackShare();
      }
    }
    return shares;
  }

  private Optional<String> silentLoss() {
    Optional<AllowSilentLoss> found = findAnnotation(method, AllowSilentLoss.class);
    found.ifPresent(
        a ->
            problems.require(
                !a.value().isBlank(),
                "@AllowSilentLoss",
                "value",
                "a reason (not blank)",
                a.value()));
    return found.map(AllowSilentLoss::value);
  }

  private Optional<String> probeGaps() {
    Optional<AllowProbeGaps> found = findAnnotation(method, AllowProbeGaps.class);
    found.ifPresent(
        a ->
            problems.require(
                !a.value().isBlank(),
                "@AllowProbeGaps",
                "value",
                "a reason (not blank)",
                a.value()));
    return found.map(AllowProbeGaps::value);
  }

  private Optional<Duration> autopsy() {
    return findAnnotation(method, RecordAutopsy.class)
        .map(
            a ->
                problems
                    .duration(
                        "@RecordAutopsy",
                        "samplePeriod",
                        a.samplePeriod(),
                        Autopsy.MIN_SAMPLE_PERIOD,
                        false,
                        Autopsy.MAX_SAMPLE_PERIOD)
                    .orElse(Autopsy.DEFAULT_SAMPLE_PERIOD));
  }
}
