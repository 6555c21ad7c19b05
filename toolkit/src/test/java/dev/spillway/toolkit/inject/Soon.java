package dev.spillway.toolkit.inject;

import java.time.Duration;
import org.awaitility.Awaitility;
import org.awaitility.core.ConditionFactory;

/** Awaitility, polling every few ms (the default 100 ms poll would make these tests slow). */
final class Soon {

  private Soon() {}

  static ConditionFactory soon() {
    return Awaitility.await()
        .pollDelay(Duration.ZERO)
        .pollInterval(Duration.ofMillis(2))
        .atMost(Duration.ofSeconds(5));
  }
}
