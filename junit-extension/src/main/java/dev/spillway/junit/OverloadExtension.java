package dev.spillway.junit;

import dev.spillway.junit.internal.Deadline;
import dev.spillway.junit.internal.EarlyStopReader;
import dev.spillway.junit.internal.InvocationLabels;
import dev.spillway.junit.internal.OverloadPlan;
import dev.spillway.junit.internal.OwnThreads;
import dev.spillway.junit.internal.ReportIndex;
import dev.spillway.junit.internal.ReportLabels;
import dev.spillway.junit.internal.ReportSettings;
import dev.spillway.junit.internal.Resources;
import dev.spillway.junit.internal.RunReporting;
import java.lang.reflect.Method;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ExtensionContext.Namespace;
import org.junit.jupiter.api.extension.ExtensionContext.Store;
import org.junit.jupiter.api.extension.InvocationInterceptor;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolutionException;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.junit.jupiter.api.extension.ReflectiveInvocationContext;

/**
 * The extension behind {@link OverloadTest}, {@link Overload} and the other Spillway annotations:
 * validates the annotations before anything else ({@link BeforeEachCallback}), injects the {@link
 * OverloadHarness} ({@link ParameterResolver}) and runs the body under the watchdog ({@link
 * InvocationInterceptor}; for an invocation of a test template, after filling its report labels).
 * Everything it starts lives in the test's store under {@link #NAMESPACE} and is closed, in reverse
 * order, when the test ends.
 */
final class OverloadExtension
    implements BeforeEachCallback, ParameterResolver, InvocationInterceptor {

  static final Namespace NAMESPACE = Namespace.create(OverloadExtension.class);

  private static final String PLAN = "plan";
  private static final String HARNESS = "harness";
  private static final String DEADLINE = "deadline";
  private static final String EARLY_STOP_OFF = "early-stop-off";
  private static final String REPORT_SETTINGS = "report-settings";
  private static final String REPORT_INDEX = "report-index";

  @Override
  public void beforeEach(ExtensionContext context) {
    Method method = context.getRequiredTestMethod();
    if (OverloadPlan.isCapacityTrialStop(method)) {
      return; // @StopWhenCertain on a @CapacityTest: CapacityExtension reads it, for the trials
    }
    OverloadPlan declared = OverloadPlan.from(method, context.getRequiredTestClass());
    int invocation = InvocationLabels.indexOf(context.getUniqueId());
    OverloadPlan plan = invocation == 0 ? declared : declared.forInvocation(invocation);
    boolean earlyStopOff = EarlyStopReader.switchedOff(context::getConfigurationParameter);
    if (earlyStopOff) {
      plan = plan.withoutEarlyStop();
    }
    ReportSettings report = ReportSettings.read(context::getConfigurationParameter);
    Store store = context.getStore(NAMESPACE);
    store.put(PLAN, plan);
    store.put(EARLY_STOP_OFF, earlyStopOff);
    store.put(REPORT_SETTINGS, report);
    store.put("threads", new OwnThreads(plan.name())); // the first in, so the last closed
  }

  @Override
  public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
    return parameter.getParameter().getType() == OverloadHarness.class;
  }

  @Override
  public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
    Method test = context.getTestMethod().orElse(null);
    if (!parameter.getDeclaringExecutable().equals(test)) {
      throw new ParameterResolutionException(
          "an OverloadHarness can only be a parameter of the @OverloadTest method itself, not of "
              + parameter.getDeclaringExecutable());
    }
    Store store = context.getStore(NAMESPACE);
    OverloadPlan plan = store.get(PLAN, OverloadPlan.class);
    if (plan == null) {
      throw new ParameterResolutionException(
          "an OverloadHarness needs @OverloadTest on " + parameter.getDeclaringExecutable());
    }
    return store.getOrComputeIfAbsent(
        HARNESS,
        key ->
            new OverloadHarness(
                plan,
                new Resources(store),
                deadline(store, plan),
                line -> {
                  context.publishReportEntry(OverloadResult.REPORT_KEY, line);
                  System.out.println("[" + OverloadResult.REPORT_KEY + "] " + line);
                },
                reporting(context, store, plan),
                OverloadHooks.of(context),
                Boolean.TRUE.equals(store.get(EARLY_STOP_OFF, Boolean.class))),
        OverloadHarness.class);
  }

  /**
   * The test's reporting; the index of reports lives in the root store, which JUnit closes (and so
   * writes each report's index page once and prints where it is) once every test has run.
   */
  private static RunReporting reporting(ExtensionContext context, Store store, OverloadPlan plan) {
    return new RunReporting(
        store.get(REPORT_SETTINGS, ReportSettings.class),
        reportIndex(context),
        testName(context, plan),
        plan.report(),
        System.out,
        System.err);
  }

  /** The test execution's one index of reports (capacity tests note their runs in it too). */
  static ReportIndex reportIndex(ExtensionContext context) {
    return context
        .getRoot()
        .getStore(NAMESPACE)
        .getOrComputeIfAbsent(
            REPORT_INDEX, key -> new ReportIndex(System.out, System.err), ReportIndex.class);
  }

  /**
   * The run's name: {@code Class.method}, and {@code Class.method[index]} for an invocation of a
   * test template (the plan's name says which).
   */
  private static String testName(ExtensionContext context, OverloadPlan plan) {
    return context.getRequiredTestClass().getSimpleName() + "." + plan.name();
  }

  @Override
  public void interceptTestTemplateMethod(
      Invocation<Void> invocation,
      ReflectiveInvocationContext<Method> invocationContext,
      ExtensionContext context)
      throws Throwable {
    Store store = context.getStore(NAMESPACE);
    OverloadPlan plan = store.get(PLAN, OverloadPlan.class);
    OverloadHarness harness = store.get(HARNESS, OverloadHarness.class);
    if (plan != null && harness != null) {
      ReportLabels labels =
          InvocationLabels.fill(
              plan.report(),
              context.getRequiredTestMethod().getName(),
              InvocationLabels.indexOf(context.getUniqueId()),
              invocationContext.getArguments());
      harness.reportAs(labels.design(), labels.scenario());
    }
    interceptTestMethod(invocation, invocationContext, context);
  }

  @Override
  public void interceptTestMethod(
      Invocation<Void> invocation,
      ReflectiveInvocationContext<Method> invocationContext,
      ExtensionContext context)
      throws Throwable {
    Store store = context.getStore(NAMESPACE);
    OverloadPlan plan = store.get(PLAN, OverloadPlan.class);
    if (plan == null) {
      invocation.proceed(); // a capacity test's early stop: beforeEach left it to its extension
      return;
    }
    OverloadHarness harness = store.get(HARNESS, OverloadHarness.class);
    BodySupervisor.run(invocation, plan.name(), harness, deadline(store, plan));
  }

  private static Deadline deadline(Store store, OverloadPlan plan) {
    return store.getOrComputeIfAbsent(
        DEADLINE, key -> new Deadline(System.nanoTime(), plan.setupTimeout()), Deadline.class);
  }
}
