/**
 * WireMock as the slow and faulty downstream of the component under test. <strong>Needs {@code
 * org.wiremock:wiremock} on the test class path</strong> (an optional dependency of the extension:
 * add it, test scope, version 3.13.2 as tested; not {@code wiremock-standalone}, whose Jetty is
 * relocated). Nothing outside this package loads WireMock: tests that do not use it run without it.
 *
 * <ul>
 *   <li>{@link dev.spillway.junit.wiremock.WireMockDownstream} gives a test a {@link
 *       dev.spillway.junit.wiremock.WireMockChaos} parameter, started before the test and stopped
 *       after it, wired to the test's overload run (its changes on the timeline, its bottleneck
 *       caveat in the result);
 *   <li>{@link dev.spillway.junit.wiremock.WireMockChaos} runs an in-process WireMock whose answers
 *       can be slowed down (with the toolkit's delay models, mapped by {@link
 *       dev.spillway.junit.wiremock.WireMockDelays}) or made to fail (connection resets, empty
 *       responses, malformed chunks, error statuses) while a test runs, imperatively or as {@link
 *       dev.spillway.junit.wiremock.DownstreamChange}s that last until closed — which is what
 *       {@code harness.during(phase, step)} ties to a phase of the load;
 *   <li>{@link dev.spillway.junit.wiremock.DownstreamStats} says what it served and whether
 *       WireMock's own thread pool limited the service rate.
 * </ul>
 *
 * <p>The package-private classes here are not API.
 */
package dev.spillway.junit.wiremock;
