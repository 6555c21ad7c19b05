package dev.spillway.toolkit.sentinel;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import dev.spillway.toolkit.util.Preconditions;
import org.apiguardian.api.API;

/**
 * The step of a sentinel's definition that sets its disable threshold. Immutable and thread-safe.
 */
@API(status = EXPERIMENTAL, since = "0.1")
public final class DisableStage {

  private final Settings settings;

  DisableStage(Settings settings) {
    this.settings = settings;
  }

  /**
   * Re-arms (and stops shedding) when the depth falls to {@code depth} or below, as OTP's {@code
   * Disable}.
   *
   * @param depth &gt;= 0 and below the enable threshold
   */
  public SentinelBuilder disableAt(long depth) {
    Preconditions.notNegative(depth, "disable threshold");
    Preconditions.check(
        depth < settings.enable,
        "disable threshold",
        "< enable threshold " + settings.enable,
        depth);
    Settings next = settings.copy();
    next.disable = depth;
    return new SentinelBuilder(next);
  }

  @Override
  public String toString() {
    return "DisableStage[source=" + settings.probe.name() + ", enable=" + settings.enable + "]";
  }
}
