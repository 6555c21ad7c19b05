package dev.spillway.junit;

import static java.lang.annotation.ElementType.ANNOTATION_TYPE;
import static java.lang.annotation.ElementType.METHOD;
import static java.lang.annotation.RetentionPolicy.RUNTIME;
import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import dev.spillway.toolkit.inject.Injector;
import java.lang.annotation.Documented;
import java.lang.annotation.Retention;
import java.lang.annotation.Target;
import org.apiguardian.api.API;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Slows the consumer of an {@link OverloadTest} by a log-normal delay before each call, {@code
 * median · e^(σZ)} with Z standard normal: most calls near the median, a long right tail, the
 * typical shape of real service times (see {@link
 * dev.spillway.toolkit.inject.Delay#logNormal(java.time.Duration, double)}).
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
public @interface LogNormalDelay {

  /** The median delay (half of the delays are below it); a duration &gt; 0. */
  String median();

  /** The shape σ, the standard deviation of the delay's logarithm; finite and &gt; 0. */
  double sigma();

  /**
   * The cap: longer draws are cut to it; a duration &gt; {@link #median()}, or {@code ""} (the
   * default) for no cap.
   */
  String max() default "";

  /** The seed of the draws; any value; default {@link Injector#DEFAULT_SEED}. */
  long seed() default Injector.DEFAULT_SEED;
}
