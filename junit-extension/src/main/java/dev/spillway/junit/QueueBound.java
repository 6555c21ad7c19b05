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
 * A bound on the depth of a watched queue during an {@link OverloadTest}'s load: the depth must
 * never exceed {@link #max()}. The test fails <b>at the first breach</b>, not when the run ends:
 * the load is stopped at once and the failure names the queue, the depth reached, when it was
 * reached (as an offset from the start of the load) and the bound.
 *
 * <ul>
 *   <li>For an {@link dev.spillway.toolkit.record.InstrumentedQueue} watched with {@link
 *       OverloadHarness#watch(dev.spillway.toolkit.record.ObservableQueue)} the check is exact: it
 *       runs at every enqueue, so the breach is reported at depth {@code max + 1}.
 *   <li>For any other {@link dev.spillway.toolkit.probe.QueueProbe} the check runs on every sample
 *       the recorder takes ({@link OverloadTest#sampleEvery()}), so a breach is seen up to one
 *       interval late, at the depth sampled then.
 * </ul>
 *
 * <p>The bound is checked from the start of the run until its end (the drain included). Repeatable:
 * one bound per queue, or one for all of them.
 *
 * <pre>{@code
 * @QueueBound(max = 100)                      // every watched queue
 * @QueueBound(max = 10, queue = "audit")      // the queue (or probe) named "audit"
 * }</pre>
 */
@API(status = EXPERIMENTAL, since = "0.1")
@Target({METHOD, ANNOTATION_TYPE})
@Retention(RUNTIME)
@Documented
@Repeatable(QueueBounds.class)
@ExtendWith(OverloadExtension.class)
public @interface QueueBound {

  /** The largest depth allowed, in messages; &gt;= 1. */
  long max();

  /**
   * The name of the watched queue or probe the bound applies to, or {@code ""} (the default) for
   * every watched queue. A name must be watched when the load starts, and each name (and {@code
   * ""}) may be bounded once.
   */
  String queue() default "";
}
