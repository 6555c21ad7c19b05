package dev.spillway.junit.internal;

import static org.apiguardian.api.API.Status.INTERNAL;

import dev.spillway.junit.OverloadResult;
import dev.spillway.toolkit.load.LoadProfile;
import dev.spillway.toolkit.util.Durations;
import dev.spillway.toolkit.verdict.EarlyCall;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import org.apiguardian.api.API;

/**
 * What a run that may stop early says about it: whether it stopped, when and why, and the planned
 * against the actual flood time, in the summary line and in the report's details ({@value
 * #STOPPED_EARLY}, {@value #FLOOD_TIME}). Stateless.
 */
@API(status = INTERNAL, since = "0.1")
public final class EarlyReport {

  /** The report detail saying whether, when and why the run stopped early. */
  public static final String STOPPED_EARLY = "stopped early";

  /** The report detail with the actual and the planned flood time. */
  public static final String FLOOD_TIME = "flood time";

  private EarlyReport() {}

  /**
   * Records the details in {@code reporting} and returns the summary's addition: {@code "stopped
   * early at 2.6s of 6s planned: OVERFLOWED certain at 99.0% (look 6 of 31): …"} or {@code "ran its
   * whole plan (6s): nothing was certain earlier at 99.0% (31 looks planned)"}.
   */
  public static String describe(
      EarlyLooks looks,
      Optional<EarlyCall> early,
      OverloadResult measured,
      LoadClock clock,
      long loadEnded,
      LoadProfile profile,
      RunReporting reporting) {
    Duration planned = profile.plannedDuration();
    Duration actual =
        clock.isKnown() ? Duration.ofNanos(Math.max(0, loadEnded - clock.startNanos())) : planned;
    String flood = Durations.format(actual) + " of " + Durations.format(planned) + " planned";
    String confidence = String.format(Locale.ROOT, "%.1f%%", looks.stop().confidence() * 100);
    String text;
    if (early.isPresent()) {
      EarlyCall call = early.get();
      text =
          "stopped early at "
              + flood
              + ": "
              + call.verdict()
              + " certain at "
              + confidence
              + " (look "
              + call.look()
              + " of "
              + call.plannedLooks()
              + "): "
              + call.reason()
              + (call.verdict() == measured.verdict()
                  ? ""
                  : "; the shortened run was judged " + measured.verdict());
    } else {
      text =
          "ran its whole plan ("
              + flood
              + "): nothing was certain earlier at "
              + confidence
              + " ("
              + looks.test().plannedLooks()
              + " looks planned; at the last: "
              + looks.test().pending()
              + ")";
    }
    reporting.detail(STOPPED_EARLY, text);
    reporting.detail(FLOOD_TIME, flood);
    return text;
  }
}
