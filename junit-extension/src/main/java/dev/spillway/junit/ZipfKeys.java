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
 * Gives the messages of an {@link OverloadTest}'s load Zipf-distributed keys: the key of rank
 * {@code k} (rank 1 is {@code "key-0"}) has probability proportional to {@code 1 / k^exponent} (see
 * {@link dev.spillway.toolkit.load.KeyDistribution#zipf(int, double)}).
 *
 * <p>A test declares at most one key distribution ({@link UniformKeys}, {@code @ZipfKeys} or {@link
 * HotKey}).
 */
@API(status = EXPERIMENTAL, since = "0.1")
@Target({METHOD, ANNOTATION_TYPE})
@Retention(RUNTIME)
@Documented
@ExtendWith(OverloadExtension.class)
public @interface ZipfKeys {

  /** The number of keys; in [1, 1,000,000]. */
  int keys();

  /** The skew {@code s}; finite and &gt; 0 (about 1 for typical popularity skew). */
  double exponent();

  /** The seed of the key sequence; any value; default 0. */
  long seed() default 0;
}
