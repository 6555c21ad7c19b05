package dev.spillway.junit;

import static java.lang.annotation.ElementType.ANNOTATION_TYPE;
import static java.lang.annotation.ElementType.METHOD;
import static java.lang.annotation.RetentionPolicy.RUNTIME;
import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import java.lang.annotation.Documented;
import java.lang.annotation.Retention;
import java.lang.annotation.Target;
import org.apiguardian.api.API;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.ResourceAccessMode;

/**
 * Marks a method as an overload test: a JUnit {@link Test} that floods a component on purpose and
 * checks how its queues came through.
 *
 * <p>An overload test
 *
 * <ul>
 *   <li>holds the exclusive resource lock {@value #LOCK} ({@link ResourceAccessMode#READ_WRITE}),
 *       so that two overload tests never run at once, even under JUnit's parallel execution (give
 *       other tests that must not share the machine with a flood the same lock, in {@code READ}
 *       mode);
 *   <li>is tagged {@value #TAG}, so that a build can select or leave out the floods ({@code mvn
 *       verify -Dgroups=overload}, {@code -DexcludedGroups=overload});
 *   <li>validates all its Spillway annotations before anything starts: misuse fails the test with
 *       an {@link org.junit.jupiter.api.extension.ExtensionConfigurationException} naming the
 *       annotation, the attribute, the value and the allowed range;
 *   <li>may declare a parameter of type {@link OverloadHarness}, through which the body registers
 *       the target, the queues to watch and the consumers to slow down, and may run the load itself
 *       (see {@link OverloadHarness} for how the declared and the programmatic parts meet);
 *   <li>runs its body on a thread of its own ({@code spillway-test-<method>}) under a watchdog that
 *       ends the test within the planned end of its load plus {@link #grace()} (see below), even
 *       when the target or the body blocks forever; the test then fails and says why, with the
 *       stack of the blocked body;
 *   <li>releases everything it started (load driver, recorder, injections, consumer threads,
 *       resources handed to {@link OverloadHarness#closeAfterTest}) in reverse order when the test
 *       ends, even when it throws, and fails if a thread of its own is still alive after that;
 *   <li>publishes a one-line summary per run ({@link OverloadResult#summary()}: verdict, high-water
 *       mark, growth, shed ratio, latency p99, books) as a JUnit report entry (key {@value
 *       OverloadResult#REPORT_KEY}, what {@code TestReporter} publishes), and prints it to standard
 *       output as {@code [spillway] …}, which Surefire keeps in the test's {@code <system-out>} in
 *       its XML report (Surefire 3.5 does not write report entries there);
 *   <li>writes a report of each run (see below) and prints its console line, {@code spillway:
 *       <VERDICT> <run id> (HWM … · shed … · p99 …) file:///…/runs/<run id>.html}.
 * </ul>
 *
 * <p><b>Reports.</b> Each run's result is written as JSON (schema {@code spillway.run/1}) and as a
 * self-contained HTML page with its charts. The run's id is the test's {@code Class.method}
 * (file-safe), so a baseline of figures can be kept per test ({@code ReportTool --check}). Once
 * every test has run, the extension rebuilds the report's {@code index.html} (the survival matrix:
 * design × scenario, see {@link ReportAs}) from every result in the report's {@code runs/}
 * directory, earlier runs' too, and prints where it is: {@code spillway: report index
 * file:///…/index.html (N runs written now)}. Two JUnit configuration parameters (also read from
 * system properties and {@code junit-platform.properties}) control it: {@code spillway.report.dir}
 * — the report's directory, relative to the working directory (a module's directory under Maven
 * Surefire), default {@code target/spillway} — and {@code spillway.report.enabled}, {@code true}
 * (the default) or {@code false}. A report that cannot be written is said on standard error and
 * does not fail the test.
 *
 * <p><b>The watchdog's deadline.</b> Before a load runs, the test must end within {@link
 * #setupTimeout()} of its start. When a load starts at {@code s}, the deadline moves to {@code s +
 * planned duration + drain bound (}{@link DrainsWithin}{@code ) + settle limit (}{@link
 * #settleLimit()}{@code ) + grace + 1s}. The load driver has its own, earlier deadline ({@code s +
 * planned duration + grace}), after which it stops sending and interrupts its senders; a run that
 * hits it fails the test with the driver's account of what was left unsent or unfinished.
 *
 * <p>Because the body runs on another thread than JUnit's, code that depends on thread-locals set
 * up by other extensions (as with JUnit's {@code @Timeout(threadMode = SEPARATE_THREAD)}) does not
 * see them in the body.
 *
 * <p>Durations in Spillway's annotations are written as an integer and a unit (spaces allowed, as
 * in {@code "4 s"}): {@code ns}, {@code us}, {@code ms}, {@code s}, {@code m} or {@code h}, for
 * example {@code "250ms"} or {@code "4s"}; at most one day.
 *
 * <p>An overload test is a plain {@link Test}: to parameterize or repeat one, put {@link Overload}
 * (the same attributes, without the {@code @Test}) on a {@code @ParameterizedTest} or {@link
 * org.junit.jupiter.api.RepeatedTest}.
 */
@API(status = EXPERIMENTAL, since = "0.1")
@Target({METHOD, ANNOTATION_TYPE})
@Retention(RUNTIME)
@Documented
@Test
@Overload
public @interface OverloadTest {

  /** The tag every overload test carries. */
  String TAG = "overload";

  /** The exclusive resource every overload test locks. */
  String LOCK = "dev.spillway.junit.flood";

  /**
   * How long the test may run beyond its plan: the load driver may still send late messages and
   * finish sends for this long after the planned duration, and the watchdog adds it to the test's
   * deadline (see above). A duration in [0s, 1 day]; default {@code "5s"}.
   */
  String grace() default "5s";

  /**
   * How long the body may run before it starts a load: building the component, starting its servers
   * or containers. A test that runs no load must end within it. A duration in (0s, 1 day]; default
   * {@code "30s"}.
   */
  String setupTimeout() default "30s";

  /**
   * How often the recorder samples the depth of every watched queue. A duration in [100us, 1s];
   * default {@code "1ms"}.
   */
  String sampleEvery() default "1ms";

  /**
   * The most time the books may take to settle after the load (see {@link OverloadHarness}: the
   * backlog is given twice the time the measured service rate needs for it, at least 1 s — more,
   * when it drains more slowly than that rate predicts — and at most this). A backlog still
   * draining then is an overflow, not a loss. A duration in [0s, 10m]; default {@code "10s"};
   * {@code "0s"} reads the books once, without waiting.
   */
  String settleLimit() default "10s";
}
