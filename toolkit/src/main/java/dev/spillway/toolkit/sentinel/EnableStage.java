package dev.spillway.toolkit.sentinel;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import dev.spillway.toolkit.util.Preconditions;
import org.apiguardian.api.API;

/**
 * The step of a sentinel's definition that sets its enable threshold. Immutable and thread-safe.
 */
@API(status = EXPERIMENTAL, since = "0.1")
public final class EnableStage {

  private final Settings settings;

  EnableStage(Settings settings) {
    this.settings = settings;
  }

  /**
   * Fires when the depth reaches {@code depth} (it is {@code >=}), as OTP's {@code Enable}.
   *
   * @param depth &gt;= 1; for a bounded queue, at most its capacity (a depth it can never reach
   *     would never fire)
   */
  public DisableStage enableAt(long depth) {
    Preconditions.positive(depth, "enable threshold");
    if (settings.queue != null && settings.queue.isBounded()) {
      Preconditions.check(
          depth <= settings.queue.capacity(),
          "enable threshold",
          "<= the capacity "
              + settings.queue.capacity()
              + " of queue '"
              + settings.queue.name()
              + "'",
          depth);
    }
    Settings next = settings.copy();
    next.enable = depth;
    return new DisableStage(next);
  }

  @Override
  public String toString() {
    return "EnableStage[source=" + settings.probe.name() + "]";
  }
}
