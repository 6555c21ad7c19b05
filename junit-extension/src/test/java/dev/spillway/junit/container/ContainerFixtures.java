package dev.spillway.junit.container;

import java.util.Map;
import org.junit.platform.engine.DiscoverySelector;
import org.junit.platform.testkit.engine.EngineExecutionResults;
import org.junit.platform.testkit.engine.EngineTestKit;

/** Runs {@link ContainerFixture} classes through the Jupiter engine. */
final class ContainerFixtures {

  private ContainerFixtures() {}

  /**
   * Runs {@code selector} with {@code parameters}. Give {@link RequiresDocker#REQUIRED} unless the
   * fixture injects its environment, so that the build's real {@code CI} variable does not decide
   * what a fixture shows.
   */
  static EngineExecutionResults run(DiscoverySelector selector, Map<String, String> parameters) {
    return EngineTestKit.engine("junit-jupiter")
        .selectors(selector)
        .configurationParameter(ContainerFixture.ENABLED, "true")
        .configurationParameters(parameters)
        .execute();
  }
}
