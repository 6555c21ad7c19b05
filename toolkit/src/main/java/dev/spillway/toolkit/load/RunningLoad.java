package dev.spillway.toolkit.load;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apiguardian.api.API;

/**
 * A load run in progress, started by {@link LoadDriver#start()}. Its threads are daemon threads;
 * the run ends on its own when the profile is done, at the latest when the planned duration plus
 * the grace period has passed (plus a short stop timeout, after which threads that ignore their
 * interrupt are left behind and reported as stuck). All methods are thread-safe.
 */
@API(status = EXPERIMENTAL, since = "0.1")
public interface RunningLoad extends AutoCloseable {

  /**
   * Waits for the run to end and returns its report. Does not stop the run.
   *
   * @param timeout how long to wait; not negative
   * @throws InterruptedException when the waiting thread is interrupted (the run goes on)
   * @throws TimeoutException when the run has not ended within {@code timeout}
   * @throws IllegalStateException when the driver itself failed (e.g. its event sink threw)
   */
  LoadReport awaitReport(Duration timeout) throws InterruptedException, TimeoutException;

  /** Like {@link #awaitReport(Duration)}, with the timeout as an amount of {@code unit}. */
  LoadReport awaitReport(long timeout, TimeUnit unit) throws InterruptedException, TimeoutException;

  /**
   * Asks the run to stop now: no further message is sent and sends in progress are interrupted.
   * Returns at once; the report (ending {@link Ending#STOPPED}) follows shortly. Does nothing when
   * the run has already ended.
   */
  void stop();

  /** Whether the run has ended and its report is available. */
  boolean isDone();

  /**
   * Stops the run (see {@link #stop()}) and waits, boundedly, for its threads to end. An interrupt
   * while waiting ends the wait and is kept in the thread's interrupt flag.
   */
  @Override
  void close();
}
