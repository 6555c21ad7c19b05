package dev.spillway.junit;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import dev.spillway.toolkit.autopsy.AutopsyReport;
import dev.spillway.toolkit.ledger.LedgerSnapshot;
import dev.spillway.toolkit.load.LoadReport;
import dev.spillway.toolkit.load.PhaseReport;
import dev.spillway.toolkit.record.Growth;
import dev.spillway.toolkit.record.QueueTrace;
import dev.spillway.toolkit.util.Durations;
import dev.spillway.toolkit.verdict.Assessment;
import dev.spillway.toolkit.verdict.Verdict;
import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.apiguardian.api.API;

/**
 * What one run of an {@link OverloadHarness} measured: the load driver's report, the recorded trace
 * of every watched queue, the books, the exact high-water marks, when the load played, and the
 * verdict of every watched queue with its explanation in numbers.
 *
 * <p>Offsets ({@link #loadStart()}, {@link #loadEnd()}) are measured from the start of the trace,
 * like the times inside {@link #trace()}. Immutable and thread-safe.
 *
 * @param name the run's name (the test method's)
 * @param load the load driver's report: messages planned, sent, accepted, rejected; lateness and
 *     latency; back-pressure
 * @param trace the sampled depth of every watched queue, with the run's events (load phases,
 *     injections, sentinel breaches, marks)
 * @param books the ledger's books after the run (after the drain, if one was declared)
 * @param highWaterMarks the largest depth of each watched queue during the run, by name, in the
 *     order they were watched: seen at every enqueue for an {@link
 *     dev.spillway.toolkit.record.ObservableQueue} (exact for an {@code InstrumentedQueue}; see
 *     {@code InstrumentedMpscQueue} for its guarantee), sampled for any other probe
 * @param assessments the verdict of each watched queue, by name, in the same order (see {@link
 *     ExpectVerdict} for how they are computed)
 * @param loadStart when the load started, from the start of the trace
 * @param loadEnd when it ended (its planned end, or when it was stopped), from the start of the
 *     trace; not before {@code loadStart}
 * @param caveats what the run's {@linkplain OverloadCaveat caveats} found: reasons why the figures
 *     may not be the target's own (e.g. a downstream that limited the service rate); each also ends
 *     the explanation of every assessment and the {@linkplain #summary() summary}; usually empty
 * @param autopsy where the consumer threads' time went from the load's peak to the end of the run,
 *     when the test records an autopsy ({@link RecordAutopsy}); its one line ends the {@linkplain
 *     #summary() summary}
 */
