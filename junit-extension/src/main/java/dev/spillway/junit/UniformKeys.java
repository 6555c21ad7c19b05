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
 * Gives the messages of an {@link OverloadTest}'s load keys drawn uniformly from {@link #keys()}
 * keys, {@code "key-0"} … {@code "key-(K-1)"} (see {@link
 * dev.spillway.toolkit.load.KeyDistribution#uniform(int)}). The same seed gives the same keys on
 * every run.
 *
 * <p>A test declares at most one key distribution ({@code @UniformKeys}, {@link ZipfKeys} or {@link
 * HotKey}); without one, every message gets {@code "key-0"}.
 */
@API(status = EXPERIMENTAL, since = "0.1")
@Target({METHOD, ANNOTATION_TYPE})
@Retention(RUNTIME)
@Documented
@ExtendWith(OverloadExtension.class)
public @interface UniformKeys {

  /** The number of keys; &gt;= 1. */
  int keys();

  /** The seed of the key sequence; any value; default 0. */
  long seed() default 0;
}
