package dev.spillway.junit;

import static java.lang.annotation.ElementType.ANNOTATION_TYPE;
import static java.lang.annotation.ElementType.METHOD;
import static java.lang.annotation.RetentionPolicy.RUNTIME;
import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import java.lang.annotation.Documented;
import java.lang.annotation.Retention;
import java.lang.annotation.Target;
import org.apiguardian.api.API;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Slows the consumer of an {@link OverloadTest} by a fixed delay before each call, which fixes its
 * service rate: one consumer with {@code @FixedDelay("5ms")} serves about 200 messages/s (see
 * {@link dev.spillway.toolkit.inject.Delay#fixed(java.time.Duration)}).
 *
 * <p>The delay applies to every component the test wraps through its {@link OverloadHarness}
 * ({@link OverloadHarness#consume}, {@link OverloadHarness#wrapConsumer}, {@link
 * OverloadHarness#wrap}), before each call, from the start of the load until the end of the run
 * (the drain included); a test that declares a delay must wrap at least one component. A test
 * declares at most one delay model ({@link FixedDelay}, {@link UniformDelay}, {@link
 * LogNormalDelay} or {@link ParetoDelay}); it combines with {@link ConsumerStall}s.
 *
 * <p>Durations: an integer and a unit ({@code ns}, {@code us}, {@code ms}, {@code s}, {@code m},
 * {@code h}), e.g. {@code "5ms"}; at most one day.
 */
@API(status = EXPERIMENTAL, since = "0.1")
@Target({METHOD, ANNOTATION_TYPE})
@Retention(RUNTIME)
@Documented
@ExtendWith(OverloadExtension.class)
public @interface FixedDelay {

  /** The delay before each call; a duration &gt; 0. */
  String value();
}
