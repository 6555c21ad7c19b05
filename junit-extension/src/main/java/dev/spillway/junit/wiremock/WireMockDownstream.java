package dev.spillway.junit.wiremock;

import static java.lang.annotation.ElementType.ANNOTATION_TYPE;
import static java.lang.annotation.ElementType.METHOD;
import static java.lang.annotation.ElementType.TYPE;
import static java.lang.annotation.RetentionPolicy.RUNTIME;
import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import java.lang.annotation.Documented;
import java.lang.annotation.Retention;
import java.lang.annotation.Target;
import org.apiguardian.api.API;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Gives the test a slow and faulty downstream: an in-process WireMock on 127.0.0.1, as a {@link
 * WireMockChaos} parameter of the test method (or of its {@code @BeforeEach} and {@code @AfterEach}
 * methods, which get the same one).
 *
 * <pre>{@code
 * @OverloadTest
 * @ConstantLoad(rate = 250, duration = "2s")
 * @WireMockDownstream(requestThreads = 32)
 * void singletonBehindA5msDownstream(OverloadHarness harness, WireMockChaos downstream) {
 *   downstream.slow(Delay.fixed(Duration.ofMillis(5)));
 *   EventTracker singleton = Designs.singleton(Downstream.http(downstream.url(), ofSeconds(2)));
 *   ...
 * }
 * }</pre>
 *
 * <p><b>Lifecycle.</b> The attributes are checked before anything starts: a value out of range
 * fails the test with an {@code ExtensionConfigurationException} naming the annotation, the
 * attribute, the value and the allowed range, and no server is started. The server starts when the
 * first parameter asks for it, answering 202 at once to every request; it lives in the test's
 * {@code ExtensionContext.Store} and is stopped when the test ends, even when it fails (after the
 * resources the test started later, such as an overload run's consumers). Each test gets its own
 * server, on a port of its own. Its Jetty threads are named {@code spillway-wiremock-<test
 * method>-<n>}.
 *
 * <p><b>With an {@code @OverloadTest}.</b> The downstream's changes ({@code slow}, {@code fail},
 * {@code failing}, …) are {@code INJECTION} events on the run's timeline, and its {@linkplain
 * WireMockChaos#bottleneckCaveat() bottleneck caveat} is added to the run: when, during the load,
 * more than {@linkplain DownstreamStats#LIMITING_SHARE 5 %} of the requests had to wait for one of
 * WireMock's request threads, the run's {@code OverloadResult} (its caveats, its summary, the
 * explanation of its verdict) and its report say that WireMock's own pool limited the service rate,
 * with the numbers — so that the target is not blamed for the downstream's limit. Tie chaos to a
 * phase of the load with {@code harness.during("spike peak", () ->
 * downstream.failing(Fault.CONNECTION_RESET_BY_PEER))}.
 *
 * <p><b>Dependency.</b> WireMock is an optional dependency of the extension: add {@code
 * org.wiremock:wiremock} (test scope; the extension is built and tested with 3.13.2) next to it.
 * Without it, a test using this annotation fails with an {@code ExtensionConfigurationException}
 * that says so; tests that do not use it never load WireMock. {@code wiremock-standalone} does not
 * work (its Jetty is relocated).
 *
 * <p>On the annotated method, on the test class (each test gets its own server) or on an annotation
 * composed with it; the nearest one counts.
 */
@API(status = EXPERIMENTAL, since = "0.1")
@Target({METHOD, TYPE, ANNOTATION_TYPE})
@Retention(RUNTIME)
@Documented
@ExtendWith(WireMockDownstreamExtension.class)
public @interface WireMockDownstream {

  /** The default of {@link #requestThreads()}. */
  int DEFAULT_REQUEST_THREADS = 32;

  /**
   * How many requests WireMock serves at once ({@link WireMockChaos#requestThreads()}), in [1,
   * {@value WireMockChaos#MAX_REQUEST_THREADS}]; default {@value #DEFAULT_REQUEST_THREADS}. A
   * delayed answer holds a thread for the whole delay: give it more than the target calls it
   * concurrently (a design's consumer count, a sender pool's threads), unless the test is about the
   * downstream's limit. Jetty's acceptor and selector threads come on top.
   */
  int requestThreads() default DEFAULT_REQUEST_THREADS;
}
