package dev.spillway.toolkit.sentinel;

import dev.spillway.toolkit.internal.Preconditions;

/**
 * One line of a breach's ranking: a probe's name and the depth read from it when the breach was
 * diagnosed (like one entry of recon's {@code proc_count(message_queue_len, N)}).
 *
 * @param name the probe's name; not blank
 * @param depth the depth read, in messages; &gt;= 0
 */
public record ProbeDepth(String name, long depth) {

  /** Validates the components. */
  public ProbeDepth {
    Preconditions.notBlank(name, "probe name");
    Preconditions.notNegative(depth, "probe depth");
  }
}
