package dev.spillway.junit.internal;

import static org.apiguardian.api.API.Status.INTERNAL;

import dev.spillway.toolkit.load.LoadReport;
import dev.spillway.toolkit.util.Durations;
import dev.spillway.toolkit.verdict.Assessment;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import org.apiguardian.api.API;

/** The messages a failed run gives, one per failed bound. Stateless. */
@API(status = INTERNAL, since = "0.1")
public final class Failures {

  private Failures() {}

  /**
   * A breached queue bound: the queue, the depth, when, the high-water mark where the queue went on
   * to rise, and how far the load got.
   */
  public static String breach(
      QueueBreach b, long highWaterMark, LoadClock clock, LoadReport report) {
    long offset = b.nanoTime() - clock.startNanos();
    String when =
        (offset >= 0 ? "+" : "-")
            + Durations.format(Duration.ofNanos(Math.abs(offset)))
            + (clock.isKnown() ? " after the load started" : " after the run started");
    return String.format(
        Locale.ROOT,
        "%s breached: queue '%s' reached depth %,d at %s (%s)%s; the load was stopped at once,"
            + " after %,d of %,d planned messages",
        b.bound().describe(),
        b.queue(),
        b.depth(),
        when,
        b.exact() ? "exact, seen at enqueue" : "sampled",
        highWaterMark > b.depth()
            ? String.format(Locale.ROOT, ", high-water mark %,d", highWaterMark)
            : "",
        report.sent(),
        report.planned());
  }

  /**
   * A queue above its bound that no check caught while the load ran (its high-water mark was found
   * after the load, e.g. by a sample taken while it drained).
   */
  public static String queue(QueueBoundSpec bound, String queue, long highWaterMark) {
    return String.format(
        Locale.ROOT,
        "%s breached: queue '%s' reached depth %,d (its high-water mark, found after the load)",
        bound.describe(),
        queue,
        highWaterMark);
  }

  /** A load the driver's watchdog ended at its deadline. */
  public static String deadline(LoadReport report) {
    return String.format(
        Locale.ROOT,
        "the watchdog ended the load: it did not end within its planned duration + grace (%s);"
            + " %,d messages were not sent, %,d sends did not finish%s",
        report.endingDetail(),
        report.notSent(),
        report.unfinished(),
        report.stuckThreads() > 0
            ? ", and " + report.stuckThreads() + " thread(s) were still stuck in the target"
            : "");
  }

  /** Queues that did not drain in time: what each still held, or when it drained. */
  public static String drain(DrainSpec spec, List<String> stillFull) {
    return spec.describe()
        + " failed: "
        + String.join(", ", stillFull)
        + " (level "
        + spec.level()
        + ") "
        + Durations.format(spec.within())
        + " after the load ended";
  }

  /** Messages lost silently (the verdict LOST), with the verdict's account. */
  public static String silentLoss(Assessment lost) {
    return "no silent loss failed: "
        + lost.explanation()
        + " (@AllowSilentLoss opts out; @ExpectVerdict(Verdict.LOST) expects it)";
  }

  /** A latency percentile above its bound. */
  public static String latency(LatencySpec bound, Duration measured) {
    return bound.describe()
        + " failed: latency "
        + bound.label()
        + " was "
        + Durations.format(measured)
        + " (from each message's intended send time to the target's answer)";
  }

  /** A verdict that was not expected, with its explanation. */
  public static String verdict(VerdictSpec spec, String queue, Assessment assessment) {
    return spec.describe() + " failed: the verdict on '" + queue + "' was " + assessment.summary();
  }
}
