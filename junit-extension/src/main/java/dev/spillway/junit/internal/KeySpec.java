package dev.spillway.junit.internal;

import static org.apiguardian.api.API.Status.INTERNAL;

import dev.spillway.toolkit.load.KeyDistribution;
import org.apiguardian.api.API;

/**
 * A validated key distribution annotation.
 *
 * @param distribution the distribution
 * @param seed the seed of the key sequence
 * @param source the annotation it came from, for messages
 */
@API(status = INTERNAL, since = "0.1")
public record KeySpec(KeyDistribution distribution, long seed, String source) {}
