package dev.spillway.samples;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import org.apiguardian.api.API;

/** What the sentinel-watched design does when its queue reaches the enable threshold. */
@API(status = EXPERIMENTAL, since = "0.1")
public enum SentinelMitigation {
  /** Reject new events from the enable threshold until the depth is back at disable. */
  SHED,
  /** Restart the consumer: what was queued is counted as dropped, and a new consumer starts. */
  RESTART,
  /** Log the breach with diagnostics (top queues, the consumer's stack) and do nothing else. */
  ALERT
}
