package dev.spillway.samples.container;

import java.lang.reflect.Method;
import java.util.Optional;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.LifecycleMethodExecutionExceptionHandler;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.junit.jupiter.api.extension.TestExecutionExceptionHandler;
import org.opentest4j.TestAbortedException;

/**
 * The extension behind {@link RequiresDocker}: skips (or, when {@code CI=true}, fails) where Docker
 * is missing, turns an aborted test into a failure when {@code CI=true}, and resolves the run's
 * {@link SampleTargetImage}. The Docker check runs once per test run.
 */
final class DockerExtension
    implements ExecutionCondition,
        ParameterResolver,
        TestExecutionExceptionHandler,
        LifecycleMethodExecutionExceptionHandler {

  private static final ExtensionContext.Namespace NAMESPACE =
      ExtensionContext.Namespace.create(DockerExtension.class);

  /** The outcome of the environment check, kept for the whole run. */
  private record Check(boolean required, Optional<String> obstacle) {}

  @Override
  public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
    Check check = check(context);
    return decide(check.required(), check.obstacle());
  }

  private static Check check(ExtensionContext context) {
    return context
        .getRoot()
        .getStore(NAMESPACE)
        .getOrComputeIfAbsent(
            Check.class,
            k -> {
              DockerEnvironment environment = DockerEnvironment.current();
              return new Check(environment.required(), environment.obstacle());
            },
            Check.class);
  }

  /**
   * Enabled when nothing is in the way; else disabled with the reason, or, when Docker is required,
   * an {@link IllegalStateException} that fails the test.
   */
  static ConditionEvaluationResult decide(boolean required, Optional<String> obstacle) {
    if (obstacle.isEmpty()) {
      return ConditionEvaluationResult.enabled("Docker is available");
    }
    if (required) {
      throw new IllegalStateException(
          "CI=true requires the container tests to run, but they cannot: " + obstacle.get());
    }
    return ConditionEvaluationResult.disabled(
        "container test skipped: " + obstacle.get() + " (with CI=true this fails instead)");
  }

  @Override
  public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
    return parameter.getParameter().getType() == SampleTargetImage.class;
  }

  @Override
  public SampleTargetImage resolveParameter(ParameterContext parameter, ExtensionContext context) {
    // built once for the whole run; the root store closes it (removing the image) at the end
    return context
        .getRoot()
        .getStore(NAMESPACE)
        .getOrComputeIfAbsent(
            SampleTargetImage.class, k -> SampleTargetImage.build(), SampleTargetImage.class);
  }

  @Override
  public void handleTestExecutionException(ExtensionContext context, Throwable throwable)
      throws Throwable {
    throw failIfRequired(
        required(context), throwable, context.getTestMethod().map(Method::getName).orElse("?"));
  }

  @Override
  public void handleBeforeAllMethodExecutionException(ExtensionContext context, Throwable throwable)
      throws Throwable {
    throw failIfRequired(required(context), throwable, "@BeforeAll of " + context.getDisplayName());
  }

  @Override
  public void handleBeforeEachMethodExecutionException(
      ExtensionContext context, Throwable throwable) throws Throwable {
    throw failIfRequired(
        required(context), throwable, "@BeforeEach of " + context.getDisplayName());
  }

  private static boolean required(ExtensionContext context) {
    return check(context).required();
  }

  /** An aborted test (a failed assumption) is a failure when Docker is required. */
  static Throwable failIfRequired(boolean required, Throwable throwable, String where) {
    if (throwable instanceof TestAbortedException && required) {
      return new AssertionError(
          "CI=true requires the container tests to run, but " + where + " was aborted", throwable);
    }
    return throwable;
  }
}
