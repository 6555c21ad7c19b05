package dev.spillway.gatling;

import static io.gatling.javaapi.core.CoreDsl.global;
import static io.gatling.javaapi.core.CoreDsl.scenario;

import io.gatling.javaapi.core.PopulationBuilder;
import io.gatling.javaapi.core.ScenarioBuilder;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Overflow reproduction: the seed incident's spike (150/s, then 250/s held for 4 s, then 150/s)
 * against the singleton design (one 5 ms consumer, about 200/s, behind an unbounded queue). It
 * asserts, from {@code /metrics.json}, that the queue grew during the spike at about λ − μ — the
 * proof that this load drowns the weak design, so that the survival gate's passes mean something.
 *
 * <p>Fails the build when any request fails (the singleton must accept every event with 202), or
 * when one of the {@link GrowthCheck} verdicts does not hold (the final metrics poll fails).
 */
public class OverflowReproductionSimulation extends SpillwaySimulation {

  static final String DESIGN = "singleton";

  static final LoadShape SPIKE = LoadShape.SEED_SPIKE;

  /** The part of the spike the growth is fitted over: its first half second is the transient. */
  static final Duration FIT_FROM = SPIKE.startOf(LoadShape.SPIKE_STEP).plusMillis(500);

  static final Duration FIT_TO = SPIKE.endOf(LoadShape.SPIKE_STEP).minusMillis(200);

  public OverflowReproductionSimulation() {
    super(
        "overflow-reproduction",
        Target.IN_PROCESS,
        List.of(new SummaryWindow(DESIGN, FIT_FROM, FIT_TO)));
    ScenarioBuilder load =
        scenario("spike on " + DESIGN)
            .exec(
                requests.postEvent(
                    DESIGN, DESIGN, session -> "user-" + session.userId() % 1000, Set.of(202)));
    PopulationBuilder metrics =
        poller(
            SPIKE.end(),
            Map.of(DESIGN, SPIKE.requests()),
            List.of(),
            log -> {
              GrowthCheck check =
                  new GrowthCheck(
                      log.growth(DESIGN, DesignSample::depth, FIT_FROM, FIT_TO),
                      log.growth(DESIGN, DesignSample::sent, FIT_FROM, FIT_TO),
                      log.growth(DESIGN, DesignSample::processed, FIT_FROM, FIT_TO),
                      SPIKE.step(LoadShape.SPIKE_STEP).perSecond());
              return check.verdicts(DESIGN);
            });
    setUp(load.injectOpen(SPIKE.injection()), metrics)
        .protocols(protocol)
        .assertions(global().failedRequests().count().is(0L));
  }
}
