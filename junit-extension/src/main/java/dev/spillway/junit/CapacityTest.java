package dev.spillway.junit;

import static java.lang.annotation.ElementType.ANNOTATION_TYPE;
import static java.lang.annotation.ElementType.METHOD;
import static java.lang.annotation.RetentionPolicy.RUNTIME;
import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import dev.spillway.toolkit.capacity.SearchMode;
import java.lang.annotation.Documented;
import java.lang.annotation.Retention;
import java.lang.annotation.Target;
import org.apiguardian.api.API;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.parallel.ResourceAccessMode;
import org.junit.jupiter.api.parallel.ResourceLock;

/**
 * Marks a method as a capacity test: a JUnit {@link Test} that finds the highest arrival rate a
 * component sustains — its queue not growing, its latency bound held, nothing lost, shed or pushed
 * back — by short trials at chosen rates, each judged by Spillway's verdict rules (see {@link
 * dev.spillway.toolkit.capacity.CapacitySearch} and {@link
 * dev.spillway.toolkit.capacity.TargetTrials}).
 *
 * <p>The method declares a parameter of type {@link CapacityHarness} and calls {@link
 * CapacityHarness#findCapacity} with a supplier of the component (a fresh one per trial), which
 * returns the knee with its interval and μ at saturation. Before the search runs, the harness
 * prints its budget — the longest it can take, from these attributes alone — and it never starts a
 * trial that could end past it. {@link CapacityAtLeast} on the same method fails the test when the
 * knee is below a floor. A trial stops at the first clear breach (a backlog of a second of
 * arrivals, or a message shed or failed); {@link StopWhenCertain} on the same method stops it too
 * as soon as its verdict is certain, sustained or not.
 *
 * <p>A capacity test is tagged {@value OverloadTest#TAG} and holds the resource lock {@value
 * OverloadTest#LOCK}, as an overload test does: no two floods share the machine. Its attributes are
 * checked before the body runs: misuse fails the test with an {@link
 * org.junit.jupiter.api.extension.ExtensionConfigurationException} naming the attribute, the value
 * and the rule. Durations are written as for {@link OverloadTest}: an integer and a unit, such as
 * {@code "500ms"} or {@code "2 s"}.
 */
@API(status = EXPERIMENTAL, since = "0.1")
@Target({METHOD, ANNOTATION_TYPE})
@Retention(RUNTIME)
@Documented
@Test
@Tag(OverloadTest.TAG)
@ResourceLock(value = OverloadTest.LOCK, mode = ResourceAccessMode.READ_WRITE)
@ExtendWith(CapacityExtension.class)
public @interface CapacityTest {

  /** The lowest rate to try, messages per second; finite and &gt; 0. Required. */
  double lowest();

  /** The highest rate to try, messages per second; finite and &gt; {@link #lowest()}. Required. */
  double highest();

  /**
   * How narrow the interval the capacity lies in must become ({@link SearchMode#BISECT}), or the
   * step between rates ({@link SearchMode#STEP}), messages per second; finite, &gt; 0 and at most
   * {@code highest − lowest}. Required.
   */
  double resolution();

  /** The judged window of each trial. A duration in (0s, 1 day]; default {@code "2s"}. */
  String trial() default "2s";

  /**
   * How long each trial offers its rate before its judged window opens. A duration in [0s, 1 day];
   * default {@code "500ms"}.
   */
  String warmUp() default "500ms";

  /** How the rates are chosen; default {@link SearchMode#BISECT}. */
  SearchMode mode() default SearchMode.BISECT;

  /**
   * The most time a trial's books may take to settle after its load. A duration in [0s, 1m];
   * default {@code "1s"}.
   */
  String settleLimit() default "1s";

  /**
   * A latency bound every sustained rate must hold: the p99 of the driver's latency (send end minus
   * intended send time). A duration in (0s, 1 day], or {@code ""} (the default) for none.
   */
  String latencyP99() default "";
}
