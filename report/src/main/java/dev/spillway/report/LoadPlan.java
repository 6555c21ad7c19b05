package dev.spillway.report;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import dev.spillway.toolkit.util.Preconditions;
import java.time.Duration;
import java.util.List;
import org.apiguardian.api.API;

/**
 * The load profile of a run, placed on the run's timeline.
 *
 * <p>Immutable and thread-safe.
 *
 * @param description the phase names joined by " → "; never null
 * @param loadStart when the load started, from the start of the recording; &gt;= 0
 * @param plannedDuration how long the profile lasts in the plan; &gt;= 0
 * @param plannedMessages how many messages the profile plans; &gt;= 0
 * @param phases the phases in the order they play, each placed from the start of the recording
 */
@API(status = EXPERIMENTAL, since = "0.1")
public record LoadPlan(
    String description,
    Duration loadStart,
    Duration plannedDuration,
    long plannedMessages,
    List<PhaseSpan> phases) {

  /** Validates the components and copies the phases. */
  public LoadPlan {
    Preconditions.notNull(description, "profile description");
    Preconditions.notNegative(loadStart, "load start");
    Preconditions.notNegative(plannedDuration, "planned duration");
    Preconditions.notNegative(plannedMessages, "planned messages");
    phases = List.copyOf(Preconditions.notNull(phases, "phases"));
  }

  /** When the load ends in the plan, from the start of the recording. */
  public Duration plannedEnd() {
    return loadStart.plus(plannedDuration);
  }

  /** The intended rate at {@code at} (from the start of the recording), in messages per second. */
  public double intendedRateAt(Duration at) {
    Preconditions.notNull(at, "time");
    for (PhaseSpan phase : phases) {
      if (phase.duration().isZero()) {
        continue;
      }
      if (at.compareTo(phase.start()) >= 0 && at.compareTo(phase.end()) < 0) {
        return phase.intendedRateAt(at);
      }
    }
    return 0;
  }
}
