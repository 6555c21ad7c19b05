package dev.spillway.junit.internal;

import dev.spillway.toolkit.load.KeyDistribution;

/**
 * A validated key distribution annotation.
 *
 * @param distribution the distribution
 * @param seed the seed of the key sequence
 * @param source the annotation it came from, for messages
 */
public record KeySpec(KeyDistribution distribution, long seed, String source) {}
