package dev.spillway.junit.internal;

import static org.apiguardian.api.API.Status.INTERNAL;

import dev.spillway.junit.OverloadResult;
import dev.spillway.toolkit.ledger.LedgerSnapshot;
import dev.spillway.toolkit.probe.QueueProbe;
import dev.spillway.toolkit.record.DepthSeries;
import dev.spillway.toolkit.record.QueueTrace;
import dev.spillway.toolkit.util.Durations;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.apiguardian.api.API;

/**
 * The watched probes of one run, each behind a {@link GuardedProbe}, and what their failures mean
 * for the run: a depth that could not be read is missing evidence, never a depth of 0.
 *
 * <p><b>The rule.</b> A run in which any read of a watched probe failed (it threw, returned a
 * negative depth, or did not answer within the limit) is <em>not judged</em>: its verdict, its
 * expected verdict and its books are not checked, the test fails with one line per probe naming
 * what went wrong, when, and how many samples were lost, and the summary and the report say NOT
 * JUDGED. With {@link dev.spillway.junit.AllowProbeGaps}, the run is judged from the samples that
 * were read, with the gaps as a caveat — unless the probe was never read, or could not be read when
 * the run ended (then the books' queued count is unknown).
 *
 * <p>Probes of instrumented queues are the harness's own and are read directly. Thread-safe.
 */
@API(status = INTERNAL, since = "0.1")
public final class ProbeGuards implements AutoCloseable {

  /** The shortest time limit for one read of a probe. */
  public static final Duration MIN_LIMIT = Duration.ofSeconds(1);

  private final Optional<String> gapsAllowed;
  private final List<WatchedQueue> watched;
  private final List<GuardedProbe> guards;
  private volatile String notJudged;
  private volatile boolean queuedUnknown;

  private ProbeGuards(
      Optional<String> gapsAllowed, List<WatchedQueue> watched, List<GuardedProbe> guards) {
    this.gapsAllowed = gapsAllowed;
    this.watched = watched;
    this.guards = guards;
  }

  /**
   * Guards the plain probes of {@code watched} for the test {@code test}: each read may take the
   * larger of {@code grace} and {@link #MIN_LIMIT}.
   *
   * @param gapsAllowed why gaps are allowed ({@link dev.spillway.junit.AllowProbeGaps}), if they
   *     are
   */
  public static ProbeGuards of(
      String test, Duration grace, Optional<String> gapsAllowed, List<WatchedQueue> watched) {
    Duration limit = grace.compareTo(MIN_LIMIT) > 0 ? grace : MIN_LIMIT;
    List<WatchedQueue> out = new ArrayList<>();
    List<GuardedProbe> guards = new ArrayList<>();
    for (WatchedQueue w : watched) {
      if (w.isInstrumented()) {
        out.add(w);
      } else {
        GuardedProbe guarded = new GuardedProbe(w.probe(), test, limit);
        guards.add(guarded);
        out.add(new WatchedQueue(w.name(), guarded, null));
      }
    }
    return new ProbeGuards(gapsAllowed, List.copyOf(out), List.copyOf(guards));
  }

  /** The watched queues, their plain probes guarded; use them for every read during the run. */
  public List<WatchedQueue> watched() {
    return watched;
  }

  /**
   * A probe of all watched queues together, as the books count them, that never throws: a queue
   * that cannot be read counts 0 and its failure is noted, so the run is not judged from it.
   */
  public QueueProbe queued() {
    return QueueProbe.of(
        "watched queues",
        () -> {
          long sum = 0;
          for (WatchedQueue w : watched) {
            try {
              sum += w.probe().depth();
            } catch (RuntimeException unreadable) {
              queuedUnknown = true; // the guard has counted it
            }
          }
          return sum;
        });
  }

  /**
   * Whether no read of a watched probe has failed so far (see {@link GuardedProbe#hasFailed()}): a
   * read still under way within its limit is not a failure. (Counting it as one made the books of a
   * healthy run be read at once instead of settled, whenever the recorder happened to be reading.)
   */
  public boolean allReadable() {
    return guards.stream().noneMatch(GuardedProbe::hasFailed);
  }

