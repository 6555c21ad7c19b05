package dev.spillway.toolkit.load;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import org.apiguardian.api.API;

/** How a load run ended. */
@API(status = EXPERIMENTAL, since = "0.1")
public enum Ending {
  /** Every planned message was sent and every send finished. */
  COMPLETED,
  /**
   * The run was stopped early: {@link RunningLoad#stop()}, {@link RunningLoad#close()}, or an
   * interrupt of the thread running {@link LoadDriver#run()} or of a driver thread.
   */
  STOPPED,
  /**
   * The planned duration plus the grace period passed before every message was sent and every send
   * finished; the driver stopped sending and interrupted its senders.
   */
  DEADLINE
}
