package dev.spillway.junit;

import dev.spillway.junit.internal.ConfigProblems;
import dev.spillway.junit.internal.EarlyStopReader;
import dev.spillway.junit.internal.ReportLabels;
import dev.spillway.junit.internal.ReportSettings;
import dev.spillway.junit.internal.RunReporting;
import dev.spillway.toolkit.capacity.CapacityResult;
import java.lang.reflect.Method;
import java.util.Locale;
import java.util.Optional;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ExtensionContext.Namespace;
import org.junit.jupiter.api.extension.ExtensionContext.Store;
import org.junit.jupiter.api.extension.InvocationInterceptor;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolutionException;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.junit.jupiter.api.extension.ReflectiveInvocationContext;
import org.opentest4j.AssertionFailedError;

/**
 * The extension behind {@link CapacityTest} and {@link CapacityAtLeast}, and behind {@link
 * StopWhenCertain} on a capacity test: checks the attributes and the switch {@value
 * StopWhenCertain#SWITCH} before anything else, injects the {@link CapacityHarness}, and after the
 * body checks the floor against the harness's last result.
 */
final class CapacityExtension
    implements BeforeEachCallback, ParameterResolver, InvocationInterceptor {

  static final Namespace NAMESPACE = Namespace.create(CapacityExtension.class);

  private static final String SETTINGS = "settings";
  private static final String HARNESS = "harness";

  @Override
  public void beforeEach(ExtensionContext context) {
    CapacitySettings settings = CapacitySettings.of(context.getRequiredTestMethod());
    if (EarlyStopReader.switchedOff(context::getConfigurationParameter)) {
      settings = settings.withoutEarlyStop();
    }
    context.getStore(NAMESPACE).put(SETTINGS, settings);
  }

  @Override
  public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
    return parameter.getParameter().getType() == CapacityHarness.class;
  }

  @Override
  public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
    Store store = context.getStore(NAMESPACE);
    CapacitySettings settings = store.get(SETTINGS, CapacitySettings.class);
    if (settings == null
        || !parameter.getDeclaringExecutable().equals(context.getTestMethod().orElse(null))) {
      throw new ParameterResolutionException(
          "a CapacityHarness can only be a parameter of the @CapacityTest method itself, not of "
              + parameter.getDeclaringExecutable());
    }
    return store.getOrComputeIfAbsent(
        HARNESS,
        key ->
            new CapacityHarness(
                settings,
                line -> {
                  context.publishReportEntry(OverloadResult.REPORT_KEY, line);
                  System.out.println("[" + OverloadResult.REPORT_KEY + "] " + line);
                },
                new RunReporting(
                    ReportSettings.read(context::getConfigurationParameter),
                    OverloadExtension.reportIndex(context),
                    context.getRequiredTestClass().getSimpleName() + "." + settings.name(),
                    new ReportLabels(settings.name(), RunReporting.CAPACITY_SCENARIO),
                    System.out,
                    System.err)),
        CapacityHarness.class);
  }

  @Override
  public void interceptTestMethod(
      Invocation<Void> invocation,
      ReflectiveInvocationContext<Method> invocationContext,
      ExtensionContext context)
      throws Throwable {
    invocation.proceed();
    Store store = context.getStore(NAMESPACE);
    CapacitySettings settings = store.get(SETTINGS, CapacitySettings.class);
    if (settings == null || settings.floor().isEmpty()) {
      return;
    }
    CapacityHarness harness = store.get(HARNESS, CapacityHarness.class);
    Optional<CapacityResult> result = harness == null ? Optional.empty() : harness.lastResult();
    checkFloor(settings.floor().getAsDouble(), result)
        .ifPresent(
            message -> {
              throw new AssertionFailedError(message);
            });
  }

  /** Why the capacity found is below {@code floor}, or empty when it is not. */
  static Optional<String> checkFloor(double floor, Optional<CapacityResult> found) {
    String gate = "the floor of @CapacityAtLeast(perSecond = " + ConfigProblems.show(floor) + ")";
    if (found.isEmpty()) {
      return Optional.of(
          "no capacity to hold against "
              + gate
              + ": the test's body ran no search (call CapacityHarness.findCapacity)");
    }
    CapacityResult result = found.get();
    double knee = result.knee().orElse(0);
    if (result.knee().isPresent() && knee >= floor) {
      return Optional.empty();
    }
    return Optional.of(
        String.format(
            Locale.ROOT,
            "capacity %s is below %s: %s; μ at saturation %s",
            result.knee().isPresent()
                ? String.format(Locale.ROOT, "%.1f/s", knee)
                : "(no rate sustained)",
            gate,
            CapacityLines.knee(result),
            result.saturatedServiceRate().isPresent()
                ? String.format(Locale.ROOT, "%.1f/s", result.saturatedServiceRate().getAsDouble())
                : "n/a"));
  }
}
