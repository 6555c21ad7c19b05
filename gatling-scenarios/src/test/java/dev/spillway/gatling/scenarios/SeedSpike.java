package dev.spillway.gatling.scenarios;

import dev.spillway.toolkit.load.LoadProfile;
import java.time.Duration;

/**
 * The seed spike, defined once: 150/s for 1 s, then 250/s for 3 s. Against one 5 ms consumer (μ ≈
 * 200/s) the queue grows at λ − μ ≈ 50/s through the peak, about 150 messages in all: enough to
 * overflow the singleton, fill the bounded design's 100 and trip the sentinel at 100, in 4 s.
 */
final class SeedSpike {

  /** The spike as a toolkit profile; {@code Injection.of} turns it into Gatling's steps. */
  static final LoadProfile PROFILE =
      LoadProfile.builder()
          .named("base")
          .constant(150)
          .perSecond()
          .during(Duration.ofSeconds(1))
          .named("peak")
          .constant(250)
          .perSecond()
          .during(Duration.ofSeconds(3))
          .build();

  /** The survival matrix's column. */
  static final String SCENARIO = "seed spike 150→250/s over HTTP";

  private SeedSpike() {}
}
