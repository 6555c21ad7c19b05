package dev.spillway.junit.container;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.opentest4j.TestAbortedException;

/**
 * When container tests run, skip, or fail: the decision behind {@link RequiresDocker}, without
 * Docker.
 */
class DockerRequirementTest {

  static final Map<String, String> TESTCONTAINERS_ENV =
      Map.of("TESTCONTAINERS_RYUK_DISABLED", "true", "TESTCONTAINERS_HOST_OVERRIDE", "localhost");

  static final HostPlatform LINUX = new HostPlatform("Linux", "amd64", true, true);

  private static final Requirement CI = new Requirement(true, "CI=true");
  private static final Requirement LOCAL = new Requirement(false, "CI not true");

  private static DockerEnvironment linux(Map<String, String> env, Optional<String> docker) {
    return new DockerEnvironment(env, LINUX, () -> docker);
  }

  private static Map<String, String> with(Map<String, String> env, String key, String value) {
    Map<String, String> copy = new HashMap<>(env);
    copy.put(key, value);
    return copy;
  }

  @Test
  void withDockerAndTheEnvironmentSet_theTestsRun() {
    DockerEnvironment environment = linux(TESTCONTAINERS_ENV, Optional.empty());
    assertThat(environment.obstacle(true)).isEmpty();
    assertThat(DockerExtension.decide(LOCAL, environment.obstacle(false)).isDisabled()).isFalse();
    assertThat(DockerExtension.decide(CI, environment.obstacle(false)).isDisabled()).isFalse();
  }

  @Test
  void withoutDocker_theTestsAreSkippedWithTheReason() {
    DockerEnvironment environment =
        linux(TESTCONTAINERS_ENV, Optional.of("connection refused: /var/run/docker.sock"));
    ConditionEvaluationResult result = DockerExtension.decide(LOCAL, environment.obstacle(false));
    assertThat(result.isDisabled()).isTrue();
    assertThat(result.getReason())
        .hasValue(
            "container test skipped: no Docker engine answers: connection refused:"
                + " /var/run/docker.sock (with CI=true or spillway.docker.required=true this fails"
                + " instead)");
  }

  @Test
  void withoutDocker_whenRequired_theTestsFail_namingWhatRequiredIt() {
    DockerEnvironment environment =
        linux(with(TESTCONTAINERS_ENV, "CI", "true"), Optional.of("no socket"));
    assertThat(environment.ci()).isTrue();
    assertThatThrownBy(() -> DockerExtension.decide(CI, environment.obstacle(false)))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage(
            "CI=true requires the container tests to run, but they cannot: no Docker engine"
                + " answers: no socket");
    Requirement byParameter = Requirement.of(Optional.of("true"), false);
    assertThatThrownBy(() -> DockerExtension.decide(byParameter, environment.obstacle(false)))
        .hasMessageStartingWith("spillway.docker.required=true requires the container tests");
  }

  @Test
  void ci_isTrueOnlyWhenTrue_inAnyCase() {
    assertThat(linux(Map.of("CI", "TRUE"), Optional.empty()).ci()).isTrue();
    assertThat(linux(Map.of("CI", " true "), Optional.empty()).ci()).isTrue();
    assertThat(linux(Map.of("CI", "false"), Optional.empty()).ci()).isFalse();
    assertThat(linux(Map.of("CI", "1"), Optional.empty()).ci()).isFalse();
    assertThat(linux(Map.of(), Optional.empty()).ci()).isFalse();
  }

  @ParameterizedTest
  @CsvSource({
    "'', true, true, CI=true",
    "'', false, false, CI not true",
    "true, false, true, spillway.docker.required=true",
    "' TRUE ', false, true, spillway.docker.required=true",
    "false, true, false, spillway.docker.required=false"
  })
  void theParameter_decidesWhenSet_elseCi(
      String parameter, boolean ci, boolean required, String source) {
    Optional<String> value = parameter.isEmpty() ? Optional.empty() : Optional.of(parameter);
    assertThat(Requirement.of(value, ci)).isEqualTo(new Requirement(required, source));
  }

