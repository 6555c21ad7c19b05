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
 * Requires the watched queues of an {@link OverloadTest} to drain within {@link #value()} after the
 * load ends: every watched queue (or the one named by {@link #queue()}) must reach a depth of at
 * most {@link #level()} by then. The extension waits for it (polling every 5 ms with Awaitility,
 * which must be on the test class path); the injected delays and stalls still apply while the queue
 * drains. A queue that has not drained in time fails the test with the depth of every queue still
 * above the level.
 *
 * <pre>{@code
 * @DrainsWithin("3s")
 * }</pre>
 *
 * <p>The drain bound adds to the watchdog's deadline (see {@link OverloadTest}).
 */
@API(status = EXPERIMENTAL, since = "0.1")
@Target({METHOD, ANNOTATION_TYPE})
@Retention(RUNTIME)
@Documented
@ExtendWith(OverloadExtension.class)
public @interface DrainsWithin {

  /**
   * How long after the end of the load the queues may take; a duration &gt; 0 and at most one day,
   * such as {@code "2s"} (an integer and one of {@code ns}, {@code us}, {@code ms}, {@code s},
   * {@code m}, {@code h}).
   */
  String value();

  /** The depth that counts as drained, in messages; &gt;= 0; default 0. */
  long level() default 0;

  /**
   * The name of the watched queue or probe that must drain, or {@code ""} (the default) for every
   * watched queue.
   */
  String queue() default "";
}
