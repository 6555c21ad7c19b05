package dev.spillway.samples;

import static org.awaitility.Awaitility.await;

import java.time.Duration;
import org.awaitility.core.ConditionFactory;

/** Waiting for something that happens soon: checked at once, then every 2 ms, for up to 10 s. */
public final class Soon {

  /** How long a test waits for something that should take milliseconds. */
  public static final Duration PATIENCE = Duration.ofSeconds(10);

  private Soon() {}

  /**
   * An Awaitility condition factory that checks at once, then every 2 ms, up to {@link #PATIENCE}.
   */
  public static ConditionFactory soon() {
    return await().atMost(PATIENCE).pollDelay(Duration.ZERO).pollInterval(Duration.ofMillis(2));
  }
}
