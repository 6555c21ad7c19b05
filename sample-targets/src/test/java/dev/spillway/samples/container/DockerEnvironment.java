package dev.spillway.samples.container;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Whether the container tests can run here, and what to do when they cannot: skip with the reason,
 * or fail when {@code CI=true}. Pure logic over the environment, the platform and a Docker probe,
 * so that it is tested without Docker. Immutable and thread-safe.
 *
 * @param env the environment variables
 * @param osName {@code os.name}
 * @param osArch {@code os.arch}
 * @param docker asks whether a Docker engine answers; called only when everything else is in place,
 *     returns empty when it does, else why not
 */
record DockerEnvironment(
    Map<String, String> env, String osName, String osArch, Supplier<Optional<String>> docker) {

  /** This JVM's environment and platform, with Testcontainers' probe of the Docker engine. */
  static DockerEnvironment current() {
    return new DockerEnvironment(
        System.getenv(),
        System.getProperty("os.name", ""),
        System.getProperty("os.arch", ""),
        DockerEnvironment::probeDocker);
  }

  /** Whether Docker is required: {@code CI} is {@code true} (any case). */
  boolean required() {
    return "true".equalsIgnoreCase(env.getOrDefault("CI", "").trim());
  }

  /** Why the container tests cannot run here, or empty when they can. */
  Optional<String> obstacle() {
    List<String> missing = new ArrayList<>();
    String os = osName.toLowerCase(Locale.ROOT);
    if (!os.startsWith("linux") || !(osArch.equals("amd64") || osArch.equals("x86_64"))) {
      return Optional.of(
          "the sample-target image is built from this machine's JDK and C library, which needs"
              + " Linux on x86-64, but this is "
              + osName
              + " on "
              + osArch);
    }
    if (!"true".equalsIgnoreCase(env.getOrDefault("TESTCONTAINERS_RYUK_DISABLED", ""))) {
      missing.add("TESTCONTAINERS_RYUK_DISABLED=true");
    }
    if (env.getOrDefault("TESTCONTAINERS_HOST_OVERRIDE", "").isBlank()) {
      missing.add("TESTCONTAINERS_HOST_OVERRIDE=localhost");
    }
    if (!missing.isEmpty()) {
      return Optional.of(
          "Testcontainers' environment is not set: "
              + String.join(" and ", missing)
              + " (Maven's surefire sets them for this module; set them in your IDE's run"
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
          "Testcontainers found no usable Docker environment (start dockerd, or see"
              + " sample-targets/README.md)");
    } catch (RuntimeException | LinkageError e) {
      return Optional.of(e.toString());
    }
  }
}
