package dev.spillway.gatling.scenarios;

import static io.gatling.javaapi.core.CoreDsl.atOnceUsers;
import static io.gatling.javaapi.core.CoreDsl.exec;
import static io.gatling.javaapi.core.CoreDsl.global;
import static io.gatling.javaapi.core.CoreDsl.scenario;
import static io.gatling.javaapi.http.HttpDsl.http;
import static io.gatling.javaapi.http.HttpDsl.status;

import dev.spillway.gatling.Spillway;
import dev.spillway.gatling.WatchedQueue;
import io.gatling.javaapi.core.ChainBuilder;
import io.gatling.javaapi.core.PopulationBuilder;
import io.gatling.javaapi.core.Simulation;
import io.gatling.javaapi.http.HttpRequestActionBuilder;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.LongAdder;

/**
 * The poller's cost on Gatling's throughput (issue 14; a benchmark, not a gate). Gatling's virtual
 * users send {@code GET /health} — answered on the sample server's reactor thread, nothing behind
 * it — back to back (a closed model: each user sends its next request when the last one is
 * answered), so the figure is what Gatling and a trivial target reach together on this machine: its
 * ceiling.
 *
 * <p>First a warm-up (5 s), then a calibration: a few seconds at each concurrency of {@value
 * #LEVELS_PROPERTY} (default 1, 4, 16, 64, 256), without Spillway, to show where the ceiling is.
 * Then {@value #CYCLES_PROPERTY} cycles (default 8), each one round of every variant in a shuffled
 * order, {@value #ROUND_PROPERTY} seconds each (default 5), at {@value #USERS_PROPERTY} users
 * (default 64):
 *
 * <ul>
 *   <li>{@code off}: no Spillway at all;
 *   <li>{@code send-only}: each request through {@link Spillway#send} (which counts its answer and
 *       keeps its response time), no poller: what the attachment costs on Gatling's side alone;
 *   <li>{@code poll-100ms}: the whole attachment — {@link Spillway#send} around each request and
 *       the poller ({@link Spillway#start()}) at its default interval, 100 ms;
 *   <li>{@code poll-10ms}: the same at an aggressive interval, 10 ms.
 * </ul>
 *
 * <p>The poller watches the {@code singleton} design as {@link OverflowReproductionSimulation} does
 * (depth, exact high-water mark, books, growth against λ − μ: three reads of {@code /metrics} per
 * tick, the heaviest sampling of the four simulations). The result is each variant's throughput
 * against the {@code off} round of the same cycle: paired, so that the two cores' background load
 * falls on both. After the run it prints a table (medians and quartiles of the paired ratios).
 *
 * <p>Not run by {@code gatling:test} without a simulation class nor by {@code verify} (the pom
 * excludes it); run it by name:
 *
 * <pre>
 * ./mvnw -B -pl gatling-scenarios -am verify -DskipTests -Dgatling.skip=false \
 *     -Dgatling.noReports=true -Dspillway.bench.cycles=10 \
 *     -Dgatling.simulationClass=dev.spillway.gatling.scenarios.PollerCostSimulation
 * </pre>
 *
 * <p>The figures and what they say: benchmarks/README.md, "Poller cost (Gatling)".
 */
public class PollerCostSimulation extends Simulation {

  static final String LEVELS_PROPERTY = "spillway.bench.levels";
  static final String CYCLES_PROPERTY = "spillway.bench.cycles";
  static final String ROUND_PROPERTY = "spillway.bench.round.seconds";
  static final String USERS_PROPERTY = "spillway.bench.users";

  /** The variants, in the table's order; {@code off} first: the others are paired with it. */
  static final List<String> VARIANTS = List.of("off", "send-only", "poll-100ms", "poll-10ms");

  private static final Duration CALIBRATION_ROUND = Duration.ofSeconds(3);
  private static final Duration WARM_UP = Duration.ofSeconds(5);

  private final SampleServer server = SampleServer.start();
  private final PollerCostRounds rounds = new PollerCostRounds(server.metrics());
  private final List<Spillway> spillways = new ArrayList<>();

