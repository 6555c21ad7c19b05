package dev.spillway.junit;

import static java.lang.annotation.ElementType.ANNOTATION_TYPE;
import static java.lang.annotation.ElementType.METHOD;
import static java.lang.annotation.RetentionPolicy.RUNTIME;
import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import java.lang.annotation.Documented;
import java.lang.annotation.Repeatable;
import java.lang.annotation.Retention;
import java.lang.annotation.Target;
import org.apiguardian.api.API;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Freezes the consumer of an {@link OverloadTest} for {@link #length()} at {@link #at()} after the
 * start of the load, once or every {@link #every()}: a call that starts inside a stall window waits
 * until the window ends, like a consumer held by a GC pause or a lock (see {@link
 * dev.spillway.toolkit.inject.Stall}). Repeatable; windows may overlap.
 *
 * <pre>{@code
 * @ConsumerStall(at = "1s", length = "300ms")                  // once
 * @ConsumerStall(at = "0s", length = "50ms", every = "500ms")  // periodically
 * }</pre>
 *
 * <p>Stalls apply to every component the test wraps through its {@link OverloadHarness}, like the
 * delay models ({@link FixedDelay} and the others); a test that declares a stall must wrap at least
 * one component.
 *
 * <p>Durations: an integer and a unit ({@code ns}, {@code us}, {@code ms}, {@code s}, {@code m},
 * {@code h}), e.g. {@code "300ms"}; at most one day.
 */
@API(status = EXPERIMENTAL, since = "0.1")
@Target({METHOD, ANNOTATION_TYPE})
@Retention(RUNTIME)
@Documented
@Repeatable(ConsumerStalls.class)
@ExtendWith(OverloadExtension.class)
public @interface ConsumerStall {

  /** When the first window opens, from the start of the load; a duration &gt;= 0. */
  String at();

  /** How long each window lasts; a duration &gt; 0. */
  String length();

  /**
   * The time from one window's start to the next's; a duration &gt; {@link #length()}, or {@code
   * ""} (the default) for a single window.
   */
  String every() default "";
}
