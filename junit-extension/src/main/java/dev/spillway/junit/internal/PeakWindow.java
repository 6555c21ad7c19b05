package dev.spillway.junit.internal;

import static org.apiguardian.api.API.Status.INTERNAL;

import dev.spillway.toolkit.load.LoadPhase;
import dev.spillway.toolkit.load.LoadProfile;
import dev.spillway.toolkit.load.PhaseKind;
import org.apiguardian.api.API;

/**
 * The part of a load a verdict judges: the phases with the highest rate, from the start of the
 * first to the end of the last (the peak of a spike; the whole of a constant load or a single
 * ramp). Bursts and pauses take no part; a profile of bursts only is judged whole.
 *
 * @param startNanos the window's start, from the start of the load
 * @param endNanos the window's end, from the start of the load; after the start
 */
@API(status = INTERNAL, since = "0.1")
public record PeakWindow(long startNanos, long endNanos) {

  /** The peak window of {@code profile}. */
  public static PeakWindow of(LoadProfile profile) {
    double highest = 0;
    for (LoadPhase phase : profile.phases()) {
      if (rated(phase)) {
        highest = Math.max(highest, phase.expectedRatePerSecond());
      }
    }
    long start = -1;
    long end = -1;
    for (LoadPhase phase : profile.phases()) {
      if (rated(phase) && phase.expectedRatePerSecond() == highest) {
        start = start < 0 ? phase.startOffsetNanos() : start;
        end = phase.endOffsetNanos();
      }
    }
    if (start < 0 || end <= start) {
      return new PeakWindow(0, Math.max(1, profile.plannedDurationNanos()));
    }
    return new PeakWindow(start, end);
  }

  private static boolean rated(LoadPhase phase) {
    return phase.durationNanos() > 0
        && phase.kind() != PhaseKind.PAUSE
        && phase.kind() != PhaseKind.BURST;
  }
}
