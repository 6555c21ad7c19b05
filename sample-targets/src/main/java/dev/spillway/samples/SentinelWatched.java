package dev.spillway.samples;

import dev.spillway.toolkit.sentinel.Sentinel;

/** The sentinel-watched design: an {@link EventTracker} whose queue a {@link Sentinel} watches. */
public interface SentinelWatched extends EventTracker {

  /** The sentinel: its breaches, re-arms and shed count. */
  Sentinel sentinel();

  /** What the sentinel does on a breach. */
  SentinelMitigation mitigation();
}
