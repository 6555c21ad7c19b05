package dev.spillway.junit.realtargets;

import static java.lang.annotation.ElementType.METHOD;
import static java.lang.annotation.RetentionPolicy.RUNTIME;

import dev.spillway.junit.OverloadTest;
import dev.spillway.junit.SpikeLoad;
import java.lang.annotation.Retention;
import java.lang.annotation.Target;

/**
 * The seed spike, held 4 s: 150 messages/s, 250/s from 0.5 s to 4.5 s, 150/s to 5 s. Against a 5 ms
 * handler (μ ≈ 200/s) the queue grows by about 50 messages a second during the peak, so a queue of
 * 100 fills in about 2 s and then has to turn away (or hold up) a fifth of the peak.
 */
@Target(METHOD)
@Retention(RUNTIME)
@OverloadTest(grace = "30s")
@SpikeLoad(base = 150, peak = 250, at = "500ms", hold = "4s", duration = "5s")
@interface SeedSpike {}
