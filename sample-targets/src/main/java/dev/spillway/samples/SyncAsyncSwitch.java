package dev.spillway.samples;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import org.apiguardian.api.API;

/**
 * The sync/async switch design ({@link Designs#syncAsync}): fire-and-forget while the mailbox is
 * short, synchronous — the caller waits until its own event is handled — once it reaches a
 * threshold, and fire-and-forget again when it has fallen to a lower one. Thread-safe.
 */
@API(status = EXPERIMENTAL, since = "0.1")
public interface SyncAsyncSwitch extends EventTracker {

  /** Whether callers wait for their event now. */
  boolean synchronous();

  /** How many times the mailbox reached the sync threshold and callers began to wait. */
  long switchesToSync();

  /** How many times it fell back to the async threshold and callers stopped waiting. */
  long switchesToAsync();
}
