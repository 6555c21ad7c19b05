package dev.spillway.junit.internal;

/**
 * A validated {@link dev.spillway.junit.QueueBound}.
 *
 * @param max the largest depth allowed, &gt;= 1
 * @param queue the queue it bounds, or {@code ""} for every watched queue
 */
public record QueueBoundSpec(long max, String queue) {

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
