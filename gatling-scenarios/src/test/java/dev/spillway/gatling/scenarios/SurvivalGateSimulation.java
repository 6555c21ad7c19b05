package dev.spillway.gatling.scenarios;

import static io.gatling.javaapi.core.CoreDsl.global;
import static io.gatling.javaapi.core.CoreDsl.scenario;

import dev.spillway.gatling.Spillway;
import dev.spillway.gatling.WatchedQueue;
import io.gatling.javaapi.core.PopulationBuilder;
import java.time.Duration;

/**
 * Survival gate: the {@link SeedSpike} against {@code partitioned}, then {@code bounded}, then
 * {@code sentinel-watched}, one after the other (at once, the three spikes pushed the answers' p99
 * to 570–580 ms on a busy 2-core machine, load average 7, and broke the bound; each design's load
 * window starts with its first request). Each design must come through with a healthy verdict
 * (SHED, PUSHED_BACK or SURVIVED), its exact high-water mark within its bound, the p99 of its
 * answers within {@code spillway.p99.ms} (default 500 ms: a design that made its callers wait for
 * room would sit near a second), its books matching the answers, and every request answered 202 (or
 * 503 with {@code Retry-After} where it may shed).
 *
 * <p>Bounds ({@code -Dspillway.bound.<design>}): partitioned 50 (its four queues together; they
 * serve 800/s), bounded 100 (its capacity), sentinel-watched 116 — the enable threshold (100) plus
 * one per handler thread (16), since shedding is decided before the enqueue and each handler thread
 * may have one admitted message on its way in when the threshold is crossed.
 */
public class SurvivalGateSimulation extends SampleTargetSimulation {

  public SurvivalGateSimulation() {
    super(
        server -> {
          Duration p99 = Duration.ofMillis(bound("spillway.p99.ms", 500));
          return Spillway.builder("gatling.survival-gate")
              .metrics(server.metrics())
              .watch(
                  WatchedQueue.spillwayMetrics("partitioned")
                      .withBound(bound("spillway.bound.partitioned", 50))
                      .withP99AtMost(p99))
              .watch(
                  WatchedQueue.spillwayMetrics("bounded")
                      .withHighWaterMark(SampleServer.highWaterMark("bounded", "bounded"))
                      .withCapacity(100)
                      .withBound(bound("spillway.bound.bounded", 100))
                      .withP99AtMost(p99))
              .watch(
                  WatchedQueue.spillwayMetrics("sentinel-watched")
                      .withHighWaterMark(
                          SampleServer.highWaterMark("sentinel-watched", "sentinel-watched"))
                      .withBound(bound("spillway.bound.sentinel-watched", 116))
                      .withP99AtMost(p99))
              .scenario(SeedSpike.SCENARIO)
              .profile(SeedSpike.PROFILE)
              .simulation(SurvivalGateSimulation.class)
              .build();
        });
    // one after the other: the verdict starts when the last spike's users are done
    setUp(
            spike("partitioned", false)
                .andThen(
                    spike("bounded", true)
                        .andThen(spike("sentinel-watched", true).andThen(spillway.verdict()))))
        .protocols(protocol)
        .assertions(spillway.assertion(), global().failedRequests().count().is(0L));
  }

  private PopulationBuilder spike(String design, boolean mayShed) {
    return scenario("seed spike on " + design)
        .exec(postEvent(design, SampleTargetSimulation::userKey, mayShed))
        .injectOpen(spillway.injection());
  }
}
