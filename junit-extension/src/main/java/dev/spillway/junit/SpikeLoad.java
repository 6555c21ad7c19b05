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
 * The load of an {@link OverloadTest}: a spike over a base rate, as an open model (every message is
 * sent when it is due, however slowly the target answers).
 *
 * <pre>{@code
 * @SpikeLoad(base = 150, peak = 250, at = "1s", hold = "4s", duration = "6s")
 * }</pre>
 *
 * <p>plays 150 messages/s for 1 s, 250/s for 4 s, then 150/s for the remaining 1 s. A test declares
 * at most one load ({@code @SpikeLoad}, {@link ConstantLoad} or {@link RampLoad}); to play phases
 * one after the other, build a {@link dev.spillway.toolkit.load.LoadProfile} and give it to {@link
 * OverloadHarness#run(dev.spillway.toolkit.load.LoadProfile)}.
 *
 * <p>Durations: an integer and a unit ({@code ns}, {@code us}, {@code ms}, {@code s}, {@code m},
 * {@code h}), e.g. {@code "4s"}; at most one day.
 */
@API(status = EXPERIMENTAL, since = "0.1")
@Target({METHOD, ANNOTATION_TYPE})
@Retention(RUNTIME)
@Documented
@ExtendWith(OverloadExtension.class)
public @interface SpikeLoad {

  /** The rate before and after the peak, in messages per second; finite and &gt; 0. */
  double base();

  /** The rate during the peak, in messages per second; finite and &gt; {@link #base()}. */
  double peak();

  /** When the peak starts, from the start of the load; a duration &gt;= 0; default {@code "0s"}. */
  String at() default "0s";

  /** How long the peak lasts; a duration &gt; 0. */
  String hold();

  /**
   * How long the whole spike lasts (base, peak and recovery together); a duration &gt;= {@link
   * #at()} + {@link #hold()}, at most one day.
   */
  String duration();
}
