package dev.spillway.toolkit.sentinel;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import dev.spillway.toolkit.util.Preconditions;
import org.apiguardian.api.API;

/**
 * What a {@link ConsumerRestart} did with the messages that were queued when it stopped its
 * consumer. Every queued message is either still queued for the new consumer, {@code redelivered}
 * (taken out and handed back to be processed again) or {@code dropped} (taken out and not
 * processed: the component must record each as dropped, never lose it silently).
 *
 * @param dropped messages discarded by the restart; &gt;= 0
 * @param redelivered messages taken out and handed back for processing; &gt;= 0
 */
@API(status = EXPERIMENTAL, since = "0.1")
public record RestartOutcome(long dropped, long redelivered) {

  /** A restart that kept every queued message where it was. */
  public static final RestartOutcome NOTHING = new RestartOutcome(0, 0);

  /** Validates the components. */
  public RestartOutcome {
    Preconditions.notNegative(dropped, "dropped message count");
    Preconditions.notNegative(redelivered, "redelivered message count");
  }
}