  /**
   * Decides, once the books are taken, whether the run may be judged; adds one line per probe that
   * failed to {@code failures} (first) when it may not, or to {@code caveats} when the gaps are
   * allowed.
   *
   * @param loadStartNanos when the load started, as a nanoTime
   * @return whether the run may be judged
   */
  public boolean judge(
      QueueTrace trace, long loadStartNanos, List<String> failures, List<String> caveats) {
    List<String> refused = new ArrayList<>();
    for (GuardedProbe guard : guards) {
      GuardedProbe.Fault fault = guard.fault();
      if (!fault.any()) {
        continue;
      }
      String line = describe(fault, trace, loadStartNanos);
      DepthSeries series = trace.series(fault.probe());
      if (series.samples() == 0) {
        refused.add(line + "; not judged: no sample was read");
      } else if (fault.unreadableAtEnd()) {
        refused.add(line + "; not judged: unreadable at the end of the run");
      } else if (gapsAllowed.isEmpty()) {
        refused.add(
            line
                + "; not judged: a verdict needs every sample (@AllowProbeGaps judges from the"
                + " samples read)");
      } else {
        caveats.add(line + "; judged from the samples read, as allowed: " + gapsAllowed.get());
      }
    }
    if (refused.isEmpty()) {
      return true;
    }
    notJudged = refused.get(0);
    failures.addAll(0, refused);
    return false;
  }

  /** Why the run was not judged: the first probe's line; empty when it was judged. */
  public Optional<String> notJudged() {
    return Optional.ofNullable(notJudged);
  }

  /**
   * Tells {@code reporting} what the run's report must say: not judged and why, and that the books'
   * queued count is unknown when a probe could not be read for it.
   */
  public void report(RunReporting reporting) {
    String why = notJudged;
    if (why == null) {
      return;
    }
    reporting.notJudged(why);
    if (queuedUnknown) {
      reporting.detail(
          "books",
          "queued unknown: a watched queue could not be read when the books were taken, so"
              + " 'queued' counts it as 0 and 'unaccounted' includes what it held");
    }
  }

  /**
   * The run's one-line summary: {@link OverloadResult#summary()} when it was judged, otherwise
   * {@code NOT JUDGED}, why, and the figures that do not depend on the probes.
   */
  public String summary(OverloadResult result) {
    String why = notJudged;
    if (why == null) {
      return result.summary();
    }
    LedgerSnapshot books = result.books();
    return String.format(
        Locale.ROOT,
        "overload '%s': NOT JUDGED: %s; latency p99 %s; %,d sent, %,d processed, %,d rejected, %,d"
            + " dropped, %,d failed, %s",
        result.name(),
        why,
        Durations.format(result.latencyP99()),
        books.sent(),
        books.processed(),
        books.rejected(),
        books.dropped(),
        books.failed(),
        queuedUnknown
            ? "queued unknown"
            : String.format(Locale.ROOT, "%,d queued", books.queued()));
  }

  /** {@code "<what> at +1.2s after the load started (17 of 40 samples unreadable)"}. */
  private static String describe(GuardedProbe.Fault fault, QueueTrace trace, long loadStartNanos) {
    long offset = fault.firstNanos() - loadStartNanos;
    String when =
        offset >= 0
            ? "+" + Durations.format(Duration.ofNanos(offset)) + " after the load started"
            : Durations.format(Duration.ofNanos(-offset)) + " before the load started";
    DepthSeries series = trace.series(fault.probe());
    long failed = series.failedSamples();
    long all = series.samples() + failed;
    String counts =
        failed > 0
            ? String.format(Locale.ROOT, "%,d of %,d samples unreadable", failed, all)
            : String.format(Locale.ROOT, "all %,d samples read, unreadable after the load", all);
    StringBuilder text = new StringBuilder(fault.first()).append(" at ").append(when);
    text.append(" (").append(counts);
    if (fault.last() != null) {
      text.append("; the last: ").append(fault.last());
    }
    if (fault.stuck()) {
      text.append("; still blocked when the run ended");
    }
    if (fault.late() != null) {
      text.append("; the blocked read then failed: ").append(fault.late());
    }
    return text.append(')').toString();
  }

  /** Ends the probes' reading threads. */
  @Override
  public void close() {
    for (GuardedProbe guard : guards) {
      guard.close();
    }
  }
}
