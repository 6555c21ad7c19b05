package dev.spillway.junit.internal;

import static org.apiguardian.api.API.Status.INTERNAL;

import dev.spillway.toolkit.load.LoadProfile;
import dev.spillway.toolkit.load.Message;
import org.apiguardian.api.API;

/**
 * Learns when the load started (the driver's time zero) from the first message it sees: a message
 * carries its intended nanoTime, and the profile says its offset, so {@code t0 = intended − offset}
 * exactly. Thread-safe.
 */
@API(status = INTERNAL, since = "0.1")
public final class LoadClock {

  private final LoadProfile profile;
  private final long fallbackNanos;
  private volatile long t0;
  private volatile boolean known;

  /** A clock for {@code profile}; {@code fallbackNanos} stands in until a message is seen. */
  public LoadClock(LoadProfile profile, long fallbackNanos) {
    this.profile = profile;
    this.fallbackNanos = fallbackNanos;
  }

  /** Notes {@code message}; only the first one costs anything. */
  public void saw(Message message) {
    if (!known) {
      synchronized (this) {
        if (!known) {
          t0 = message.intendedNanoTime() - profile.intendedOffsetNanos(message.sequence());
          known = true;
        }
      }
    }
  }

  /** When the load started, as a nanoTime (the fallback until a message was seen). */
  public long startNanos() {
    return known ? t0 : fallbackNanos;
  }

  /** Whether the start is known from a message. */
  public boolean isKnown() {
    return known;
  }
}
