package dev.spillway.samples.container;

/**
 * One piece of chaos done to a container, undone by {@link #close()}: a pause is unpaused, a CPU
 * quota lifted, a killed container started again. Closing twice does nothing the second time.
 *
 * <p>Thread-safety: all methods are thread-safe.
 */
public interface ContainerInjection extends AutoCloseable {

  /** What was done, e.g. {@code "paused container 1a2b3c4d5e6f"}. */
  String description();

  /** Whether the chaos is still in force (not yet undone). */
  boolean isActive();

  /** Undoes the chaos; idempotent. */
  @Override
  void close();
}
