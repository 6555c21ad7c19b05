package dev.spillway.junit.internal;

import java.lang.reflect.Method;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * Everything a test's Spillway annotations declare, validated: the one value the extension and the
 * harness work from. Built by {@link #from(Method)}, which checks the whole configuration before
 * anything starts. Immutable.
 *
 * @param name the test method's name, used in thread names, the driver's and the recorder's
 * @param grace {@link dev.spillway.junit.OverloadTest#grace()}
 * @param setupTimeout {@link dev.spillway.junit.OverloadTest#setupTimeout()}
 * @param sampleEvery {@link dev.spillway.junit.OverloadTest#sampleEvery()}
 * @param load the declared load, if any
 * @param keys the declared key distribution, if any
 * @param injection the declared delay and stalls, if any
 * @param queueBounds the declared queue bounds
 * @param drain the declared drain bound, if any
 * @param latencyBounds the declared latency bounds
 * @param expectedVerdict the declared expected verdict, if any
 * @param silentLossAllowed why silent loss is allowed, if {@link
 *     dev.spillway.junit.AllowSilentLoss} is present
 * @param probeGapsAllowed why a run may be judged from the samples its probes could read, if {@link
 *     dev.spillway.junit.AllowProbeGaps} is present
 * @param report where the run goes in the report's survival matrix ({@link
 *     dev.spillway.junit.ReportAs}, or its defaults)
 * @param hasHarness whether the method declares an {@link dev.spillway.junit.OverloadHarness}
 *     parameter
 */
public record OverloadPlan(
    String name,
    Duration grace,
    Duration setupTimeout,
    Duration sampleEvery,
    Optional<LoadSpec> load,
    Optional<KeySpec> keys,
    Optional<InjectionSpec> injection,
    List<QueueBoundSpec> queueBounds,
    Optional<DrainSpec> drain,
    List<LatencySpec> latencyBounds,
    Optional<VerdictSpec> expectedVerdict,
    Optional<String> silentLossAllowed,
    Optional<String> probeGapsAllowed,
    ReportLabels report,
    boolean hasHarness) {

  /** Copies the lists. */
  public OverloadPlan {
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

  /** Whether no silent loss is checked (the default). */
  public boolean checksSilentLoss() {
    return silentLossAllowed.isEmpty();
  }

  /** Whether the test declares any bound (queue, drain, latency) or an expected verdict. */
  public boolean declaresBounds() {
    return !queueBounds.isEmpty()
        || drain.isPresent()
        || !latencyBounds.isEmpty()
        || expectedVerdict.isPresent();
  }
}
