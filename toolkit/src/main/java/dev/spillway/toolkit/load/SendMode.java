package dev.spillway.toolkit.load;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import org.apiguardian.api.API;

/** How a {@link LoadDriver} hands messages to its target. */
@API(status = EXPERIMENTAL, since = "0.1")
public enum SendMode {
  /** A {@link Sender} called on the driver thread; its return ends the latency. */
  DIRECT,
  /**
   * An {@link AsyncSender} called on the driver thread; its stage's completion ends the latency.
   */
  ASYNC,
  /** A {@link Sender} called by a bounded pool of sender threads, which may block. */
  POOL
}
