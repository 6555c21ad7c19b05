package dev.spillway.junit.container;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.apiguardian.api.API;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Marks a test class (or method) that needs a Docker engine, and resolves a {@link DockerChaos}
 * parameter: container chaos that is undone after the test.
 *
 * <p>Where the tests cannot run they are <b>skipped with the reason</b>: no Docker engine answers,
 * or Testcontainers' environment is not set ({@code TESTCONTAINERS_RYUK_DISABLED=true} and {@code
 * TESTCONTAINERS_HOST_OVERRIDE=localhost}: without them Testcontainers tries to pull its Ryuk
 * image, waits two minutes for a registry, then decides that Docker is absent), or, with {@link
 * #buildsImages()}, this machine cannot build a {@link JavaServiceImage}.
 *
 * <p><b>When Docker is required, nothing is skipped silently.</b> Docker is required when the
 * configuration parameter (or system property) {@value #REQUIRED} is {@code true}, or, when that is
 * not set, when the environment variable {@code CI} is {@code true} (any case; most CI services set
 * it). Then each of these reasons <b>fails</b> the test instead of skipping it; a test aborted by a
 * failed assumption (in the test or in a {@code @BeforeAll} or {@code @BeforeEach} method) fails;
 * and a test method skipped by another condition ({@code @Disabled}, {@code @DisabledOnOs}, …), or
 * a {@code @Nested} class marked {@code @Disabled}, makes its class fail when the class ends,
 * naming the tests and the reasons. {@value #REQUIRED}{@code =false} turns the requirement off even
 * when {@code CI=true}.
 *
 * <p>Not covered: a whole top-level class marked {@code @Disabled} (or disabled by another
 * condition). JUnit skips it before any of its extensions is asked anything, so no extension can
 * see it; check CI's test report for skipped tests tagged {@code docker} (e.g. run {@code
 * -Dgroups=docker} and require 0 skipped).
 *
 * <p>Tagged {@code docker}: {@code -Dgroups=docker} runs only these, {@code
 * -DexcludedGroups=docker} leaves them out. The Docker check runs once per test run.
 */
@API(status = EXPERIMENTAL, since = "0.1")
@Documented
@Inherited
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.TYPE, ElementType.METHOD, ElementType.ANNOTATION_TYPE})
@Tag("docker")
@ExtendWith(DockerExtension.class)
public @interface RequiresDocker {

  /**
   * The configuration parameter that says whether Docker is required: {@code true} or {@code false}
   * (any case); when it is not set, the environment variable {@code CI} decides. Any other value is
   * an {@code ExtensionConfigurationException}.
   */
  String REQUIRED = "spillway.docker.required";

  /**
   * Whether the test builds a {@link JavaServiceImage}, which also needs Linux on x86-64 with glibc
   * and a JDK with {@code jlink}: where these are missing, the test is skipped (or fails, when
   * Docker is required) like where Docker is. Default {@code false}: any machine with Docker.
   */
  boolean buildsImages() default false;
}
