package dev.spillway.report;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import dev.spillway.toolkit.util.Preconditions;
import org.apiguardian.api.API;

/**
 * One measured capacity of a design with a number of consumers: a point a {@link ScalabilityFit} is
 * fitted to.
 *
 * <p>Immutable and thread-safe.
 *
 * @param run the id of the run that measured it (shown beside the point); not blank
 * @param consumers N, the number of consumers (partitions, workers); &gt;= 1
 * @param capacity the capacity measured, messages per second (a capacity search's knee); finite and
 *     &gt; 0
 */
@API(status = EXPERIMENTAL, since = "0.1")
public record ScalabilityPoint(String run, int consumers, double capacity) {

  /** Validates the components. */
  public ScalabilityPoint {
    Preconditions.notBlank(run, "run id");
    Preconditions.check(consumers >= 1, "consumer count", ">= 1", consumers);
    Preconditions.check(
        Double.isFinite(capacity) && capacity > 0, "capacity", "finite and > 0", capacity);
  }
}
