package dev.spillway.junit;

import static java.lang.annotation.ElementType.ANNOTATION_TYPE;
import static java.lang.annotation.ElementType.METHOD;
import static java.lang.annotation.RetentionPolicy.RUNTIME;
import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import java.lang.annotation.Documented;
import java.lang.annotation.Retention;
import java.lang.annotation.Target;
import org.apiguardian.api.API;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.parallel.ResourceAccessMode;
import org.junit.jupiter.api.parallel.ResourceLock;

/**
 * Makes a parameterized or repeated test an overload test: {@link OverloadTest} without its {@link
 * org.junit.jupiter.api.Test}, for a method that is already a test of another kind — a {@code
 * ParameterizedTest} (junit-jupiter-params) or a {@link org.junit.jupiter.api.RepeatedTest}.
 *
 * <pre>{@code
 * @ParameterizedTest
 * @EnumSource(Design.class)
 * @Overload
 * @SpikeLoad(base = 150, peak = 250, at = "1s", hold = "4s", duration = "6s")
 * @ReportAs(design = "{0}", scenario = "seed spike")
 * void underTheSeedSpike(Design design, OverloadHarness harness) { ... }
 * }</pre>
 *
 * <p>Each invocation is an overload test of its own, with everything {@link OverloadTest} says: its
 * own validation, harness, load, watchdog, clean-up, verdict and report. An invocation is named
 * {@code method[index]} in its summary line ({@code overload 'method[2]': …}) and its threads, and
 * its run {@code Class.method[index]} (its report files {@code Class.method-index}), so every
 * invocation writes its own result. Where it goes in the survival matrix follows {@link ReportAs},
 * whose design and scenario may name the invocation: {@code {0}}, {@code {1}}… an argument of the
 * invocation (its {@code toString()}), {@code {arguments}} all of them, comma-separated, and {@code
 * {index}} the invocation's index (1, 2, …); the arguments are those declared before the {@link
 * OverloadHarness} parameter. Without a declared scenario, an invocation of a parameterized test is
 * reported under {@code method [{index}] {arguments}} — a cell of its own — and the repetitions of
 * a {@link org.junit.jupiter.api.RepeatedTest} under the method's name, all in one cell, so the
 * cell reads as the record of the repetitions.
 *
 * <p>The attributes mean what those of {@link OverloadTest} mean, with the same defaults. A method
 * carries either annotation, not both; {@link OverloadTest} (a {@code @Test}) on a parameterized or
 * repeated test is refused, since JUnit would run the method both as a plain test and as a
 * template.
 */
@API(status = EXPERIMENTAL, since = "0.1")
@Target({METHOD, ANNOTATION_TYPE})
@Retention(RUNTIME)
@Documented
@Tag(OverloadTest.TAG)
@ResourceLock(value = OverloadTest.LOCK, mode = ResourceAccessMode.READ_WRITE)
@ExtendWith(OverloadExtension.class)
public @interface Overload {

  /** As {@link OverloadTest#grace()}; default {@code "5s"}. */
  String grace() default "5s";

  /** As {@link OverloadTest#setupTimeout()}; default {@code "30s"}. */
  String setupTimeout() default "30s";

  /** As {@link OverloadTest#sampleEvery()}; default {@code "1ms"}. */
  String sampleEvery() default "1ms";

  /** As {@link OverloadTest#settleLimit()}; default {@code "10s"}. */
  String settleLimit() default "10s";
}
