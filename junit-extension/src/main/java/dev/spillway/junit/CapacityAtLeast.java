package dev.spillway.junit;

import static java.lang.annotation.ElementType.ANNOTATION_TYPE;
import static java.lang.annotation.ElementType.METHOD;
import static java.lang.annotation.RetentionPolicy.RUNTIME;
import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import java.lang.annotation.Documented;
import java.lang.annotation.Retention;
import java.lang.annotation.Target;
import org.apiguardian.api.API;

/**
 * A floor under a {@link CapacityTest}'s capacity: the test fails when the knee its body found
 * ({@link CapacityHarness#findCapacity}; the last search, when it ran several) is below {@link
 * #perSecond()}, or when no rate was sustained at all, with a message in numbers: {@code "capacity
 * 180/s is below the floor of @CapacityAtLeast(perSecond = 200): the capacity lies in [180, 190)/s
 * (μ at saturation 186.2/s)"}. A test whose body ran no search fails too.
 *
 * <p>The knee is a rate a trial sustained, so a knee at or above the floor shows the floor is
 * sustained.
 */
@API(status = EXPERIMENTAL, since = "0.1")
@Target({METHOD, ANNOTATION_TYPE})
@Retention(RUNTIME)
@Documented
public @interface CapacityAtLeast {

  /** The lowest acceptable capacity, messages per second; finite and &gt; 0. */
  double perSecond();
}