  public PollerCostSimulation() {
    int[] levels = levels();
    long cycles = SampleTargetSimulation.bound(CYCLES_PROPERTY, 8);
    Duration round = Duration.ofSeconds(SampleTargetSimulation.bound(ROUND_PROPERTY, 5));
    int users = (int) SampleTargetSimulation.bound(USERS_PROPERTY, 64);

    List<PopulationBuilder> steps = new ArrayList<>();
    // warm first: a calibration on a cold JIT measured 40-50 % below the paired rounds
    addRound(steps, "warm-up", "warm-up", users, WARM_UP, null, false);
    for (int level : levels) {
      addRound(steps, "calibration", "calibrate-" + level, level, CALIBRATION_ROUND, null, false);
    }
    Random shuffle = new Random(14);
    for (int cycle = 1; cycle <= cycles; cycle++) {
      List<String> order = new ArrayList<>(VARIANTS);
      Collections.shuffle(order, shuffle);
      for (String variant : order) {
        Spillway spillway = variant.equals("off") ? null : spillway(variant, cycle);
        addRound(
            steps, "cycle " + cycle, variant, users, round, spillway, variant.startsWith("poll-"));
      }
    }
    steps.add(control("report", rounds::finish));

    PopulationBuilder chain = steps.get(steps.size() - 1);
    for (int i = steps.size() - 2; i >= 0; i--) {
      chain = steps.get(i).andThen(chain);
    }
    setUp(chain)
        .protocols(http.baseUrl(server.baseUrl()).disableWarmUp().userAgentHeader("spillway-bench"))
        .assertions(global().failedRequests().count().is(0L));
  }

  /**
   * One round: its start (the poller started first when {@code polls}), its load (through {@code
   * spillway}'s send when there is one), its end (the poller stopped).
   */
  private void addRound(
      List<PopulationBuilder> steps,
      String group,
      String variant,
      int users,
      Duration length,
      Spillway spillway,
      boolean polls) {
    int index = steps.size();
    LongAdder answered = new LongAdder();
    steps.add(
        control(
            variant + " #" + index + " begins",
            () -> {
              if (polls) {
                spillway.start();
              }
              rounds.begin(group, variant, users, answered);
            }));
    HttpRequestActionBuilder health = http(variant).get("/health").check(status().is(200));
    ChainBuilder request =
        spillway == null ? exec(health) : spillway.send(PollerCostRounds.DESIGN, health);
    steps.add(
        scenario(variant + " #" + index)
            .during(length, false) // finish the iteration: its answer is counted
            .on(
                request.exec(
                    session -> {
                      answered.increment();
                      return session;
                    }))
            .injectOpen(atOnceUsers(users)));
    steps.add(
        control(
            variant + " #" + index + " ends",
            () -> {
              rounds.end();
              if (polls) {
                spillway.stop();
              }
            }));
  }

  private Spillway spillway(String variant, int cycle) {
    Duration interval = Duration.ofMillis(variant.equals("poll-10ms") ? 10 : 100);
    Spillway spillway =
        Spillway.builder("bench.poller-cost." + variant + "." + cycle)
            .metrics(server.metrics())
            .watch(
                WatchedQueue.spillwayMetrics(PollerCostRounds.DESIGN)
                    .withHighWaterMark(
                        SampleServer.highWaterMark(
                            PollerCostRounds.DESIGN, PollerCostRounds.DESIGN))
                    .checkingGrowthAgainstRates())
            .pollEvery(interval)
            .build();
    spillways.add(spillway);
    return spillway;
  }

  /** A population of one user that runs {@code action} once. */
  private static PopulationBuilder control(String name, Runnable action) {
    return scenario(name)
        .exec(
            session -> {
              action.run();
              return session;
            })
        .injectOpen(atOnceUsers(1));
  }

  private static int[] levels() {
    String value = System.getProperty(LEVELS_PROPERTY, "1,4,16,64,256");
    try {
      int[] levels =
          Arrays.stream(value.split(",")).mapToInt(s -> Integer.parseInt(s.trim())).toArray();
      if (levels.length > 0 && Arrays.stream(levels).allMatch(n -> n >= 1)) {
        return levels;
      }
    } catch (NumberFormatException e) {
      // the message below
    }
    throw new IllegalArgumentException(
        "-D"
            + LEVELS_PROPERTY
            + " must be whole numbers >= 1 separated by commas, but was '"
            + value
            + "'");
  }

  @Override
  public void after() {
    try {
      spillways.forEach(Spillway::stop); // a round that failed half-way leaves no poller behind
    } finally {
      server.close();
    }
  }
}
