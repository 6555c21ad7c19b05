package dev.spillway.junit.internal;

import static org.apiguardian.api.API.Status.INTERNAL;

import org.apiguardian.api.API;

/**
 * The first time a watched queue went above its {@link dev.spillway.junit.QueueBound}.
 *
 * @param queue the queue's name
 * @param depth the depth seen
 * @param nanoTime when it was seen
 * @param bound the bound it broke
 * @param exact whether it was seen at enqueue (an instrumented queue) or in a sample
 */
@API(status = INTERNAL, since = "0.1")
public record QueueBreach(
    String queue, long depth, long nanoTime, QueueBoundSpec bound, boolean exact) {}
