package dev.spillway.junit;

import static java.lang.annotation.ElementType.ANNOTATION_TYPE;
import static java.lang.annotation.ElementType.METHOD;
import static java.lang.annotation.ElementType.TYPE;
import static java.lang.annotation.RetentionPolicy.RUNTIME;
import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import java.lang.annotation.Documented;
import java.lang.annotation.Retention;
import java.lang.annotation.Target;
import org.apiguardian.api.API;

/**
 * Where an {@link OverloadTest}'s run goes in the report's survival matrix: its row (the design
 * under test) and its column (the scenario it was put through). Every run writes a report (see
 * {@link OverloadTest}); the index page lays the runs out as design × scenario → verdict,
 * high-water mark, shed ratio and latency p99.
 *
 * <pre>{@code
 * @OverloadTest
 * @SpikeLoad(base = 150, peak = 250, at = "1s", hold = "4s", duration = "6s")
 * @ReportAs(design = "singleton", scenario = "seed spike 150→250/s")
 * void singletonOverflows(OverloadHarness harness) { ... }
 * }</pre>
 *
 * <p>On a class, it applies to every overload test of the class that does not say otherwise; on a
 * method, an attribute left at its default takes the value of a composed annotation of the method
 * that carries one (a shared {@code @SeedSpike} giving the scenario, say), else the class's, else
 * the default below. {@link OverloadHarness#reportAs(String, String)} replaces both from the body.
 */
@API(status = EXPERIMENTAL, since = "0.1")
@Target({METHOD, TYPE, ANNOTATION_TYPE})
@Retention(RUNTIME)
@Documented
public @interface ReportAs {

  /**
   * The design under test: the row of the survival matrix, e.g. {@code "bounded(100)"}; not blank.
   * Default {@code ""}: the class's {@code @ReportAs} design, else the test class's simple name.
   */
  String design() default "";

  /**
   * The scenario: the column of the survival matrix, e.g. {@code "seed spike 150→250/s"}; not
   * blank. Default {@code ""}: the class's {@code @ReportAs} scenario, else the test method's name.
   */
  String scenario() default "";
}
