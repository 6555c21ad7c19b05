package dev.spillway.gatling.scenarios;

import static io.gatling.javaapi.core.CoreDsl.global;
import static io.gatling.javaapi.core.CoreDsl.scenario;

import dev.spillway.gatling.Spillway;
import dev.spillway.gatling.WatchedQueue;
import dev.spillway.toolkit.verdict.Verdict;

/**
 * Overflow reproduction: the {@link SeedSpike} against {@code singleton} (one 5 ms consumer, μ ≈
 * 200/s). Passes when Spillway's verdict is OVERFLOWED and the queue grew at λ − μ (λ and μ the
 * slopes of the server's sent and processed counters over the verdict's late window), and every
 * request was answered 202.
 */
public class OverflowReproductionSimulation extends SampleTargetSimulation {

  static final String DESIGN = "singleton";

  public OverflowReproductionSimulation() {
    super(
        server ->
            Spillway.builder("gatling.overflow-reproduction")
                .metrics(server.metrics())
                .watch(
                    WatchedQueue.spillwayMetrics(DESIGN)
                        .withHighWaterMark(SampleServer.highWaterMark(DESIGN, DESIGN))
                        .expecting(Verdict.OVERFLOWED)
                        .checkingGrowthAgainstRates())
                .scenario(SeedSpike.SCENARIO)
                .profile(SeedSpike.PROFILE)
                .simulation(OverflowReproductionSimulation.class)
                .build());
    setUp(
            scenario("seed spike on " + DESIGN)
                .exec(postEvent(DESIGN, SampleTargetSimulation::userKey, false))
                .injectOpen(spillway.injection())
                .andThen(spillway.verdict()))
        .protocols(protocol)
        .assertions(spillway.assertion(), global().failedRequests().count().is(0L));
  }
}
