package dev.spillway.report;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import dev.spillway.toolkit.util.Preconditions;
import dev.spillway.toolkit.verdict.Verdict;
import java.time.Duration;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalLong;
import org.apiguardian.api.API;

/**
 * The headline figures of a run, as the survival matrix shows them and the {@link BaselineGate}
 * compares them. See {@link RunResult#figures()} for where each comes from.
 *
 * <p>Immutable and thread-safe.
 *
 * @param verdict the verdict, if the run was judged
 * @param highWaterMark the high-water mark of the judged queue (exact when known), if any probe was
 *     watched; &gt;= 0
 * @param drainTime how long the judged queue took to drain after the load; empty when it never did
 *     within the recording, or the run was not judged
 * @param p99 the latency's 99th percentile, if latencies were measured
 * @param shedRatio the share of sent messages that were rejected or dropped, in [0, 1], if known
 */
@API(status = EXPERIMENTAL, since = "0.1")
public record RunFigures(
    Optional<Verdict> verdict,
    OptionalLong highWaterMark,
    Optional<Duration> drainTime,
    Optional<Duration> p99,
    OptionalDouble shedRatio) {

  /** Validates the components. */
  public RunFigures {
    Preconditions.notNull(verdict, "verdict");
    Preconditions.notNull(highWaterMark, "high-water mark");
    if (highWaterMark.isPresent()) {
      Preconditions.notNegative(highWaterMark.getAsLong(), "high-water mark");
    }
    Preconditions.notNull(drainTime, "drain time");
    drainTime.ifPresent(d -> Preconditions.notNegative(d, "drain time"));
    Preconditions.notNull(p99, "p99");
    p99.ifPresent(d -> Preconditions.notNegative(d, "p99"));
    Preconditions.notNull(shedRatio, "shed ratio");
    if (shedRatio.isPresent()) {
      Preconditions.probability(shedRatio.getAsDouble(), "shed ratio");
    }
  }
}
