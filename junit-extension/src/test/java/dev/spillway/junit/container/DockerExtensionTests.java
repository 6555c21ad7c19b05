package dev.spillway.junit.container;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;
import static org.junit.platform.testkit.engine.EventConditions.abortedWithReason;
import static org.junit.platform.testkit.engine.EventConditions.container;
import static org.junit.platform.testkit.engine.EventConditions.event;
import static org.junit.platform.testkit.engine.EventConditions.finishedSuccessfully;
import static org.junit.platform.testkit.engine.EventConditions.finishedWithFailure;
import static org.junit.platform.testkit.engine.EventConditions.skippedWithReason;
import static org.junit.platform.testkit.engine.EventConditions.test;
import static org.junit.platform.testkit.engine.TestExecutionResultConditions.cause;
import static org.junit.platform.testkit.engine.TestExecutionResultConditions.instanceOf;
import static org.junit.platform.testkit.engine.TestExecutionResultConditions.message;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Disabled;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.DisabledIfSystemProperty;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.platform.testkit.engine.EngineExecutionResults;

/**
 * {@link RequiresDocker} run through the engine: skip or fail without Docker, and, when Docker is
 * required, no container test skipped silently — aborted, {@code @Disabled}, or disabled by another
 * condition. The environment (the {@code CI} flag, whether Docker answers) is injected, so these
 * tests need no Docker and do not depend on the build's own {@code CI}.
 */
class DockerExtensionTests {

  private static final Map<String, String> REQUIRED = Map.of(RequiresDocker.REQUIRED, "true");
  private static final Map<String, String> NOT_REQUIRED = Map.of(RequiresDocker.REQUIRED, "false");

  /** An environment where Docker answers, or not, with {@code CI=true} or not. */
  static DockerEnvironment environment(boolean docker, boolean ci) {
    Map<String, String> env = new HashMap<>(DockerRequirementTest.TESTCONTAINERS_ENV);
    if (ci) {
      env.put("CI", "true");
    }
    return new DockerEnvironment(
        env,
        DockerRequirementTest.LINUX,
        () -> docker ? Optional.empty() : Optional.of("connection refused"));
  }

  private static EngineExecutionResults run(Class<?> fixture, Map<String, String> parameters) {
    return ContainerFixtures.run(selectClass(fixture), parameters);
  }

  @Nested
  class WhenDockerIsRequired {

    @Test
    void disabledTestMethods_failTheirClass_namingEachTestAndItsReason() {
      EngineExecutionResults results = run(DisabledMethods.class, REQUIRED);

      results.testEvents().assertStatistics(s -> s.succeeded(1).skipped(2).failed(0));
      results
          .containerEvents()
          .assertThatEvents()
          .haveExactly(
              1,
              event(
                  container(DisabledMethods.class),
                  finishedWithFailure(
                      instanceOf(AssertionError.class),
                      message(
                          m ->
                              m.startsWith(
                                      "spillway.docker.required=true requires the container tests"
                                          + " to run, but 2 container tests of DockerExtensionTests$DisabledMethods were"
                                          + " skipped: ")
                                  && m.contains(
                                      DisabledMethods.class.getName()
                                          + "#flaky (waiting for a fix)")
                                  && m.contains(
                                      DisabledMethods.class.getName()
                                          + "#byAnotherCondition (System property [java.version]")
                                  && m.contains("==> on every JVM)")
                                  && m.contains("lets the build pass without having run it")))));
    }

    @Test
    void theCiVariable_requiresDocker_whenTheParameterIsNotSet() {
      EngineExecutionResults results = run(DisabledMethodsOnCi.class, Map.of());

      results
          .containerEvents()
          .assertThatEvents()
          .haveExactly(
              1,
              event(
                  container(DisabledMethodsOnCi.class),
                  finishedWithFailure(
                      message(
                          m ->
                              m.startsWith(
                                  "CI=true requires the container tests to run, but 1 container test"
                                      + " of DockerExtensionTests$DisabledMethodsOnCi was skipped: ")))));
    }

