/**
 * Capacity: the highest arrival rate a component sustains — its queue not growing, its latency
 * bound held, nothing lost, no push-back — found by short trials at chosen rates, each judged by
 * Spillway's verdict rules.
 *
 * <ul>
 *   <li>{@link dev.spillway.toolkit.capacity.CapacityTrial}: one rate offered for a while, and what
 *       the component did with it;
 *   <li>{@link dev.spillway.toolkit.capacity.CapacityResult}: the trials of one search, the knee
 *       (the highest sustained rate) with its uncertainty, and μ measured at saturation.
 * </ul>
 */
package dev.spillway.toolkit.capacity;
