package dev.spillway.toolkit.load;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import java.util.concurrent.CompletionStage;
import org.apiguardian.api.API;

/**
 * Starts sending one message and returns at once with a stage that completes when the target
 * answers. Latency is measured from the message's intended time to the stage's completion.
 *
 * <p>Called on the driver thread only, one call at a time; it must not block. The stage may
 * complete on any thread.
 */
@API(status = EXPERIMENTAL, since = "0.1")
@FunctionalInterface
public interface AsyncSender {

  /**
   * Starts sending {@code message}.
   *
   * @return a stage completing with {@link Outcome#ACCEPTED} or {@link Outcome#REJECTED};
   *     completing exceptionally or with null counts as a failure; a stage that has not completed
   *     when the driver stops counts as unfinished
   * @throws Exception counted as a failed send
   */
  CompletionStage<Outcome> send(Message message) throws Exception;
}
