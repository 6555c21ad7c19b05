package dev.spillway.toolkit.ledger;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import dev.spillway.toolkit.util.Preconditions;
import org.apiguardian.api.API;

/**
 * A message id a strict {@link MessageLedger} saw accounted wrongly.
 *
 * @param id the message id
 * @param kind what went wrong
 * @param detail the outcomes involved, e.g. {@code "PROCESSED then FAILED"}; never null
 */
@API(status = EXPERIMENTAL, since = "0.1")
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
