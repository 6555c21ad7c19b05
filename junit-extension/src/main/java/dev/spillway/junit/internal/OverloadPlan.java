package dev.spillway.junit.internal;

import static org.apiguardian.api.API.Status.INTERNAL;

import dev.spillway.toolkit.ledger.SettleRules;
import dev.spillway.toolkit.verdict.EarlyStop;
import dev.spillway.toolkit.verdict.Verdict;
import dev.spillway.toolkit.verdict.VerdictRules;
import java.lang.reflect.Method;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.apiguardian.api.API;

/**
 * Everything a test's Spillway annotations declare, validated: the one value the extension and the
 * harness work from. Built by {@link #from(Method)}, which checks the whole configuration before
 * anything starts. Immutable.
 *
 * @param name the test method's name ({@code method[index]} for an invocation of a test template),
 *     used in thread names, the driver's and the recorder's
 * @param grace {@link dev.spillway.junit.OverloadTest#grace()}
 * @param setupTimeout {@link dev.spillway.junit.OverloadTest#setupTimeout()}
 * @param sampleEvery {@link dev.spillway.junit.OverloadTest#sampleEvery()}
 * @param settleLimit {@link dev.spillway.junit.OverloadTest#settleLimit()}
 * @param load the declared load, if any
 * @param keys the declared key distribution, if any
 * @param injection the declared delay and stalls, if any
 * @param methodInjections the declared {@link dev.spillway.junit.SlowMethod}s, checked
 * @param queueBounds the declared queue bounds
 * @param drain the declared drain bound, if any
 * @param latencyBounds the declared latency bounds
 * @param expectedVerdict the declared expected verdict, if any
 * @param silentLossAllowed why silent loss is allowed, if {@link
 *     dev.spillway.junit.AllowSilentLoss} is present
 * @param failedShare {@link dev.spillway.junit.VerdictThresholds#failedShare()}
 * @param pushedBackShare {@link dev.spillway.junit.VerdictThresholds#pushedBackShare()}
 * @param probeGapsAllowed why a run may be judged from the samples its probes could read, if {@link
 *     dev.spillway.junit.AllowProbeGaps} is present
 * @param report where the run goes in the report's survival matrix ({@link
 *     dev.spillway.junit.ReportAs}, or its defaults)
 * @param hasHarness whether the method declares an {@link dev.spillway.junit.OverloadHarness}
 *     parameter
 * @param autopsy the sample period of the declared {@link dev.spillway.junit.RecordAutopsy}, if any
 * @param earlyStop when the load may stop early, from the declared {@link
 *     dev.spillway.junit.StopWhenCertain}, if any
 */
@API(status = INTERNAL, since = "0.1")
public record OverloadPlan(
    String name,
    Duration grace,
    Duration setupTimeout,
    Duration sampleEvery,
    Duration settleLimit,
    Optional<LoadSpec> load,
    Optional<KeySpec> keys,
    Optional<InjectionSpec> injection,
    List<MethodInjectionSpec> methodInjections,
    List<QueueBoundSpec> queueBounds,
    Optional<DrainSpec> drain,
    List<LatencySpec> latencyBounds,
    Optional<VerdictSpec> expectedVerdict,
    Optional<String> silentLossAllowed,
    double failedShare,
    double pushedBackShare,
    Optional<String> probeGapsAllowed,
    ReportLabels report,
    boolean hasHarness,
    Optional<Duration> autopsy,
    Optional<EarlyStop> earlyStop) {

  /** Copies the lists. */
  public OverloadPlan {
    methodInjections = List.copyOf(methodInjections);
    queueBounds = List.copyOf(queueBounds);
    latencyBounds = List.copyOf(latencyBounds);
  }

  /**
   * Reads and validates every Spillway annotation of {@code method}, directly present or
   * meta-present, all at once.
   *
   * @throws org.junit.jupiter.api.extension.ExtensionConfigurationException naming every problem
   *     found: annotation, attribute, value and the allowed range
   */
  public static OverloadPlan from(Method method) {
    return from(method, method.getDeclaringClass());
  }

  /**
   * Like {@link #from(Method)}, for {@code method} run as a test of {@code testClass} (its class or
   * a subclass), whose {@link dev.spillway.junit.ReportAs} and name give the report's defaults.
   */
  public static OverloadPlan from(Method method, Class<?> testClass) {
    return new PlanReader(method, testClass).read();
  }

  /**
   * Whether {@code method} is a {@link dev.spillway.junit.CapacityTest} whose only Spillway
   * overload annotation is {@link dev.spillway.junit.StopWhenCertain}: no overload plan to read,
   * the early stop is its trials', read by the capacity extension.
   */
  public static boolean isCapacityTrialStop(Method method) {
    return PlanReader.isCapacityTrialStop(method);
  }

  /**
   * This plan for invocation {@code index} (from 1) of a test template: named {@code
   * method[index]}, so that its summary, threads and report tell the invocations apart.
   */
  public OverloadPlan forInvocation(int index) {
    return new OverloadPlan(
        name + "[" + index + "]",
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
        expectedVerdict,
        silentLossAllowed,
        failedShare,
        pushedBackShare,
        probeGapsAllowed,
        report,
        hasHarness,
        autopsy,
        earlyStop);
  }

  /**
   * This plan with its load run to the end whatever it shows: the declared {@link
   * dev.spillway.junit.StopWhenCertain} switched off by {@link
   * dev.spillway.junit.StopWhenCertain#SWITCH}.
   */
  public OverloadPlan withoutEarlyStop() {
    return withEarlyStop(Optional.empty());
  }

  /**
   * This plan stopping its load as {@code stop} says (empty: running it to the end), in place of
   * what {@link dev.spillway.junit.StopWhenCertain} declares: the harness's {@code
   * stopWhenCertain(...)}, decided in code.
   */
  public OverloadPlan withEarlyStop(Optional<EarlyStop> stop) {
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
        expectedVerdict,
        silentLossAllowed,
        failedShare,
        pushedBackShare,
        probeGapsAllowed,
        report,
        hasHarness,
        autopsy,
        stop);
  }

  /**
   * Whether the run fails when messages are lost silently: the default, unless {@link
   * dev.spillway.junit.AllowSilentLoss} opts out or {@link dev.spillway.junit.ExpectVerdict}
   * accepts {@link Verdict#LOST} (the expectation then judges the loss).
   */
  public boolean checksSilentLoss() {
    return silentLossAllowed.isEmpty()
        && expectedVerdict.map(v -> !v.verdicts().contains(Verdict.LOST)).orElse(true);
  }

  /** The toolkit's verdict rules with this plan's thresholds. */
  public VerdictRules verdictRules() {
    return VerdictRules.defaults().withFailureShare(failedShare).withPushBackShare(pushedBackShare);
  }

  /** The toolkit's settle rules with this plan's limit. */
  public SettleRules settleRules() {
    return SettleRules.defaults().withLimit(settleLimit);
  }

  /** Whether the test declares any bound (queue, drain, latency) or an expected verdict. */
  public boolean declaresBounds() {
    return !queueBounds.isEmpty()
        || drain.isPresent()
        || !latencyBounds.isEmpty()
        || expectedVerdict.isPresent();
  }
}
