package dev.spillway.gatling.scenarios;

import static io.gatling.javaapi.core.CoreDsl.global;
import static io.gatling.javaapi.core.CoreDsl.scenario;

import dev.spillway.gatling.Injection;
import dev.spillway.gatling.Spillway;
import dev.spillway.gatling.WatchedQueue;
import dev.spillway.toolkit.load.LoadProfile;
import dev.spillway.toolkit.verdict.Verdict;
import io.gatling.javaapi.core.Session;
import java.time.Duration;

/**
 * Hot key: 300/s for 2 s against {@code partitioned} (four 5 ms consumers, 800/s together), nine
 * events in ten with the same key. The design as a whole has room, but the hot key's partition gets
 * ~277/s against its 200/s: it must overflow (verdict OVERFLOWED, growing at λ − μ is not checked:
 * the counters are the design's, not the partition's), and only it — every other partition must
 * survive and stay within {@value #COLD_BOUND} messages. The design's books must match the answers,
 * all 202.
 */
public class HotKeySimulation extends SampleTargetSimulation {

  static final String DESIGN = "partitioned";

  static final int PARTITIONS = 4;

  /** The key nine in ten events carry. */
  static final String HOT_KEY = "hot-key";

  /** The depth no partition but the hot one may exceed. */
  static final long COLD_BOUND = 20;

  static final LoadProfile LOAD =
      LoadProfile.builder().constant(300).perSecond().during(Duration.ofSeconds(2)).build();

  public HotKeySimulation() {
    super(HotKeySimulation::spillway);
    setUp(
            scenario("hot key on " + DESIGN)
                .exec(postEvent(DESIGN, HotKeySimulation::key, false))
                .injectOpen(Injection.of(LOAD))
                .andThen(spillway.verdict()))
        .protocols(protocol)
        .assertions(spillway.assertion(), global().failedRequests().count().is(0L));
  }

  private static Spillway spillway(SampleServer server) {
    Spillway.Builder b =
        Spillway.builder("gatling.hot-key")
            .metrics(server.metrics())
            .scenario("hot key 300/s, 90% one key")
            .profile(LOAD)
            .simulation(HotKeySimulation.class);
    // the design's books are the design's; each partition is judged on its own depth
    b.watch(WatchedQueue.spillwayMetrics(DESIGN).withDesign(DESIGN).expecting(Verdict.OVERFLOWED));
    int hot = partitionOf(HOT_KEY, PARTITIONS);
    for (int i = 0; i < PARTITIONS; i++) {
      String queue = DESIGN + "-" + i;
      WatchedQueue partition =
          WatchedQueue.of(queue, SampleServer.depth(DESIGN, queue))
              .withHighWaterMark(SampleServer.highWaterMark(DESIGN, queue));
      b.watch(
          i == hot
              ? partition.expecting(Verdict.OVERFLOWED)
              : partition.withBound(COLD_BOUND).expecting(Verdict.SURVIVED));
    }
    return b.build();
  }

  /**
   * The key of a virtual user: nine in ten the hot key, every tenth one of 1,000 others in turn.
   */
  static Object key(Session session) {
    long id = session.userId();
    return id % 10 == 0 ? "user-" + (id / 10) % 1000 : HOT_KEY;
  }

  /**
   * The server's partition of {@code key}: a copy of its stable hash (sample-targets' {@code
   * MailboxTracker.partitionOf}, which is internal there; {@code String.hashCode} is specified, so
   * it is stable across JVMs).
   */
  static int partitionOf(String key, int partitions) {
    int h = key.hashCode();
    h ^= h >>> 16;
    h *= 0x85ebca6b;
    h ^= h >>> 13;
    return Math.floorMod(h, partitions);
  }
}
