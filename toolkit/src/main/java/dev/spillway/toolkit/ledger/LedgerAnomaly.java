package dev.spillway.toolkit.ledger;

import dev.spillway.toolkit.internal.Preconditions;

/**
 * A message id a strict {@link MessageLedger} saw accounted wrongly.
 *
 * @param id the message id
 * @param kind what went wrong
 * @param detail the outcomes involved, e.g. {@code "PROCESSED then FAILED"}; never null
 */
public record LedgerAnomaly(long id, Kind kind, String detail) {

  /** What went wrong with one id. */
  public enum Kind {
    /** The id was sent more than once. */
    SENT_TWICE,
    /** The id was given a second outcome. */
    ACCOUNTED_TWICE,
    /** The id was given an outcome but never sent. */
    NEVER_SENT
  }

  /** Validates the components. */
  public LedgerAnomaly {
    Preconditions.notNull(kind, "anomaly kind");
    Preconditions.notNull(detail, "anomaly detail");
  }

  /** A short phrase for a report: {@code "id 7 accounted twice (PROCESSED then FAILED)"}. */
  public String describe() {
    String what =
        switch (kind) {
          case SENT_TWICE -> "sent twice";
          case ACCOUNTED_TWICE -> "accounted twice";
          case NEVER_SENT -> "accounted but never sent";
        };
    return "id " + id + " " + what + (detail.isEmpty() ? "" : " (" + detail + ")");
  }
}
