package dev.spillway.toolkit.sentinel;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import dev.spillway.toolkit.util.Preconditions;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.apiguardian.api.API;

/**
 * The step of a polling sentinel's definition that sets how often it reads its probe. Immutable and
 * thread-safe.
 */
@API(status = EXPERIMENTAL, since = "0.1")
public final class IntervalStage {

  /** The shortest polling interval. */
  public static final Duration MIN_INTERVAL = Duration.ofMillis(1);

  /** The longest polling interval. */
  public static final Duration MAX_INTERVAL = Duration.ofMinutes(1);

  private final Settings settings;

  IntervalStage(Settings settings) {
    this.settings = settings;
  }

  /**
   * Reads the probe every {@code interval}, in [{@link #MIN_INTERVAL}, {@link #MAX_INTERVAL}]. A
   * crossing is seen up to one interval late (on average half of it).
   */
  public EnableStage every(Duration interval) {
    Preconditions.inRange(interval, MIN_INTERVAL, MAX_INTERVAL, "polling interval");
    Settings next = settings.copy();
    next.intervalNanos = interval.toNanos();
    return new EnableStage(next);
  }

  /** Reads the probe every {@code interval} {@code unit}s; see {@link #every(Duration)}. */
  public EnableStage every(long interval, TimeUnit unit) {
    Preconditions.notNull(unit, "polling interval unit");
    Preconditions.positive(interval, "polling interval");
    return every(Duration.ofNanos(unit.toNanos(interval)));
  }

  @Override
  public String toString() {
    return "IntervalStage[source=" + settings.probe.name() + "]";
  }
}
