package dev.spillway.junit.wiremock;

import dev.spillway.junit.OverloadCaveat;
import java.util.Locale;
import java.util.Optional;

/**
 * The caveat of a {@link WireMockChaos} downstream: what it served from the start of the load to
 * its end, and whether its own pool limited the service rate then. One run at a time.
 */
final class BottleneckCaveat implements OverloadCaveat {

  private final WireMockChaos downstream;
  private final ServeCounter counter;
  private volatile ServeCounter.Mark start;

  BottleneckCaveat(WireMockChaos downstream, ServeCounter counter) {
    this.downstream = downstream;
    this.counter = counter;
  }

  @Override
  public void loadStarting() {
    start = counter.mark();
  }

  @Override
  public Optional<String> afterLoad() {
    ServeCounter.Mark from = start;
    if (from == null) {
      return Optional.empty();
    }
    DownstreamStats load = counter.since(from, downstream.requestThreads());
    if (!load.limitsServiceRate()) {
      return Optional.empty();
    }
    return Optional.of(text(load, downstream.url().toString()));
  }

  /** The caveat for {@code load}, the stats of a downstream at {@code url} over the load. */
  static String text(DownstreamStats load, String url) {
    return String.format(
        Locale.ROOT,
        "WireMock's own pool limited the service rate: during the load %,d of the %,d requests to"
            + " the downstream %s (%.0f %%) started while others waited for one of its %d request"
            + " threads (at most %d busy at once), so the service rate measured is the"
            + " downstream's, not the target's; give it more request threads than the target's"
            + " concurrent calls (@WireMockDownstream(requestThreads = ...))",
        load.contended(),
        load.received(),
        url,
        100 * load.contendedShare(),
        load.requestThreads(),
        load.peakBusy());
  }

  @Override
  public String toString() {
    return "BottleneckCaveat[downstream=" + downstream.url() + "]";
  }
}
