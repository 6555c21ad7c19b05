package dev.spillway.junit.internal;

import static org.apiguardian.api.API.Status.INTERNAL;

import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.apiguardian.api.API;

/**
 * A validated {@link dev.spillway.junit.QueueBound}.
 *
 * @param max the largest depth allowed, &gt;= 1
 * @param queue the queue it bounds, or {@code ""} for every watched queue
 */
@API(status = INTERNAL, since = "0.1")
public record QueueBoundSpec(long max, String queue) {

  /** The tightest of {@code bounds} that applies to the queue named {@code queue}, if any. */
  public static Optional<QueueBoundSpec> tightest(List<QueueBoundSpec> bounds, String queue) {
    return bounds.stream()
        .filter(b -> b.appliesTo(queue))
        .min(Comparator.comparingLong(QueueBoundSpec::max));
  }

  /** Whether the bound applies to the watched queue named {@code name}. */
  public boolean appliesTo(String name) {
    return queue.isEmpty() || queue.equals(name);
  }

  /** The annotation as written, e.g. {@code @QueueBound(max = 100)}. */
  public String describe() {
    return "@QueueBound(max = "
        + max
        + (queue.isEmpty() ? "" : ", queue = \"" + queue + "\"")
        + ")";
  }
}
