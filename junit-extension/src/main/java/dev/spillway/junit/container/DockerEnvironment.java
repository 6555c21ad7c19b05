package dev.spillway.junit.container;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Whether container tests can run here: pure logic over the environment variables, the platform and
 * a probe of the Docker engine, so that it is tested without Docker. Immutable and thread-safe.
 *
 * @param env the environment variables
 * @param host the machine, for tests that build a {@link JavaServiceImage}
 * @param docker asks whether a Docker engine answers; called only when everything else is in place,
 *     returns empty when it does, else why not
 */
record DockerEnvironment(
    Map<String, String> env, HostPlatform host, Supplier<Optional<String>> docker) {

  /** This JVM's environment and platform, with Testcontainers' probe of the Docker engine. */
  static DockerEnvironment current() {
    return new DockerEnvironment(
        System.getenv(), HostPlatform.current(), DockerEnvironment::probeDocker);
  }

  /** Whether the environment variable {@code CI} is {@code true} (any case, blanks around). */
  boolean ci() {
    return "true".equalsIgnoreCase(env.getOrDefault("CI", "").trim());
  }

  /**
   * Why container tests cannot run here, or empty when they can.
   *
   * @param buildsImages whether the tests build a {@link JavaServiceImage}
   */
  Optional<String> obstacle(boolean buildsImages) {
    if (buildsImages) {
      Optional<String> problem = host.problem();
      if (problem.isPresent()) {
        return problem;
      }
    }
    List<String> missing = new ArrayList<>();
    if (!"true".equalsIgnoreCase(env.getOrDefault("TESTCONTAINERS_RYUK_DISABLED", "").trim())) {
      missing.add("TESTCONTAINERS_RYUK_DISABLED=true");
    }
    if (env.getOrDefault("TESTCONTAINERS_HOST_OVERRIDE", "").isBlank()) {
      missing.add("TESTCONTAINERS_HOST_OVERRIDE=localhost");
    }
    if (!missing.isEmpty()) {
      return Optional.of(
          "Testcontainers' environment is not set: "
              + String.join(" and ", missing)
              + " (set them in surefire's <environmentVariables>, or in your IDE's run"
              + " configuration); without them Testcontainers waits for a registry, then takes"
              + " Docker for absent");
    }
    return docker.get().map(why -> "no Docker engine answers: " + why);
  }

  private static Optional<String> probeDocker() {
    try {
      if (org.testcontainers.DockerClientFactory.instance().isDockerAvailable()) {
        return Optional.empty();
      }
      return Optional.of(
          "Testcontainers found no usable Docker environment (start the Docker engine and check"
              + " that `docker info` answers)");
    } catch (RuntimeException | LinkageError e) {
      return Optional.of(e.toString());
    }
  }
}
