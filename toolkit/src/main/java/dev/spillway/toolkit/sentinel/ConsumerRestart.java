package dev.spillway.toolkit.sentinel;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import org.apiguardian.api.API;

/**
 * Implemented by a component whose consumer a sentinel may restart ({@link
 * Mitigation#restart(ConsumerRestart)}): stop the current consumer, deal with the messages it left
 * behind (keep them queued, redeliver them, or drop them), start a new consumer, and say what
 * happened to them.
 *
 * <p>It runs on the sentinel's action thread (or on the thread that detected the breach, when the
 * sentinel runs its actions inline), never concurrently with itself for the same sentinel when the
 * actions run on the sentinel's thread. It may block while the old consumer stops.
 */
@API(status = EXPERIMENTAL, since = "0.1")
@FunctionalInterface
public interface ConsumerRestart {

  /**
   * Restarts the consumer.
   *
   * @return how many queued messages were dropped and how many redelivered; never null
   * @throws Exception when the restart failed; the sentinel records the failure in the breach
   */
  RestartOutcome restart() throws Exception;
}
