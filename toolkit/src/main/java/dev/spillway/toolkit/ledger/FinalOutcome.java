package dev.spillway.toolkit.ledger;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import org.apiguardian.api.API;

/** What finally happened to a message that was sent; each message has exactly one. */
@API(status = EXPERIMENTAL, since = "0.1")
public enum FinalOutcome {
  /** The consumer handled it successfully. */
  PROCESSED,
  /** It was refused at the door, and the sender was told (a full bounded mailbox). */
  REJECTED,
  /** It was discarded on purpose after admission (shed by a mitigation, drop-oldest). */
  DROPPED,
  /** The consumer took it and its handling failed (threw). */
  FAILED;

  /** Whether this outcome means the consumer finished with the message (processed or failed). */
  public boolean isCompletion() {
    return this == PROCESSED || this == FAILED;
  }
}
