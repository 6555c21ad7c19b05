package dev.spillway.gatling.scenarios;

import static io.gatling.javaapi.core.CoreDsl.global;
import static io.gatling.javaapi.core.CoreDsl.scenario;

import dev.spillway.gatling.Injection;
import dev.spillway.gatling.Spillway;
import dev.spillway.gatling.WatchedQueue;
import dev.spillway.toolkit.load.LoadProfile;
import dev.spillway.toolkit.verdict.Verdict;
import java.time.Duration;

/**
 * Flood: 1 s at 500/s against {@code bounded}, whose consumer takes {@value #SERVICE_MILLIS} ms
 * here (μ = 50/s): ten times the design's capacity, while the HTTP front and Gatling, sharing two
 * cores, stay well within theirs. Passes when the verdict is SHED (the queue filled and the excess
 * was refused), the exact high-water mark stayed within the bound ({@code spillway.bound.bounded},
 * default 100), the server's books match the answers (every refusal was a 503 with {@code
 * Retry-After}, nothing lost) and nothing else failed.
 */
public class FloodSimulation extends SampleTargetSimulation {

  static final String DESIGN = "bounded";

  /** The consumer's service time here, in milliseconds. */
  static final int SERVICE_MILLIS = 20;

  static final LoadProfile BURST =
      LoadProfile.builder().constant(500).perSecond().during(Duration.ofSeconds(1)).build();

  public FloodSimulation() {
    super(
        server ->
            Spillway.builder("gatling.flood")
                .metrics(server.metrics())
                .watch(
                    WatchedQueue.spillwayMetrics(DESIGN)
                        .withHighWaterMark(SampleServer.highWaterMark(DESIGN, DESIGN))
                        .withCapacity(100)
                        .withBound(bound("spillway.bound.bounded", 100))
                        .expecting(Verdict.SHED))
                .scenario("flood 500/s for 1 s at 10× capacity")
                .profile(BURST)
                .simulation(FloodSimulation.class)
                .build(),
        "--service-time",
        SERVICE_MILLIS + "ms");
    setUp(
            scenario("flood on " + DESIGN)
                .exec(postEvent(DESIGN, SampleTargetSimulation::userKey, true))
                .injectOpen(Injection.of(BURST))
                .andThen(spillway.verdict()))
        .protocols(protocol)
        .assertions(spillway.assertion(), global().failedRequests().count().is(0L));
  }
}
