package dev.spillway.gatling;

import static io.gatling.javaapi.core.CoreDsl.global;
import static io.gatling.javaapi.core.CoreDsl.scenario;

import io.gatling.javaapi.core.Session;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Hot key: 300 events/s for 4 s against the partitioned design, nine in ten of them for one key. A
 * key always goes to the same partition, so the hot key's partition gets about 270/s — more than
 * its one 5 ms consumer serves — while the others share the remaining 30/s.
 *
 * <p>Gates: on every poll, at most one partition holds more than {@value #COLD_BOUND} messages. At
 * the end, exactly one partition grew (its high-water mark at least {@value #HOT_MIN}, its depth
 * rising by more than three standard errors) and every other one stayed at or below {@value
 * #COLD_BOUND}. Every request must be answered 202.
 */
public class HotKeySimulation extends SpillwaySimulation {

  static final String DESIGN = "partitioned";

  static final LoadShape LOAD = LoadShape.after(Duration.ofMillis(500), 300, Duration.ofSeconds(4));

  /** The key nine in ten events carry. */
  static final String HOT_KEY = "hot-key";

  /** The depth no partition but the hot one may exceed. */
  static final long COLD_BOUND = 20;

  /** The high-water mark the hot partition must reach. */
  static final long HOT_MIN = 100;

  /** The fit window: the load, less its first half second. */
  static final Duration FIT_FROM = LOAD.startOf(0).plusMillis(500);

  static final Duration FIT_TO = LOAD.end().minusMillis(200);

  public HotKeySimulation() {
    super("hot-key", Target.IN_PROCESS, List.of(new SummaryWindow(DESIGN, FIT_FROM, FIT_TO)));
    setUp(
            scenario("hot key on " + DESIGN)
                .exec(requests.postEvent(DESIGN, DESIGN, HotKeySimulation::key, Set.of(202)))
                .injectOpen(LOAD.injection()),
            poller(
                LOAD.end(),
                Map.of(DESIGN, LOAD.requests()),
                List.of(
                    Gate.of(
                        "at most one partition over " + COLD_BOUND,
                        HotKeySimulation::atMostOneHot)),
                this::endOfRun))
        .protocols(protocol)
        .assertions(global().failedRequests().count().is(0L));
  }

  /** The key of virtual user {@code userId}: see {@link #keyOf(long)}. */
  static Object key(Session session) {
    return keyOf(session.userId());
  }

  /** Nine users in ten send the hot key; every tenth one of 1,000 other keys, in turn. */
  static String keyOf(long userId) {
    return userId % 10 == 0 ? "user-" + (userId / 10) % 1000 : HOT_KEY;
  }

  /** The gate on every poll: no more than one partition above {@link #COLD_BOUND}. */
  static List<String> atMostOneHot(MetricsSample sample) {
    List<QueueSample> hot =
        sample.design(DESIGN).queues().stream().filter(q -> q.depth() > COLD_BOUND).toList();
    if (hot.size() <= 1) {
      return List.of();
    }
    return List.of(
        hot.size()
            + " partitions hold more than "
            + COLD_BOUND
            + " messages: "
            + hot.stream().map(q -> q.name() + "=" + q.depth()).toList()
            + " (a hot key should overflow only its own partition)");
  }

  private List<Verdict> endOfRun(MetricsLog log) {
    DesignSample last = log.last().orElseThrow().design(DESIGN);
    List<Verdict> out = new ArrayList<>();
    if (last.queues().size() < 2) {
      out.add(
          Verdict.fail(
              "partitions", "the design has " + last.queues().size() + " queue(s); need >= 2"));
      return out;
    }
    QueueSample hottest =
        last.queues().stream().max(Comparator.comparingLong(QueueSample::highWaterMark)).get();
    var growth = log.growth(DESIGN, d -> d.queue(hottest.name()).depth(), FIT_FROM, FIT_TO);
    boolean grew = hottest.highWaterMark() >= HOT_MIN && growth.isSignificant(GrowthCheck.SIGMAS);
    out.add(
        new Verdict(
            "one partition grew",
            grew,
            String.format(
                Locale.ROOT,
                "%s: high-water mark %d (need >= %d), growth %.1f ± %.1f /s over %d polls",
                hottest.name(),
                hottest.highWaterMark(),
                HOT_MIN,
                growth.slopePerSecond(),
                growth.standardError(),
                growth.points())));
    List<QueueSample> others =
        last.queues().stream().filter(q -> !q.name().equals(hottest.name())).toList();
    boolean low = others.stream().allMatch(q -> q.highWaterMark() <= COLD_BOUND);
    out.add(
        new Verdict(
            "the other partitions stayed low",
            low,
            "high-water marks "
                + others.stream().map(q -> q.name() + "=" + q.highWaterMark()).toList()
                + " (bound "
                + COLD_BOUND
                + ")"));
    return out;
  }
}
