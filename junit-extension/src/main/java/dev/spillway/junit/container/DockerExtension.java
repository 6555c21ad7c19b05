package dev.spillway.junit.container;

import java.lang.reflect.AnnotatedElement;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import org.junit.jupiter.api.Disabled;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.LifecycleMethodExecutionExceptionHandler;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.junit.jupiter.api.extension.TestExecutionExceptionHandler;
import org.junit.jupiter.api.extension.TestWatcher;
import org.junit.platform.commons.support.AnnotationSupport;
import org.opentest4j.TestAbortedException;

/**
 * The extension behind {@link RequiresDocker}: skips (or, when Docker is required, fails) where
 * Docker is missing; when Docker is required, turns an aborted test into a failure and makes a
 * class fail that had container tests skipped by another condition; resolves {@link DockerChaos}.
 * The environment is read once per test run (the root store).
 */
final class DockerExtension
    implements ExecutionCondition,
        BeforeAllCallback,
        ParameterResolver,
        TestExecutionExceptionHandler,
        LifecycleMethodExecutionExceptionHandler,
        TestWatcher {

  private static final ExtensionContext.Namespace NAMESPACE =
      ExtensionContext.Namespace.create(DockerExtension.class);

  private final Supplier<DockerEnvironment> environment;

  /** Reads this JVM's environment; used by {@link RequiresDocker}. */
  DockerExtension() {
    this(DockerEnvironment::current);
  }

  /** Reads {@code environment} instead: for tests of the extension. */
  DockerExtension(Supplier<DockerEnvironment> environment) {
    this.environment = environment;
  }

  /** The outcome of the environment check, kept for the whole run. */
  private record Check(Optional<String> obstacle) {}

  @Override
  public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
    boolean buildsImages = buildsImages(context);
    DockerEnvironment env = environment(context);
    Check check =
        root(context)
            .getOrComputeIfAbsent(
                List.of(Check.class, buildsImages),
                k -> new Check(env.obstacle(buildsImages)),
                Check.class);
    return decide(requirement(context), check.obstacle());
  }

  /**
   * Enabled when nothing is in the way; else disabled with the reason, or, when Docker is required,
   * an {@link IllegalStateException} that fails the test.
   */
  static ConditionEvaluationResult decide(Requirement requirement, Optional<String> obstacle) {
    if (obstacle.isEmpty()) {
      return ConditionEvaluationResult.enabled("Docker is available");
    }
    if (requirement.required()) {
      throw new IllegalStateException(
          requirement.source()
              + " requires the container tests to run, but they cannot: "
              + obstacle.get());
    }
    return ConditionEvaluationResult.disabled(
        "container test skipped: "
            + obstacle.get()
            + " (with CI=true or "
            + RequiresDocker.REQUIRED
            + "=true this fails instead)");
  }

  /**
   * A {@code @Nested} class marked {@code @Disabled} is never evaluated: its outer class says so.
   */
  @Override
  public void beforeAll(ExtensionContext context) {
    Requirement requirement = requirement(context);
    if (!requirement.required()) {
      return;
    }
    for (Class<?> nested : context.getRequiredTestClass().getDeclaredClasses()) {
      if (AnnotationSupport.isAnnotated(nested, Nested.class)) {
        AnnotationSupport.findAnnotation(nested, Disabled.class)
            .ifPresent(
                disabled ->
                    skippedIn(context, requirement)
                        .add(
                            nested.getName() + " (@Nested)",
                            disabled.value().isBlank()
                                ? "@Disabled"
                                : "@Disabled(\"" + disabled.value() + "\")"));
      }
    }
  }

  /** A test method skipped by any condition, while Docker is required. */
  @Override
  public void testDisabled(ExtensionContext context, Optional<String> reason) {
    Requirement requirement = requirement(context);
    if (!requirement.required()) {
      return;
    }
    ExtensionContext parent = context.getParent().orElseThrow();
    String test =
        context.getRequiredTestClass().getName()
            + "#"
            + context.getTestMethod().map(m -> m.getName()).orElse(context.getDisplayName());
    skippedIn(parent, requirement).add(test, reason.orElse("disabled"));
  }

  private static SkippedTests skippedIn(ExtensionContext classContext, Requirement requirement) {
    return classContext
        .getStore(NAMESPACE)
        .getOrComputeIfAbsent(
            List.of(SkippedTests.class, classContext.getUniqueId()),
            k -> new SkippedTests(classContext.getDisplayName(), requirement),
            SkippedTests.class);
  }

  @Override
  public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
    return parameter.getParameter().getType() == DockerChaos.class;
  }

  @Override
  public DockerChaos resolveParameter(ParameterContext parameter, ExtensionContext context) {
    // keyed by the context, not only the type: a store lookup also finds its parents' values, and
    // what a test injects must be undone when that test ends, not when its class does
    Leftovers leftovers =
        context
            .getStore(NAMESPACE)
            .getOrComputeIfAbsent(
                List.of(Leftovers.class, context.getUniqueId()),
                k -> new Leftovers(),
                Leftovers.class);
    return new DockerChaos(leftovers);
  }

  @Override
  public void handleTestExecutionException(ExtensionContext context, Throwable throwable)
      throws Throwable {
    throw failIfRequired(
        requirement(context),
        throwable,
        context.getTestMethod().map(m -> m.getName()).orElse(context.getDisplayName()));
  }

  @Override
  public void handleBeforeAllMethodExecutionException(ExtensionContext context, Throwable throwable)
      throws Throwable {
    throw failIfRequired(
        requirement(context), throwable, "@BeforeAll of " + context.getDisplayName());
  }

  @Override
  public void handleBeforeEachMethodExecutionException(
      ExtensionContext context, Throwable throwable) throws Throwable {
    throw failIfRequired(
        requirement(context), throwable, "@BeforeEach of " + context.getDisplayName());
  }

  /** An aborted test (a failed assumption) is a failure when Docker is required. */
  static Throwable failIfRequired(Requirement requirement, Throwable throwable, String where) {
    if (throwable instanceof TestAbortedException && requirement.required()) {
      return new AssertionError(
          requirement.source()
              + " requires the container tests to run, but "
              + where
              + " was aborted: "
              + throwable.getMessage(),
          throwable);
    }
    return throwable;
  }

  private DockerEnvironment environment(ExtensionContext context) {
    return root(context)
        .getOrComputeIfAbsent(
            DockerEnvironment.class, k -> environment.get(), DockerEnvironment.class);
  }

  private Requirement requirement(ExtensionContext context) {
    Optional<String> parameter = context.getConfigurationParameter(RequiresDocker.REQUIRED);
    boolean ci = environment(context).ci();
    return root(context)
        .getOrComputeIfAbsent(
            Requirement.class, k -> Requirement.of(parameter, ci), Requirement.class);
  }

  /** Whether a {@link RequiresDocker} of the element or of an enclosing one builds images. */
  private static boolean buildsImages(ExtensionContext context) {
    for (Optional<ExtensionContext> c = Optional.of(context);
        c.isPresent() && c.get().getParent().isPresent();
        c = c.get().getParent()) {
      Optional<AnnotatedElement> element = c.get().getElement();
      if (element.isPresent()
          && AnnotationSupport.findAnnotation(element.get(), RequiresDocker.class)
              .map(RequiresDocker::buildsImages)
              .orElse(false)) {
        return true;
      }
    }
    return false;
  }

  private static ExtensionContext.Store root(ExtensionContext context) {
    return context.getRoot().getStore(NAMESPACE);
  }
}
