package dev.spillway.junit.container;

import static java.lang.annotation.ElementType.TYPE;
import static java.lang.annotation.RetentionPolicy.RUNTIME;

import java.lang.annotation.Retention;
import java.lang.annotation.Target;
import java.util.Optional;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Marks a fixture of this package's tests: a class run only through {@link ContainerFixtures#run},
 * never directly by Surefire or an IDE, since fixtures fail on purpose.
 */
@Target(TYPE)
@Retention(RUNTIME)
@ExtendWith(ContainerFixture.OnlyThroughTheTestKit.class)
@interface ContainerFixture {

  /** The configuration parameter that enables fixtures. */
  String ENABLED = "spillway.container.fixtures.enabled";

  /** Disables fixtures unless {@link #ENABLED} is "true". */
  final class OnlyThroughTheTestKit implements ExecutionCondition {
    @Override
    public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
      Optional<String> enabled = context.getConfigurationParameter(ENABLED);
      return enabled.filter("true"::equals).isPresent()
          ? ConditionEvaluationResult.enabled("run through the test kit")
          : ConditionEvaluationResult.disabled("a fixture: run only through the test kit");
    }
  }
}
