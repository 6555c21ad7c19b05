package dev.spillway.samples;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import dev.spillway.toolkit.sentinel.Sentinel;
import org.apiguardian.api.API;

/** The sentinel-watched design: an {@link EventTracker} whose queue a {@link Sentinel} watches. */
@API(status = EXPERIMENTAL, since = "0.1")
public interface SentinelWatched extends EventTracker {

  /** The sentinel: its breaches, re-arms and shed count. */
  Sentinel sentinel();

  /** What the sentinel does on a breach. */
  SentinelMitigation mitigation();
}
