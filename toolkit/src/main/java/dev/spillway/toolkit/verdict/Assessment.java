package dev.spillway.toolkit.verdict;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import dev.spillway.toolkit.ledger.LedgerSnapshot;
import dev.spillway.toolkit.ledger.Rates;
import dev.spillway.toolkit.ledger.SettledBooks;
import dev.spillway.toolkit.load.PhaseReport;
import dev.spillway.toolkit.record.DepthStats;
import dev.spillway.toolkit.record.Growth;
import dev.spillway.toolkit.util.Preconditions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import org.apiguardian.api.API;

/**
 * A verdict, its explanation in numbers, and every figure it was computed from.
 *
 * @param verdict the verdict
 * @param explanation one paragraph with the numbers behind the verdict, ending with {@code ";
 *     CAVEAT: …"} for each caveat
 * @param probe the probe whose queue was judged
 * @param depth the depth figures over the whole trace
 * @param growth the growth over the late window (the end of the load): the one growth figure the
 *     verdict, the summary line and the report all show
 * @param finalGrowth the growth over the late window's second half (is it still growing?)
 * @param settled the books and how they settled
 * @param rates λ and μ, if they were given
 * @param loadStart when the load started, from the trace's start
 * @param loadEnd when it ended
 * @param drainTime how long after the load the depth took to reach the drain level; empty if it
 *     never did within the trace
 * @param timeToLimit at the measured growth, how long from the end of the load until the depth
 *     reaches {@code forecastLimit}; empty unless the depth grew significantly
 * @param forecastLimit the depth forecasts count towards: the queue's capacity, else its bound,
 *     else the rules' forecast limit, whichever is smallest
 * @param heldPhase the phase in which the target held up the largest share of the sends, if it held
 *     any (see {@link PhaseReport#heldMessages()})
 * @param rules the rules applied
 * @param caveats reasons why the figures may not be the target's own (a downstream that limited the
 *     service rate, say); usually empty
 * @param gcTrend how the depth, μ and the GC's share of the time moved from the early part of the
 *     load window to the late one, when the evidence carried {@linkplain Evidence#withGcActivity GC
 *     activity} and both parts could be measured; see {@link #gcSpiral()}
 */
@API(status = EXPERIMENTAL, since = "0.1")
public record Assessment(
    Verdict verdict,
    String explanation,
    String probe,
    DepthStats depth,
    Growth growth,
    Growth finalGrowth,
    SettledBooks settled,
    Optional<Rates> rates,
    Duration loadStart,
    Duration loadEnd,
    Optional<Duration> drainTime,
    Optional<Duration> timeToLimit,
    long forecastLimit,
    Optional<PhaseReport> heldPhase,
    VerdictRules rules,
    List<String> caveats,
    Optional<GcTrend> gcTrend) {

  /** Validates the components and copies the list. */
  public Assessment {
    Preconditions.notNull(verdict, "verdict");
    Preconditions.notBlank(explanation, "explanation");
    Preconditions.notBlank(probe, "probe name");
    Preconditions.notNull(depth, "depth");
    Preconditions.notNull(growth, "growth");
    Preconditions.notNull(finalGrowth, "final growth");
    Preconditions.notNull(settled, "settled books");
    Preconditions.notNull(rates, "rates");
    Preconditions.notNull(loadStart, "load start");
    Preconditions.notNull(loadEnd, "load end");
    Preconditions.notNull(drainTime, "drain time");
    Preconditions.notNull(timeToLimit, "time to limit");
    Preconditions.positive(forecastLimit, "forecast limit");
    Preconditions.notNull(heldPhase, "held phase");
    Preconditions.notNull(rules, "rules");
    caveats = List.copyOf(Preconditions.notNull(caveats, "caveats"));
    Preconditions.notNull(gcTrend, "GC trend");
  }

  /**
   * Whether the run was a GC death spiral ({@link GcTrend#isSpiral()}): the explanation then names
   * it, with its figures. False when no GC activity was recorded.
   */
  public boolean gcSpiral() {
    return gcTrend.map(GcTrend::isSpiral).orElse(false);
  }

  /** The books (the settled reading). */
  public LedgerSnapshot ledger() {
    return settled.books();
  }

  /** Messages proven lost: see {@link SettledBooks#provenLost()}. */
  public long lost() {
    return settled.provenLost();
  }

  /** λ − μ, the growth the rates predict, if rates were given. */
  public OptionalDouble predictedGrowthPerSecond() {
    return rates.isPresent()
        ? OptionalDouble.of(rates.get().excessPerSecond())
        : OptionalDouble.empty();
  }

  /**
   * A copy with {@code more} caveats: each is added to {@link #caveats()} and to the end of the
   * explanation as {@code "; CAVEAT: <caveat>"}.
   */
  public Assessment withCaveats(List<String> more) {
    Preconditions.notNull(more, "caveats");
    if (more.isEmpty()) {
      return this;
    }
    StringBuilder text = new StringBuilder(explanation);
    List<String> all = new ArrayList<>(caveats);
    for (String caveat : more) {
      Preconditions.notBlank(caveat, "caveat");
      text.append("; CAVEAT: ").append(caveat);
      all.add(caveat);
    }
    return new Assessment(
        verdict,
        text.toString(),
        probe,
        depth,
        growth,
        finalGrowth,
        settled,
        rates,
        loadStart,
        loadEnd,
        drainTime,
        timeToLimit,
        forecastLimit,
        heldPhase,
        rules,
        all,
        gcTrend);
  }

  /** {@code "<VERDICT>: <explanation>"}. */
  public String summary() {
    return verdict + ": " + explanation;
  }
}
