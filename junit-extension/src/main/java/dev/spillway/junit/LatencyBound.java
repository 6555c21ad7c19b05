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
 * A bound on the latency of an {@link OverloadTest}'s load: the given percentile must not exceed
 * {@link #max()}. Checked when the run has ended.
 *
 * <p>Latency is measured by the load driver from each message's <em>intended</em> send time (so a
 * slow target cannot hide behind a slowed-down load) to the target's answer: the return of a {@link
 * dev.spillway.toolkit.load.Sender}, or the completion of an {@link
 * dev.spillway.toolkit.load.AsyncSender}'s stage. To bound the time to processing, register an
 * {@code AsyncSender} whose stage completes when the message has been processed.
 *
 * <pre>{@code
 * @LatencyBound(percentile = 99, max = "50ms")
 * }</pre>
 *
 * <pre>{@code
 * @LatencyBound(percentile = 95, max = "20ms")
 * }</pre>
 *
 * <p>Repeatable: one bound per percentile.
 */
@API(status = EXPERIMENTAL, since = "0.1")
@Target({METHOD, ANNOTATION_TYPE})
@Retention(RUNTIME)
@Documented
@Repeatable(LatencyBounds.class)
@ExtendWith(OverloadExtension.class)
public @interface LatencyBound {

  /**
   * The percentile bounded: any number &gt; 0 and &lt;= 100, such as 95 or 99.99 (100 is the
   * maximum); default 99. Judged against the whole latency histogram the load driver recorded
   * (HdrHistogram, three significant digits).
   */
  double percentile() default 99;

  /**
   * The longest latency allowed at that percentile; a duration &gt; 0 and at most one day, such as
   * {@code "50ms"} (an integer and one of {@code ns}, {@code us}, {@code ms}, {@code s}, {@code m},
   * {@code h}).
   */
  String max();
}
