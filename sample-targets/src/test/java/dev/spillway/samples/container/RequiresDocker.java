package dev.spillway.samples.container;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Marks a test class (or method) that needs a Docker engine, and resolves a {@link
 * SampleTargetImage} parameter: the image is built once per test run and removed at its end.
 *
 * <p>Where the tests cannot run they are <b>skipped with the reason</b>: no Docker engine answers;
 * the machine is not Linux on x86-64 (the image is built from this machine's JDK and C library); or
 * Testcontainers' environment is not set ({@code TESTCONTAINERS_RYUK_DISABLED=true} and {@code
 * TESTCONTAINERS_HOST_OVERRIDE=localhost}, which Maven's surefire sets: without them Testcontainers
 * tries to pull its Ryuk image, waits two minutes for a registry, then decides that Docker is
 * absent).
 *
 * <p>When the environment variable {@code CI} is {@code true}, Docker is required: each of these
 * reasons <b>fails</b> the test instead of skipping it, and so does a test aborted by a failed
 * assumption, so that a green CI build means the container tests ran.
 *
 * <p>Tagged {@code docker}: {@code -Dgroups=docker} runs only these, {@code
 * -DexcludedGroups=docker} leaves them out.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.TYPE, ElementType.METHOD})
@Tag("docker")
@ExtendWith(DockerExtension.class)
public @interface RequiresDocker {}
