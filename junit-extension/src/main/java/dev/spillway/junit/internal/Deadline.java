package dev.spillway.junit.internal;

import static org.apiguardian.api.API.Status.INTERNAL;

import dev.spillway.toolkit.util.Durations;
import java.time.Duration;
import org.apiguardian.api.API;

/**
 * When the watchdog ends a test: the setup timeout after the test started, moved later when a load
 * starts (never earlier), with the reason for messages. Thread-safe.
 */
@API(status = INTERNAL, since = "0.1")
public final class Deadline {

  /** Fixed allowance on top of a run's plan: stopping the driver and the recorder, the verdict. */
  public static final Duration MARGIN = Duration.ofSeconds(1);

  private final long startNanos;
  private volatile long atNanos;
  private volatile String basis;

  /** A deadline {@code setupTimeout} after {@code startNanos}. */
  public Deadline(long startNanos, Duration setupTimeout) {
    this.startNanos = startNanos;
    this.atNanos = startNanos + setupTimeout.toNanos();
    this.basis = "setup timeout " + Durations.format(setupTimeout) + " after the test started";
  }

  /** Moves the deadline to {@code nanos} (a nanoTime) if that is later, for {@code why}. */
  public synchronized void extendTo(long nanos, String why) {
    if (nanos - atNanos > 0) {
      atNanos = nanos;
      basis = why;
    }
  }

  /** The deadline, as a nanoTime. */
  public long atNanos() {
    return atNanos;
  }

  /**
   * How the deadline was set, e.g. {@code "planned 2s + drain 1s + ... after the load started"}.
   */
  public String basis() {
    return basis;
  }

  /** How long after the test's start the deadline lies. */
  public Duration sinceStart() {
    return Duration.ofNanos(atNanos - startNanos);
  }
}
