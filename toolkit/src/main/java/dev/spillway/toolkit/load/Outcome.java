package dev.spillway.toolkit.load;

/**
 * What a target answered to one message. A send that throws (or whose stage completes
 * exceptionally) is counted as failed; a send still running when the driver stops is counted as
 * unfinished.
 */
public enum Outcome {
  /** The target took the message. */
  ACCEPTED,
  /** The target refused the message explicitly (a bounded queue that is full, a 429, a 503). */
  REJECTED
}
