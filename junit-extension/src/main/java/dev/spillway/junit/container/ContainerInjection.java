package dev.spillway.junit.container;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import org.apiguardian.api.API;

/**
 * One piece of chaos done to a container, undone by {@link #close()}: a pause is unpaused, a CPU
 * quota lifted, a killed container started again. An {@link AutoCloseable}, so try-with-resources
 * (or anything that closes what it is given, such as a JUnit store) always lifts the chaos.
 *
 * <p>Closing twice does nothing the second time. When the container no longer exists (the test
 * removed it), closing has nothing to undo and returns quietly. When the undo fails for another
 * reason (the Docker engine does not answer), {@link #close()} throws and the injection stays
 * active, so that a later close can try again.
 *
 * <p>Thread-safety: all methods are thread-safe.
 */
@API(status = EXPERIMENTAL, since = "0.1")
public interface ContainerInjection extends AutoCloseable {

  /** What was done, e.g. {@code "paused container 1a2b3c4d5e6f"}. */
  String description();

  /** Whether the chaos is still in force (not yet undone). */
  boolean isActive();

  /** Undoes the chaos; idempotent. */
  @Override
  void close();
}
