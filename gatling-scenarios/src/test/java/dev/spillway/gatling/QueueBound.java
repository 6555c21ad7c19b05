package dev.spillway.gatling;

import dev.spillway.toolkit.util.Preconditions;
import java.util.ArrayList;
import java.util.List;

/**
 * A gate: no queue of {@code design} may ever hold more than {@code max} messages. Checked on every
 * poll against each queue's depth and its exact high-water mark (kept by the server at enqueue
 * time), so a breach between two polls is caught too.
 *
 * @param design the design's name
 * @param max the largest depth allowed for each of its queues; &gt;= 1
 */
record QueueBound(String design, long max) implements Gate {

  /** Validates the components. */
  QueueBound {
    Preconditions.notBlank(design, "design");
    Preconditions.positive(max, "queue bound of " + design);
  }

  /** {@code "<design> queues <= <max>"}. */
  @Override
  public String name() {
    return design + " queues <= " + max;
  }

  /** What crossed the bound in {@code sample}: one line per queue, empty when it held. */
  @Override
  public List<String> violations(MetricsSample sample) {
    List<String> out = new ArrayList<>();
    for (QueueSample q : sample.design(design).queues()) {
      long worst = Math.max(q.depth(), q.highWaterMark());
      if (worst > max) {
        out.add(
            design
                + " queue '"
                + q.name()
                + "' reached "
                + worst
                + " (depth "
                + q.depth()
                + ", high-water mark "
                + q.highWaterMark()
                + ") > bound "
                + max);
      }
    }
    return out;
  }
}
