package dev.spillway.report;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import dev.spillway.toolkit.load.BackPressure;
import dev.spillway.toolkit.load.Ending;
import dev.spillway.toolkit.load.LoadReport;
import dev.spillway.toolkit.util.Preconditions;
import java.util.Optional;
import org.apiguardian.api.API;

/**
 * What the load driver of a run did: its message counts, how it ended, and whether it fell behind.
 *
 * <p>Immutable and thread-safe.
 *
 * @param planned messages planned; &gt;= 0
 * @param sent messages sent; &gt;= 0
 * @param accepted sends the target accepted; &gt;= 0
 * @param rejected sends the target rejected; &gt;= 0
 * @param failed sends that failed; &gt;= 0
 * @param unfinished sends not finished when the run ended; &gt;= 0
 * @param notSent planned messages never sent; &gt;= 0
 * @param ending how the run ended
 * @param achievedRatePerSecond sent / elapsed; finite and &gt;= 0
 * @param backPressure the driver's account of falling behind ({@link BackPressure#describe()}),
 *     when it did
 */
@API(status = EXPERIMENTAL, since = "0.1")
public record LoadFigures(
    long planned,
    long sent,
    long accepted,
    long rejected,
    long failed,
    long unfinished,
    long notSent,
    Ending ending,
    double achievedRatePerSecond,
    Optional<String> backPressure) {

  /** Validates the components. */
  public LoadFigures {
    Preconditions.notNegative(planned, "planned");
    Preconditions.notNegative(sent, "sent");
    Preconditions.notNegative(accepted, "accepted");
    Preconditions.notNegative(rejected, "rejected");
    Preconditions.notNegative(failed, "failed");
    Preconditions.notNegative(unfinished, "unfinished");
    Preconditions.notNegative(notSent, "not sent");
    Preconditions.notNull(ending, "ending");
    Preconditions.notNegative(achievedRatePerSecond, "achieved rate");
    Preconditions.notNull(backPressure, "back-pressure");
  }

  /** The figures of a load driver's report. */
  public static LoadFigures of(LoadReport report) {
    Preconditions.notNull(report, "load report");
    return new LoadFigures(
        report.planned(),
        report.sent(),
        report.accepted(),
        report.rejected(),
        report.failed(),
        report.unfinished(),
        report.notSent(),
        report.ending(),
        report.achievedRatePerSecond(),
        report.backPressure().map(BackPressure::describe));
  }
}
