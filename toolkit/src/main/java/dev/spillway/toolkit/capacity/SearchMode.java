package dev.spillway.toolkit.capacity;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import org.apiguardian.api.API;

/** How a {@link CapacitySearch} chooses the rates it tries. */
@API(status = EXPERIMENTAL, since = "0.1")
public enum SearchMode {
  /**
   * The lowest rate, then the highest, then the middle of the interval the capacity lies in, until
   * that interval is no wider than the resolution: {@code 2 + ⌈log2((highest − lowest) /
   * resolution)⌉} trials at most.
   */
  BISECT,
  /**
   * Upwards from the lowest rate in steps of the resolution until a rate is not sustained or the
   * highest is passed: a stress ramp read by rules, {@code ⌊(highest − lowest) / resolution⌋ + 1}
   * trials at most (and the highest rate as the last).
   */
  STEP
}
