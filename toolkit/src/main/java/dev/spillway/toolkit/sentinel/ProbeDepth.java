package dev.spillway.toolkit.sentinel;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import dev.spillway.toolkit.util.Preconditions;
import org.apiguardian.api.API;

/**
 * One line of a breach's ranking: a probe's name and the depth read from it when the breach was
 * diagnosed (like one entry of recon's {@code proc_count(message_queue_len, N)}).
 *
 * @param name the probe's name; not blank
 * @param depth the depth read, in messages; &gt;= 0
 */
@API(status = EXPERIMENTAL, since = "0.1")
public record ProbeDepth(String name, long depth) {

  /** Validates the components. */
  public ProbeDepth {
    Preconditions.notBlank(name, "probe name");
    Preconditions.notNegative(depth, "probe depth");
  }
}
