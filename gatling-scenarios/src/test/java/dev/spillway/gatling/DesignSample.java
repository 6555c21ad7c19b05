package dev.spillway.gatling;

import dev.spillway.toolkit.util.Preconditions;
import java.util.List;

/**
 * One design's figures, as {@code /metrics.json} reported them at one poll: its queues and its
 * ledger (cumulative counts since the server started).
 *
 * @param design the design's name, such as {@code bounded}
 * @param depth messages waiting in all its queues; &gt;= 0
 * @param queues its queues, in the server's order; at least one
 * @param sent events received; &gt;= 0
 * @param processed events handled by a consumer; &gt;= 0
 * @param rejected events refused at once (full queue, shedding, closed); &gt;= 0
 * @param dropped events lost by a restart or a close; &gt;= 0
 * @param failed events whose handling threw; &gt;= 0
 */
record DesignSample(
    String design,
    long depth,
    List<QueueSample> queues,
    long sent,
    long processed,
    long rejected,
    long dropped,
    long failed) {

  /** Validates the components. */
  DesignSample {
    Preconditions.notBlank(design, "design");
    Preconditions.notNegative(depth, "design depth");
    Preconditions.notEmpty(queues, "queues of " + design);
    queues = List.copyOf(queues);
    Preconditions.notNegative(sent, "sent");
    Preconditions.notNegative(processed, "processed");
    Preconditions.notNegative(rejected, "rejected");
    Preconditions.notNegative(dropped, "dropped");
    Preconditions.notNegative(failed, "failed");
  }

  /** The largest high-water mark among the queues. */
  long highWaterMark() {
    return queues.stream().mapToLong(QueueSample::highWaterMark).max().orElse(0);
  }

  /** The queue named {@code name}. */
  QueueSample queue(String name) {
    return queues.stream()
        .filter(q -> q.name().equals(name))
        .findFirst()
        .orElseThrow(
            () ->
                new IllegalArgumentException(
                    "queue must be one of "
                        + queues.stream().map(QueueSample::name).toList()
                        + ", but was '"
                        + name
                        + "'"));
  }
}
