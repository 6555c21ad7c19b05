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
 * The load of an {@link OverloadTest}: a constant rate for a duration, as an open model (message
 * {@code i} is due {@code i / rate} after the start, however slowly the target answers).
 *
 * <pre>{@code
 * @ConstantLoad(rate = 250, duration = "2s")
 * }</pre>
 *
 * <p>A test declares at most one load ({@link SpikeLoad}, {@code @ConstantLoad} or {@link
 * RampLoad}).
 */
@API(status = EXPERIMENTAL, since = "0.1")
@Target({METHOD, ANNOTATION_TYPE})
@Retention(RUNTIME)
@Documented
@ExtendWith(OverloadExtension.class)
public @interface ConstantLoad {

  /** The rate, in messages per second; finite and &gt; 0. */
  double rate();

  /**
   * How long the load lasts; a duration &gt; 0 and at most one day, such as {@code "2s"} (an
   * integer and one of {@code ns}, {@code us}, {@code ms}, {@code s}, {@code m}, {@code h}).
   */
  String duration();
}