    @Test
    void aDisabledMethodMarkedAlone_failsItsClass_andOtherDisabledTestsDoNot() {
      EngineExecutionResults results = run(MethodMarked.class, REQUIRED);

      results.testEvents().assertStatistics(s -> s.succeeded(1).skipped(2));
      results
          .containerEvents()
          .assertThatEvents()
          .haveExactly(
              1,
              event(
                  container(MethodMarked.class),
                  finishedWithFailure(
                      message(
                          m ->
                              m.contains(
                                      "1 container test of DockerExtensionTests$MethodMarked was skipped: ")
                                  && m.contains("#container (waiting for a fix)")
                                  && !m.contains("notAContainerTest")))));
    }

    @Test
    void aDisabledNestedClass_failsItsOuterClass() {
      EngineExecutionResults results = run(WithDisabledNested.class, REQUIRED);

      results
          .containerEvents()
          .assertThatEvents()
          .haveExactly(
              1,
              event(
                  container(WithDisabledNested.class),
                  finishedWithFailure(
                      message(
                          m ->
                              m.contains(
                                  WithDisabledNested.Later.class.getName()
                                      + " (@Nested) (@Disabled(\"later\"))")))));
    }

    @Test
    void anAbortedTest_fails() {
      EngineExecutionResults results = run(Aborts.class, REQUIRED);

      results
          .testEvents()
          .assertThatEvents()
          .haveExactly(
              1,
              event(
                  test("assumesAGpu"),
                  finishedWithFailure(
                      instanceOf(AssertionError.class),
                      message(
                          "spillway.docker.required=true requires the container tests to run, but"
                              + " assumesAGpu was aborted: Assumption failed: no GPU here"))));
    }

    @Test
    void withoutDocker_theClassFails_withTheReason() {
      EngineExecutionResults results = run(NoDocker.class, REQUIRED);

      results
          .containerEvents()
          .assertThatEvents()
          .haveExactly(
              1,
              event(
                  container(NoDocker.class),
                  finishedWithFailure(
                      message(
                          m ->
                              m.endsWith(
                                  "spillway.docker.required=true requires the container tests to"
                                      + " run, but they cannot: no Docker engine answers:"
                                      + " connection refused")))));
      results.testEvents().assertStatistics(s -> s.started(0));
    }

    @Test
    void whenEverythingRuns_nothingFails() {
      EngineExecutionResults results = run(AllRun.class, REQUIRED);

      results.testEvents().assertStatistics(s -> s.succeeded(2).skipped(0).failed(0));
      results.containerEvents().assertStatistics(s -> s.failed(0));
    }

    @Test
    void aWholeDisabledTopLevelClass_isBeyondAnyExtension_andOnlySkipped() {
      DisabledClass.ASKED.set(0);
      EngineExecutionResults results = run(DisabledClass.class, REQUIRED);

      // JUnit's DisabledCondition is asked first and ends the evaluation: no extension of the
      // class is asked anything, none can fail it (documented on @RequiresDocker)
      results
          .containerEvents()
          .assertThatEvents()
          .haveExactly(
              1, event(container(DisabledClass.class), skippedWithReason("not ready for CI")));
      assertThat(DisabledClass.ASKED).hasValue(0);
    }
  }

  @Nested
  class WhenDockerIsNotRequired {

    @Test
    void disabledTests_areOnlySkipped() {
      EngineExecutionResults results = run(DisabledMethods.class, NOT_REQUIRED);

      results.testEvents().assertStatistics(s -> s.succeeded(1).skipped(2).failed(0));
      results.containerEvents().assertStatistics(s -> s.failed(0));
      run(WithDisabledNested.class, NOT_REQUIRED)
          .containerEvents()
          .assertStatistics(s -> s.failed(0));
    }

    @Test
    void evenWithCiTrue_theParameterFalseWins() {
      run(DisabledMethodsOnCi.class, NOT_REQUIRED)
          .containerEvents()
          .assertStatistics(s -> s.failed(0));
    }

    @Test
    void anAbortedTest_staysAborted() {
      run(Aborts.class, NOT_REQUIRED)
          .testEvents()
          .assertThatEvents()
          .haveExactly(1, event(test("assumesAGpu"), abortedWithReason()));
    }

