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
 * The load of an {@link OverloadTest}: a rate that changes linearly from {@link #from()} to {@link
 * #to()} over {@link #duration()}, as an open model.
 *
 * <pre>{@code
 * @RampLoad(from = 0, to = 400, duration = "2s")   // 400 messages, ever faster
 * }</pre>
 *
 * <p>A test declares at most one load ({@link SpikeLoad}, {@link ConstantLoad} or
 * {@code @RampLoad}).
 */
@API(status = EXPERIMENTAL, since = "0.1")
@Target({METHOD, ANNOTATION_TYPE})
@Retention(RUNTIME)
@Documented
@ExtendWith(OverloadExtension.class)
public @interface RampLoad {

  /** The rate at the start, in messages per second; finite and &gt;= 0 (not 0 with {@code to}). */
  double from();

  /** The rate at the end, in messages per second; finite and &gt;= 0 (not 0 with {@code from}). */
  double to();

  /**
   * How long the ramp lasts; a duration &gt; 0 and at most one day, such as {@code "2s"} (an
   * integer and one of {@code ns}, {@code us}, {@code ms}, {@code s}, {@code m}, {@code h}).
   */
  String duration();
}
