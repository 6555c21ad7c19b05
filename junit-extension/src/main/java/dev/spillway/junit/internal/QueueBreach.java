package dev.spillway.junit.internal;

/**
 * The first time a watched queue went above its {@link dev.spillway.junit.QueueBound}.
 *
 * @param queue the queue's name
 * @param depth the depth seen
 * @param nanoTime when it was seen
 * @param bound the bound it broke
 * @param exact whether it was seen at enqueue (an instrumented queue) or in a sample
 */
public record QueueBreach(
    String queue, long depth, long nanoTime, QueueBoundSpec bound, boolean exact) {}