    @Test
    void withoutDocker_theClassIsSkipped_withTheReason() {
      run(NoDocker.class, NOT_REQUIRED)
          .containerEvents()
          .assertThatEvents()
          .haveExactly(
              1,
              event(
                  container(NoDocker.class),
                  skippedWithReason(
                      "container test skipped: no Docker engine answers: connection refused (with"
                          + " CI=true or spillway.docker.required=true this fails instead)")));
    }
  }

  @Test
  void aParameterThatIsNeitherTrueNorFalse_failsTheClass() {
    run(AllRun.class, Map.of(RequiresDocker.REQUIRED, "yes"))
        .containerEvents()
        .assertThatEvents()
        .haveExactly(
            1,
            event(
                container(AllRun.class),
                finishedWithFailure(
                    cause(instanceOf(ExtensionConfigurationException.class)),
                    message(
                        m ->
                            m.endsWith(
                                "configuration parameter spillway.docker.required must be true or"
                                    + " false, but was 'yes'")))));
  }

  @Test
  void theFixturesOfThisClass_areSetUpAsTheTestsSay() {
    // a guard against a fixture passing for the wrong reason: with Docker not required, every
    // fixture but NoDocker and DisabledClass runs its enabled tests
    run(AllRun.class, NOT_REQUIRED).testEvents().assertStatistics(s -> s.succeeded(2));
    run(MethodMarked.class, NOT_REQUIRED)
        .testEvents()
        .assertThatEvents()
        .haveExactly(1, event(test("plain"), finishedSuccessfully()));
  }

  // ---- fixtures: run only through ContainerFixtures ----

  @ContainerFixture
  static class DisabledMethods {
    @RegisterExtension
    static final DockerExtension DOCKER = new DockerExtension(() -> environment(true, false));

    @Test
    void runs() {}

    @Test
    @Disabled("waiting for a fix")
    void flaky() {}

    @Test
    @DisabledIfSystemProperty(
        named = "java.version",
        matches = ".*",
        disabledReason = "on every JVM")
    void byAnotherCondition() {}
  }

  @ContainerFixture
  static class DisabledMethodsOnCi {
    @RegisterExtension
    static final DockerExtension DOCKER = new DockerExtension(() -> environment(true, true));

    @Test
    void runs() {}

    @Test
    @Disabled
    void disabled() {}
  }

  @ContainerFixture
  static class MethodMarked {
    @Test
    void plain() {}

    @Test
    @RequiresDocker
    @Disabled("waiting for a fix")
    void container() {}

    @Test
    @Disabled("not a container test")
    void notAContainerTest() {}
  }

  @ContainerFixture
  static class WithDisabledNested {
    @RegisterExtension
    static final DockerExtension DOCKER = new DockerExtension(() -> environment(true, false));

    @Test
    void runs() {}

    @Nested
    @Disabled("later")
    class Later {
      @Test
      void never() {}
    }
  }

  @ContainerFixture
  static class Aborts {
    @RegisterExtension
    static final DockerExtension DOCKER = new DockerExtension(() -> environment(true, false));

    @Test
    void assumesAGpu() {
      assumeTrue(false, "no GPU here");
    }
  }

  @ContainerFixture
  static class NoDocker {
    @RegisterExtension
    static final DockerExtension DOCKER = new DockerExtension(() -> environment(false, false));

    @Test
    void needsDocker() {}
  }

  @ContainerFixture
  static class AllRun {
    @RegisterExtension
    static final DockerExtension DOCKER = new DockerExtension(() -> environment(true, false));

    @Test
    void one() {}

    @Test
    void two() {}
  }

  @ContainerFixture
  @Disabled("not ready for CI")
  static class DisabledClass {
    static final AtomicInteger ASKED = new AtomicInteger();

    @RegisterExtension
    static final DockerExtension DOCKER =
        new DockerExtension(
            () -> {
              ASKED.incrementAndGet();
              return environment(true, false);
            });

    @Test
    void never() {}
  }
}
