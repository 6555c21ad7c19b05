package dev.spillway.junit;

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
 * Marks a fixture: a test class that is run only through the engine by {@link Fixtures} (it sets
 * the configuration parameter {@value #ENABLED}), never directly by Surefire or an IDE, since many
 * fixtures fail on purpose.
 */
@Target(TYPE)
@Retention(RUNTIME)
@ExtendWith(Fixture.OnlyThroughFixtures.class)
public @interface Fixture {

  /** The configuration parameter that enables fixtures. */
  String ENABLED = "spillway.fixtures.enabled";

  /** Disables fixtures unless {@link #ENABLED} is "true". */
  final class OnlyThroughFixtures implements ExecutionCondition {
    @Override
    public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
      Optional<String> enabled = context.getConfigurationParameter(ENABLED);
      return enabled.filter("true"::equals).isPresent()
          ? ConditionEvaluationResult.enabled("run by Fixtures")
          : ConditionEvaluationResult.disabled("a fixture: run only through Fixtures");
    }
  }
}
