package dev.spillway.gatling;

import static io.gatling.javaapi.core.CoreDsl.global;
import static io.gatling.javaapi.core.CoreDsl.scenario;

import dev.spillway.samples.server.ServerOptions;
import io.gatling.javaapi.core.Assertion;
import io.gatling.javaapi.core.PopulationBuilder;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Survival gate: the seed spike that drowns the singleton ({@link OverflowReproductionSimulation}),
 * sent to each of the three designs meant to survive it — partitioned, bounded and sentinel-watched
 * — one after the other ({@link #SPACING} apart), with a metrics poller beside the load that checks
 * every queue's bound on every poll. One design at a time keeps the response times about the
 * design, not about three loads fighting over two cores.
 *
 * <p>The run fails when
 *
 * <ul>
 *   <li>any poll finds a queue over its bound (depth or exact high-water mark);
 *   <li>any request fails: partitioned must answer 202; bounded and sentinel-watched 202, or 503
 *       with {@code Retry-After} (rejecting and shedding are their way of surviving); anything else
 *       — another status, no response — is a failure;
 *   <li>a design's books do not match the responses ({@link Books});
 *   <li>a design's p99 response time reaches {@value #P99_PROPERTY} (default {@link #P99}).
 * </ul>
 *
 * <p>Bounds, from system properties: {@code spillway.bound.partitioned} (default {@value
 * #PARTITIONED_BOUND}, per partition), {@code spillway.bound.bounded} (default: the in-process
 * capacity, 100) and {@code spillway.bound.sentinel-watched} (default: the in-process enable
 * threshold plus one message per handler thread, 116: shedding is decided before the enqueue, so
 * every handler thread may have one admitted message on its way into the queue when the threshold
 * is crossed).
 */
public class SurvivalGateSimulation extends SpillwaySimulation {

  static final List<String> DESIGNS = List.of("partitioned", "bounded", "sentinel-watched");

  static final LoadShape SPIKE = LoadShape.SEED_SPIKE;

  /** How far apart the designs' spikes start: the spike's length plus half a second. */
  static final Duration SPACING = SPIKE.end().minus(SPIKE.lead()).plusMillis(500);

  /** The property holding the p99 bound in milliseconds. */
  static final String P99_PROPERTY = "spillway.p99.ms";

  /** The default p99 bound for the survivors' responses. */
  static final Duration P99 = Duration.ofMillis(500);

  /** The default per-partition bound of the partitioned design. */
  static final long PARTITIONED_BOUND = 50;

  // read when the class is loaded, so that a bad setting fails before the target starts
  private static final List<QueueBound> BOUNDS = bounds(Settings.system());
  private static final Duration P99_BOUND = Settings.system().millis(P99_PROPERTY, P99);

  private static final Map<String, Set<Integer>> ALLOWED =
      Map.of(
          "partitioned", Set.of(202),
          "bounded", Set.of(202, 503),
          "sentinel-watched", Set.of(202, 503));

  public SurvivalGateSimulation() {
    super(
        "survival-gate",
        Target.IN_PROCESS,
        DESIGNS.stream()
            .map(
                d ->
                    new SummaryWindow(
                        d,
                        spikeOf(d).startOf(LoadShape.SPIKE_STEP),
                        spikeOf(d).endOf(LoadShape.SPIKE_STEP)))
            .toList());
    List<Gate> gates = List.copyOf(BOUNDS);

    List<PopulationBuilder> populations = new ArrayList<>();
    for (String design : DESIGNS) {
      populations.add(
          scenario("spike on " + design)
              .exec(
                  requests.postEvent(
                      design,
                      design,
                      session -> "user-" + session.userId() % 1000,
                      ALLOWED.get(design)))
              .injectOpen(spikeOf(design).injection()));
    }
    Map<String, Long> expected = new HashMap<>();
    DESIGNS.forEach(d -> expected.put(d, SPIKE.requests()));
    populations.add(
        poller(spikeOf(DESIGNS.get(DESIGNS.size() - 1)).end(), expected, gates, this::endOfRun));

    List<Assertion> assertions = new ArrayList<>();
    assertions.add(global().failedRequests().count().is(0L));
    DESIGNS.forEach(d -> assertions.add(p99Below(d, P99_BOUND)));
    setUp(populations).protocols(protocol).assertions(assertions);
  }

  /** The spike sent to {@code design}: the seed spike, delayed by the design's turn. */
  static LoadShape spikeOf(String design) {
    int turn = DESIGNS.indexOf(design);
    return SPIKE.delayedBy(SPACING.multipliedBy(turn));
  }

  /**
   * The bounds of the three designs: system properties over defaults that fit the in-process
   * server's settings ({@link Target#IN_PROCESS}; start an external server with the same flags, or
   * set the properties).
   */
  static List<QueueBound> bounds(Settings settings) {
    ServerOptions o = Target.IN_PROCESS;
    long bounded = o.bound();
    long sentinel = (long) o.sentinelEnable() + o.handlerThreads();
    return List.of(
        new QueueBound(
            "partitioned", settings.positiveLong("spillway.bound.partitioned", PARTITIONED_BOUND)),
        new QueueBound("bounded", settings.positiveLong("spillway.bound.bounded", bounded)),
        new QueueBound(
            "sentinel-watched",
            settings.positiveLong("spillway.bound.sentinel-watched", sentinel)));
  }

  private List<Verdict> endOfRun(MetricsLog log) {
    List<Verdict> out = new ArrayList<>();
    MetricsSample last = log.last().orElseThrow();
    for (String design : DESIGNS) {
      out.add(
          Books.verdict(
              design, book.stats(design), log.baseline(design).orElseThrow(), last.design(design)));
    }
    return out;
  }
}
