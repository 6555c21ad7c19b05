package dev.spillway.gatling;

import static io.gatling.javaapi.core.CoreDsl.global;
import static io.gatling.javaapi.core.CoreDsl.scenario;

import dev.spillway.samples.server.ServerOptions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Flood: a 2 s burst at ten times the bounded design's capacity, against the bounded design. The
 * in-process server's consumer takes {@value #SERVICE_MILLIS} ms per event here, so its capacity is
 * 50/s and the burst 500/s: ten times the design's capacity, while the HTTP front and Gatling,
 * sharing two cores, stay well within theirs (at 2,000/s on a busy machine the run measured the
 * machine, with answers taking seconds).
 *
 * <p>The server must keep serving: every request is answered, 202 or 503 with {@code Retry-After}
 * (nothing else, no timeouts), and every metrics poll is answered (within {@code
 * spillway.poll.max.ms}, default 5 s), during the burst and for a second after it. The bound must
 * hold on every poll ({@code spillway.bound.bounded}, default 100). At the end, the server's books
 * must match the responses (every rejected request got its 503, see {@link Books}), and the burst
 * must have filled the queue to its capacity and been rejected in part — otherwise it was no flood.
 */
public class FloodSimulation extends SpillwaySimulation {

  static final String DESIGN = "bounded";

  /** The in-process consumer's service time, in milliseconds. */
  static final int SERVICE_MILLIS = 20;

  /**
   * The in-process server: {@link Target#IN_PROCESS} with a {@value #SERVICE_MILLIS} ms consumer.
   */
  static final ServerOptions SERVER =
      Target.inProcessWithServiceTime(Duration.ofMillis(SERVICE_MILLIS));

  /** The bounded design's capacity in events/s: one consumer. */
  static final double CAPACITY_PER_SECOND = 1000.0 / SERVICE_MILLIS;

  static final LoadShape BURST =
      LoadShape.after(Duration.ofMillis(500), 10 * CAPACITY_PER_SECOND, Duration.ofSeconds(2));

  /** The gate, read when the class is loaded (a bad setting fails before the target starts). */
  static final QueueBound BOUND =
      SurvivalGateSimulation.bounds(Settings.system()).stream()
          .filter(b -> b.design().equals(DESIGN))
          .findFirst()
          .orElseThrow();

  public FloodSimulation() {
    super("flood", SERVER, List.of(new SummaryWindow(DESIGN, BURST.startOf(0), BURST.end())));
    setUp(
            scenario("flood on " + DESIGN)
                .exec(
                    requests.postEvent(
                        DESIGN,
                        DESIGN,
                        session -> "user-" + session.userId() % 1000,
                        Set.of(202, 503)))
                .injectOpen(BURST.injection()),
            poller(
                BURST.end().plusSeconds(1),
                Map.of(DESIGN, BURST.requests()),
                List.of(BOUND),
                this::endOfRun))
        .protocols(protocol)
        .assertions(global().failedRequests().count().is(0L));
  }

  private List<Verdict> endOfRun(MetricsLog log) {
    DesignSample first = log.baseline(DESIGN).orElseThrow();
    DesignSample last = log.last().orElseThrow().design(DESIGN);
    List<Verdict> out = new ArrayList<>();
    out.add(Books.verdict(DESIGN, book.stats(DESIGN), first, last));
    long rejected = last.rejected() - first.rejected();
    long capacity = last.queues().get(0).capacity();
    boolean flooded = rejected > 0 && capacity > 0 && last.highWaterMark() >= capacity;
    out.add(
        new Verdict(
            "the burst filled the queue",
            flooded,
            "high-water mark "
                + last.highWaterMark()
                + " (capacity "
                + (capacity > 0 ? capacity : "unbounded")
                + "), "
                + rejected
                + " of "
                + (last.sent() - first.sent())
                + " rejected"));
    return out;
  }
}