  @Test
  void aParameterThatIsNeitherTrueNorFalse_isAConfigurationError() {
    assertThatThrownBy(() -> Requirement.of(Optional.of("yes"), true))
        .isInstanceOf(ExtensionConfigurationException.class)
        .hasMessage(
            "configuration parameter spillway.docker.required must be true or false,"
                + " but was 'yes'");
  }

  @Test
  void withoutTestcontainersEnvironment_dockerIsNotEvenAsked_andTheReasonNamesTheVariables() {
    AtomicInteger asked = new AtomicInteger();
    DockerEnvironment environment =
        new DockerEnvironment(
            Map.of(),
            LINUX,
            () -> {
              asked.incrementAndGet();
              return Optional.empty();
            });
    assertThat(environment.obstacle(false))
        .hasValueSatisfying(
            reason ->
                assertThat(reason)
                    .startsWith(
                        "Testcontainers' environment is not set:"
                            + " TESTCONTAINERS_RYUK_DISABLED=true and"
                            + " TESTCONTAINERS_HOST_OVERRIDE=localhost")
                    .contains("takes Docker for absent"));
    assertThat(asked).as("asking would wait two minutes for a registry").hasValue(0);
    assertThat(
            linux(
                    with(TESTCONTAINERS_ENV, "TESTCONTAINERS_RYUK_DISABLED", "false"),
                    Optional.empty())
                .obstacle(false))
        .hasValueSatisfying(reason -> assertThat(reason).contains("RYUK_DISABLED=true"));
  }

  @Test
  void anAbortedTest_failsWhenDockerIsRequired_andStaysAbortedOtherwise() {
    TestAbortedException aborted = new TestAbortedException("Assumption failed: no GPU");
    Throwable onCi = DockerExtension.failIfRequired(CI, aborted, "aPausedServer_timesOut");
    assertThat(onCi)
        .isInstanceOf(AssertionError.class)
        .hasMessage(
            "CI=true requires the container tests to run, but aPausedServer_timesOut was aborted:"
                + " Assumption failed: no GPU")
        .hasCause(aborted);
    assertThat(DockerExtension.failIfRequired(LOCAL, aborted, "x")).isSameAs(aborted);
    IllegalStateException failure = new IllegalStateException("boom");
    assertThat(DockerExtension.failIfRequired(CI, failure, "x")).isSameAs(failure);
  }

  @Test
  void testsThatBuildImages_onAnotherPlatform_areHeldUpByThePlatform_othersAreNot() {
    DockerEnvironment mac =
        new DockerEnvironment(
            TESTCONTAINERS_ENV,
            new HostPlatform("Mac OS X", "aarch64", true, false),
            Optional::empty);
    assertThat(mac.obstacle(true))
        .hasValue(
            "a JavaServiceImage is built from this machine's JDK and C library, which needs Linux"
                + " on x86-64, but this is Mac OS X on aarch64");
    assertThat(mac.obstacle(false)).as("Docker alone is enough").isEmpty();
  }

  @Test
  void theHostPlatform_namesWhatIsMissingToBuildAnImage() {
    assertThat(new HostPlatform("Linux", "aarch64", true, true).problem()).isPresent();
    assertThat(new HostPlatform("Linux", "x86_64", true, true).problem()).isEmpty();
    assertThat(new HostPlatform("Linux", "amd64", false, true).problem())
        .hasValue(
            "a JavaServiceImage is built with jlink, but this Java runtime has none (run the tests"
                + " on a JDK, not a JRE)");
    assertThat(new HostPlatform("Linux", "amd64", true, false).problem())
        .hasValueSatisfying(
            reason ->
                assertThat(reason)
                    .startsWith("a JavaServiceImage copies glibc from /lib/x86_64-linux-gnu")
                    .contains("musl"));
  }
}
