package dev.spillway.samples.container;

import dev.spillway.junit.container.RequiresDocker;
import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A test of the containerized sample target: {@link RequiresDocker @RequiresDocker(buildsImages =
 * true)} (skipped without Docker, or on a machine that cannot build the image; failing instead when
 * {@code CI=true}), resolving a {@link SampleTargetImage} parameter: built once per test run,
 * removed at its end.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.TYPE, ElementType.METHOD})
@RequiresDocker(buildsImages = true)
@ExtendWith(SampleTargetImageResolver.class)
public @interface RequiresSampleTargetImage {}
