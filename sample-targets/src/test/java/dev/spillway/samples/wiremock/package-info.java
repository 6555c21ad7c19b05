/**
 * WireMock as the slow and faulty downstream of the sample designs: {@link
 * dev.spillway.samples.wiremock.WireMockChaos} runs an in-process WireMock whose answers can be
 * slowed down (with the toolkit's delay models, mapped by {@link
 * dev.spillway.samples.wiremock.WireMockDelays}) or made to fail (connection resets, empty
 * responses, malformed chunks, error statuses) while a test runs, and reports whether WireMock's
 * own thread pool limited the service rate ({@link dev.spillway.samples.wiremock.DownstreamStats}).
 *
 * <p>These types live in the sample targets' test sources because they need WireMock, which the
 * toolkit must not depend on. They are written to move into {@code junit-extension} (WireMock as an
 * optional dependency, loaded only when used): plain {@link AutoCloseable} handles with a small
 * public API and no JUnit types.
 */
package dev.spillway.samples.wiremock;
