package dev.spillway.junit.wiremock;

import dev.spillway.junit.OverloadHooks;

/**
 * Starts the downstream of a {@link WireMockDownstream} test; the only class of the extension that
 * touches WireMock, loaded once WireMock is known to be on the class path.
 */
final class Downstreams {

  private Downstreams() {}

  /**
   * Starts a {@link WireMockChaos} with {@code requestThreads}, its threads named after {@code
   * test}, its changes going to the test's run and its bottleneck caveat added to it.
   *
   * @return the started {@link WireMockChaos}, to be closed when the test ends
   */
  static AutoCloseable start(int requestThreads, String test, OverloadHooks hooks) {
    WireMockChaos downstream =
        WireMockChaos.withRequestThreads(requestThreads).named(test).events(hooks.events()).start();
    hooks.addCaveat(downstream.bottleneckCaveat());
    return downstream;
  }
}