@API(status = EXPERIMENTAL, since = "0.1")
public record OverloadResult(
    String name,
    LoadReport load,
    QueueTrace trace,
    LedgerSnapshot books,
    Map<String, Long> highWaterMarks,
    Map<String, Assessment> assessments,
    Duration loadStart,
    Duration loadEnd,
    List<String> caveats,
    Optional<AutopsyReport> autopsy) {

  /** The key of the report entry each run publishes, with {@link #summary()} as its value. */
  public static final String REPORT_KEY = "spillway";

  /** Validates the components and copies the maps and the list. */
  public OverloadResult {
    requireNonNull(name, "name");
    requireNonNull(load, "load report");
    requireNonNull(trace, "trace");
    requireNonNull(books, "books");
    requireNonNull(highWaterMarks, "high-water marks");
    requireNonNull(assessments, "assessments");
    requireNonNull(loadStart, "load start");
    requireNonNull(loadEnd, "load end");
    requireNonNull(caveats, "caveats");
    requireNonNull(autopsy, "autopsy");
    if (highWaterMarks.isEmpty()) {
      throw new IllegalArgumentException("high-water marks must name at least one queue");
    }
    if (loadStart.isNegative() || loadEnd.compareTo(loadStart) < 0) {
      throw new IllegalArgumentException(
          "load window must be 0 <= start <= end, but was " + loadStart + " to " + loadEnd);
    }
    if (!assessments.keySet().equals(highWaterMarks.keySet())) {
      throw new IllegalArgumentException(
          "assessments must name the queues of the high-water marks "
              + highWaterMarks.keySet()
              + ", but named "
              + assessments.keySet());
    }
    highWaterMarks = Collections.unmodifiableMap(new LinkedHashMap<>(highWaterMarks));
    assessments = Collections.unmodifiableMap(new LinkedHashMap<>(assessments));
    caveats = List.copyOf(caveats);
  }

  private static void requireNonNull(Object value, String what) {
    if (value == null) {
      throw new IllegalArgumentException(what + " must not be null");
    }
  }

  /** The largest depth any watched queue reached. */
  public long highWaterMark() {
    return highWaterMarks.values().stream().mapToLong(Long::longValue).max().orElse(0);
  }

  /**
   * The largest depth the queue named {@code queue} reached.
   *
   * @throws IllegalArgumentException when no watched queue has that name
   */
  public long highWaterMark(String queue) {
    Long mark = highWaterMarks.get(queue);
    if (mark == null) {
      throw new IllegalArgumentException(
          "queue must be one of " + highWaterMarks.keySet() + ", but was '" + queue + "'");
    }
    return mark;
  }

  /**
   * The run's verdict: the worst verdict of the watched queues ({@link Verdict} lists them from the
   * worst to the best).
   */
  public Verdict verdict() {
    return assessment().verdict();
  }

  /**
   * The watched queue the run's verdict and summary speak of: the one with the worst verdict, and
   * of those the one that reached the largest depth (the first watched, on a tie).
   */
  public String judgedQueue() {
    String judged = null;
    for (Map.Entry<String, Assessment> e : assessments.entrySet()) {
      String queue = e.getKey();
      if (judged == null) {
        judged = queue;
        continue;
      }
      int worse = e.getValue().verdict().compareTo(assessments.get(judged).verdict());
      if (worse < 0 || (worse == 0 && highWaterMarks.get(queue) > highWaterMarks.get(judged))) {
        judged = queue;
      }
    }
    return judged;
  }

  /** The assessment of the {@linkplain #judgedQueue() judged queue}. */
  public Assessment assessment() {
    return assessments.get(judgedQueue());
  }

  /**
   * The assessment of the queue named {@code queue}: its verdict, the explanation in numbers and
   * the figures behind it.
   *
   * @throws IllegalArgumentException when no watched queue has that name
   */
  public Assessment assessment(String queue) {
    highWaterMark(queue);
    return assessments.get(queue);
  }

  /**
   * How fast the queue named {@code queue} grew at the end of the load's peak: the growth its
   * verdict judged ({@link Assessment#growth()}: the least-squares slope of its sampled depth, in
   * messages per second, over the late part of the window the verdict judges — the peak of a {@link
   * SpikeLoad}, the whole of a {@link ConstantLoad} or {@link RampLoad}). The same figure is in the
   * summary line and the report.
   */
  public Growth growth(String queue) {
    return assessment(queue).growth();
  }

  /** {@link #growth(String)} of the {@linkplain #judgedQueue() judged queue}. */
  public Growth growth() {
    return growth(judgedQueue());
  }

  /** The share of the messages sent that were shed (rejected or dropped), in [0, 1]. */
  public double shedRatio() {
    return books.shedFraction();
  }

  /** The 99th percentile of latency (from intended send time to the target's answer). */
  public Duration latencyP99() {
    return load.latency().p99();
  }

  /**
   * How long after the load ended the queue named {@code queue} took to be empty; empty when it was
   * not empty by the end of the trace.
   */
  public Optional<Duration> drainTime(String queue) {
    highWaterMark(queue);
    return trace.series(queue).drainTime(loadEnd, 0);
  }

  /**
   * One line for reports: the verdict and the judged queue's high-water mark and growth, then the
   * run's shed ratio, latency p99 and books, e.g. {@code "overload 'orders': SHED at 'mailbox':
   * high-water mark 100, growth +2.1/s; shed 18.6%; latency p99 212µs; 1,500 sent, 1,221 processed,
   * 279 rejected, 0 dropped, 0 failed, 0 unaccounted"}, followed when they apply by the failures by
   * cause ({@code "; failures: 400 × java.lang.IllegalStateException (e.g. \"down\")"}), what the
   * target held up ({@code "; held up 117 of 1,000 sends (11.7%) in 'spike peak 250/s for 4s'"}),
   * the work done on the caller's thread, {@code "; CAVEAT: <caveat>"} for each of the {@linkplain
   * #caveats() caveats}, and the {@linkplain #autopsy() autopsy}'s line ({@code "; autopsy of 1
   * thread over 1.4 s: 91% in OrderRepository.insert (in Thread.sleep), ..."}).
   */
  public String summary() {
    String queue = judgedQueue();
    Assessment judged = assessment(queue);
    Growth growth = judged.growth();
    String slope =
        growth.isDetermined()
            ? String.format(Locale.ROOT, "%+.1f/s", Math.round(growth.slopePerSecond() * 10) / 10.0)
            : "undetermined";
    StringBuilder text = new StringBuilder();
    String causes = books.describeCauses();
    if (!causes.isEmpty()) {
      text.append("; ").append(causes);
    }
    judged.heldPhase().ifPresent(phase -> text.append(heldPhrase(phase)));
    if (books.byCaller() > 0) {
      text.append(String.format(Locale.ROOT, "; %,d run on the caller's thread", books.byCaller()));
    }
    for (String caveat : caveats) {
      text.append("; CAVEAT: ").append(caveat);
    }
    autopsy.ifPresent(a -> text.append("; ").append(a.summary()));
    return String.format(
            Locale.ROOT,
            "overload '%s': %s at '%s': high-water mark %,d, growth %s; shed %.1f%%; latency p99 %s;"
                + " %,d sent, %,d processed, %,d rejected, %,d dropped, %,d failed, %,d unaccounted",
            name,
            verdict(),
            queue,
            highWaterMarks.get(queue),
            slope,
            shedRatio() * 100,
            Durations.format(latencyP99()),
            books.sent(),
            books.processed(),
            books.rejected(),
            books.dropped(),
            books.failed(),
            books.unaccounted())
        + text;
  }

  /**
   * What the target held up in {@code phase}: the sends it held one after another, or — when the
   * push-back was by time (a caller held a batch, a backlog at a time) — how long it held its
   * caller.
   */
  private static String heldPhrase(PhaseReport phase) {
    String inside =
        Durations.format(phase.callTime())
            + " of its "
            + Durations.format(phase.measuredDuration())
            + " inside the target";
    return phase.heldMessages() > 0
        ? String.format(
            Locale.ROOT,
            "; held up %,d of %,d sends (%.1f%%) in '%s', %s",
            phase.heldMessages(),
            phase.sentMessages(),
            phase.heldShare() * 100,
            phase.name(),
            inside)
        : "; held its caller in '" + phase.name() + "', " + inside;
  }
}
