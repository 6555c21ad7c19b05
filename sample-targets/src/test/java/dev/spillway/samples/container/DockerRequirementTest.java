package dev.spillway.samples.container;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.opentest4j.TestAbortedException;

/**
 * When container tests run, skip, or fail: the decision behind {@link RequiresDocker}, without
 * Docker.
 */
class DockerRequirementTest {

  private static final Map<String, String> TESTCONTAINERS_ENV =
      Map.of("TESTCONTAINERS_RYUK_DISABLED", "true", "TESTCONTAINERS_HOST_OVERRIDE", "localhost");

  private static DockerEnvironment linux(Map<String, String> env, Optional<String> docker) {
    return new DockerEnvironment(env, "Linux", "amd64", () -> docker);
  }

  private static Map<String, String> with(Map<String, String> env, String key, String value) {
    java.util.HashMap<String, String> copy = new java.util.HashMap<>(env);
    copy.put(key, value);
    return copy;
  }

  @Test
  void withDockerAndTheEnvironmentSet_theTestsRun() {
    DockerEnvironment environment = linux(TESTCONTAINERS_ENV, Optional.empty());
    assertThat(environment.obstacle()).isEmpty();
    ConditionEvaluationResult result = DockerExtension.decide(false, environment.obstacle());
    assertThat(result.isDisabled()).isFalse();
    assertThat(DockerExtension.decide(true, environment.obstacle()).isDisabled()).isFalse();
  }

  @Test
  void withoutDocker_theTestsAreSkippedWithTheReason() {
    DockerEnvironment environment =
        linux(TESTCONTAINERS_ENV, Optional.of("connection refused: /var/run/docker.sock"));
    ConditionEvaluationResult result = DockerExtension.decide(false, environment.obstacle());
    assertThat(result.isDisabled()).isTrue();
    assertThat(result.getReason())
        .hasValue(
            "container test skipped: no Docker engine answers: connection refused:"
                + " /var/run/docker.sock (with CI=true this fails instead)");
  }

  @Test
  void withoutDocker_onCi_theTestsFail() {
    DockerEnvironment environment =
        linux(with(TESTCONTAINERS_ENV, "CI", "true"), Optional.of("no socket"));
    assertThat(environment.required()).isTrue();
    assertThatThrownBy(() -> DockerExtension.decide(true, environment.obstacle()))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage(
            "CI=true requires the container tests to run, but they cannot: no Docker engine"
                + " answers: no socket");
  }

  @Test
  void ci_isRequiredOnlyWhenTrue_inAnyCase() {
    assertThat(linux(Map.of("CI", "TRUE"), Optional.empty()).required()).isTrue();
    assertThat(linux(Map.of("CI", " true "), Optional.empty()).required()).isTrue();
    assertThat(linux(Map.of("CI", "false"), Optional.empty()).required()).isFalse();
    assertThat(linux(Map.of("CI", "1"), Optional.empty()).required()).isFalse();
    assertThat(linux(Map.of(), Optional.empty()).required()).isFalse();
  }

  @Test
  void withoutTestcontainersEnvironment_dockerIsNotEvenAsked_andTheReasonNamesTheVariables() {
    AtomicInteger asked = new AtomicInteger();
    DockerEnvironment environment =
        new DockerEnvironment(
            Map.of(),
            "Linux",
            "amd64",
            () -> {
              asked.incrementAndGet();
              return Optional.empty();
            });
    assertThat(environment.obstacle())
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
                .obstacle())
        .hasValueSatisfying(reason -> assertThat(reason).contains("RYUK_DISABLED=true"));
  }

  @Test
  void anAbortedTest_failsWhenDockerIsRequired_andStaysAbortedOtherwise() {
    TestAbortedException aborted = new TestAbortedException("Assumption failed: no GPU");
    Throwable onCi = DockerExtension.failIfRequired(true, aborted, "aPausedServer_timesOut");
    assertThat(onCi)
        .isInstanceOf(AssertionError.class)
        .hasMessage(
            "CI=true requires the container tests to run, but aPausedServer_timesOut was aborted")
        .hasCause(aborted);
    assertThat(DockerExtension.failIfRequired(false, aborted, "x")).isSameAs(aborted);
    IllegalStateException failure = new IllegalStateException("boom");
    assertThat(DockerExtension.failIfRequired(true, failure, "x")).isSameAs(failure);
  }

  @Test
  void onAnotherPlatform_theReasonSaysTheImageNeedsLinuxOnX86() {
    DockerEnvironment mac =
        new DockerEnvironment(TESTCONTAINERS_ENV, "Mac OS X", "aarch64", Optional::empty);
    assertThat(mac.obstacle())
        .hasValue(
            "the sample-target image is built from this machine's JDK and C library, which needs"
                + " Linux on x86-64, but this is Mac OS X on aarch64");
    assertThat(
            new DockerEnvironment(TESTCONTAINERS_ENV, "Linux", "aarch64", Optional::empty)
                .obstacle())
        .isPresent();
    assertThat(
            new DockerEnvironment(TESTCONTAINERS_ENV, "Linux", "x86_64", Optional::empty)
                .obstacle())
        .isEmpty();
  }
}
