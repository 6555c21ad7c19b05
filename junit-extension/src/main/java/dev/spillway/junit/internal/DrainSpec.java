package dev.spillway.junit.internal;

import static org.apiguardian.api.API.Status.INTERNAL;

import dev.spillway.toolkit.util.Durations;
import java.time.Duration;
import org.apiguardian.api.API;

/**
 * A validated {@link dev.spillway.junit.DrainsWithin}.
 *
 * @param within how long after the load the queues may take, &gt; 0
 * @param level the depth that counts as drained, &gt;= 0
 * @param queue the queue that must drain, or {@code ""} for every watched queue
 */
@API(status = INTERNAL, since = "0.1")
public record DrainSpec(Duration within, long level, String queue) {

  /** Whether the bound applies to the watched queue named {@code name}. */
  public boolean appliesTo(String name) {
    return queue.isEmpty() || queue.equals(name);
  }

  /** The annotation as written, e.g. {@code @DrainsWithin("2s")}. */
  public String describe() {
    String args = "\"" + Durations.format(within) + "\"";
    if (level != 0) {
      args += ", level = " + level;
    }
    if (!queue.isEmpty()) {
      args += ", queue = \"" + queue + "\"";
    }
    return "@DrainsWithin(" + (args.contains(",") ? "value = " + args : args) + ")";
  }
}
