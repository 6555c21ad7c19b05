package dev.spillway.samples.survival;

import static java.lang.annotation.ElementType.METHOD;
import static java.lang.annotation.RetentionPolicy.RUNTIME;

import dev.spillway.junit.OverloadTest;
import dev.spillway.junit.RecordAutopsy;
import dev.spillway.junit.SpikeLoad;
import java.lang.annotation.Documented;
import java.lang.annotation.Retention;
import java.lang.annotation.Target;

/**
 * The seed incident, as a load: traffic at 150 events/s, a spike to 250/s from t = 1 s held for 4
 * s, then 150/s again until t = 6 s. Against one 5 ms consumer (μ ≈ 200/s) the spike is λ − μ ≈
 * +50/s; before and after it, λ − μ ≈ −50/s. The run records an autopsy: with its collections the
 * verdict looks for a GC death spiral, which none of these designs may show ({@link Survival#run}).
 */
@Target(METHOD)
@Retention(RUNTIME)
@Documented
@OverloadTest
@SpikeLoad(base = 150, peak = 250, at = "1s", hold = "4s", duration = "6s")
@RecordAutopsy // its collections: the verdict looks for a GC death spiral
@interface SeedIncident {

  /** The scenario's name in the report's survival matrix. */
  String SCENARIO = "seed spike 150→250/s";
}
