package dev.spillway.toolkit.autopsy;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import dev.spillway.toolkit.util.Preconditions;
import java.time.Duration;
import java.util.OptionalLong;
import org.apiguardian.api.API;

/**
 * One garbage collection in the window ({@code jdk.GarbageCollection}, with the heap used after it
 * from {@code jdk.GCHeapSummary}): a point of the time series a detector of a GC death spiral reads
 * (pauses growing and the heap after each collection rising with the backlog). Immutable.
 *
 * @param at when it started, from the start of the window
 * @param pause the sum of its stop-the-world pauses ({@code sumOfPauses}); concurrent phases are
 *     not included
 * @param name the collector's name for it ({@code "G1New"}, {@code "G1Old"}, {@code
 *     "ParallelScavenge"}...)
 * @param heapUsedAfter the heap used after it, in bytes; empty when JFR gave no summary for it
 */
@API(status = EXPERIMENTAL, since = "0.1")
public record GcPause(Duration at, Duration pause, String name, OptionalLong heapUsedAfter) {

  /** Validates the components. */
  public GcPause {
    Preconditions.notNegative(at, "collection time");
    Preconditions.notNegative(pause, "pause");
    Preconditions.notBlank(name, "collector name");
    Preconditions.notNull(heapUsedAfter, "heap used after the collection");
    heapUsedAfter.ifPresent(b -> Preconditions.notNegative(b, "heap used after the collection"));
  }
}
