package dev.spillway.toolkit.ledger;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import org.apiguardian.api.API;

/** How the books were settled after a load: see {@link Settling}. */
@API(status = EXPERIMENTAL, since = "0.1")
public enum Settlement {
  /**
   * The target came to rest: nothing queued, nothing counted in flight, and either every message
   * accounted for or no outcome for a quiet period (so what is still unaccounted is gone). The
   * books are exact.
   */
  AT_REST,
  /**
   * The time allowed for the backlog passed while messages were still queued or in flight: the
   * target was still working through them. Unaccounted messages may be in flight; the books are the
   * reading with the fewest unaccounted.
   */
  STILL_DRAINING,
  /**
   * Messages were queued or in flight, but none was completed for the stall window, and none again
   * until the settle limit: the consumer stopped. The books are the reading with the fewest
   * unaccounted.
   */
  STALLED,
  /** The books were read once, without waiting (the run had failed, or waiting was turned off). */
  NOT_WAITED
}
