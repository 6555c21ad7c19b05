package dev.spillway.toolkit.load;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import org.apiguardian.api.API;

/** The shapes a {@link LoadPhase} can take. A spike is made of {@link #CONSTANT} phases. */
@API(status = EXPERIMENTAL, since = "0.1")
public enum PhaseKind {
  /** A fixed rate for a duration: message {@code i} is due at {@code i / rate}. */
  CONSTANT,
  /** A rate changing linearly from a start rate to an end rate over a duration. */
  RAMP,
  /** A number of messages all due at the same instant; takes no time in the plan. */
  BURST,
  /** No messages for a duration. */
  PAUSE
}
