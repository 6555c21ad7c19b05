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
 * Gives the messages of an {@link OverloadTest}'s load one hot key: {@code "key-0"} takes {@link
 * #share()} of the messages and the others are spread uniformly over the other {@code keys - 1}
 * keys (see {@link dev.spillway.toolkit.load.KeyDistribution#hotKey(int, double)}).
 *
 * <pre>{@code
 * @HotKey(keys = 16, share = 0.8)
 * }</pre>
 *
 * <p>A test declares at most one key distribution ({@link UniformKeys}, {@link ZipfKeys} or
 * {@code @HotKey}).
 */
@API(status = EXPERIMENTAL, since = "0.1")
@Target({METHOD, ANNOTATION_TYPE})
@Retention(RUNTIME)
@Documented
@ExtendWith(OverloadExtension.class)
public @interface HotKey {

  /** The number of keys, the hot one included; &gt;= 2 (1 only with a share of 1). */
  int keys();

  /** The hot key's share of the messages; in [0, 1]. */
  double share();

  /** The seed of the key sequence; any value; default 0. */
  long seed() default 0;
}
