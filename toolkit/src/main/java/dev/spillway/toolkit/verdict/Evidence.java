package dev.spillway.toolkit.verdict;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import dev.spillway.toolkit.ledger.LedgerSnapshot;
import dev.spillway.toolkit.ledger.MessageLedger;
import dev.spillway.toolkit.ledger.Rates;
import dev.spillway.toolkit.ledger.SettledBooks;
import dev.spillway.toolkit.load.LoadReport;
import dev.spillway.toolkit.record.DepthSeries;
import dev.spillway.toolkit.record.QueueTrace;
import dev.spillway.toolkit.util.Preconditions;
import java.time.Duration;
import java.util.Optional;
import java.util.OptionalLong;
import org.apiguardian.api.API;

/**
 * What a verdict is computed from: one probe's series in a trace, the books after the run and how
 * they settled, and optionally λ/μ, the load window, the load driver's report (for push-back) and
 * the queue's capacity (for forecasts).
 *
 * <pre>{@code
 * Evidence evidence = Evidence.of(trace, "orders", Settling.settle(ledger, probe, inFlight, mu, rules))
 *     .withLoadWindow(Duration.ofSeconds(1), Duration.ofSeconds(5))
 *     .withRatesFrom(ledger)
 *     .withLoad(loadReport);
 * }</pre>
 *
 * @param trace the recorded trace
 * @param probe the probe whose queue is judged; one of the trace's
 * @param settled the books, taken after the load, and how they settled ({@link SettledBooks#atRest}
 *     for books taken by hand once the consumers stopped)
 * @param rates λ and μ, measured or nominal, if known
 * @param loadStart when the load (the spike) started, from the trace's start
 * @param loadEnd when it ended; after {@code loadStart}, not after the trace's end
 * @param load the load driver's report, if known: what the target held up ({@link
 *     Verdict#PUSHED_BACK})
 * @param capacity the most the queue can hold, if it is bounded: a forecast never goes past it
 * @param gc the garbage collections over the run and the served rate over time, if recorded: what a
 *     {@linkplain GcTrend GC death spiral} is read from; without them none is claimed
 */
@API(status = EXPERIMENTAL, since = "0.1")
public record Evidence(
    QueueTrace trace,
    String probe,
    SettledBooks settled,
    Optional<Rates> rates,
    Duration loadStart,
    Duration loadEnd,
    Optional<LoadReport> load,
    OptionalLong capacity,
    Optional<GcActivity> gc) {

  /** Validates the components. */
  public Evidence {
    Preconditions.notNull(trace, "trace");
    Preconditions.notNull(probe, "probe name");
    trace.series(probe); // throws naming the probes it has
    Preconditions.notNull(settled, "settled books");
    Preconditions.notNull(rates, "rates");
    Preconditions.notNegative(loadStart, "load start");
    Preconditions.notNull(loadEnd, "load end");
    Preconditions.check(
        loadEnd.compareTo(loadStart) > 0, "load end", "after the load start " + loadStart, loadEnd);
    Preconditions.check(
        loadEnd.compareTo(trace.duration()) <= 0,
        "load end",
        "within the trace (" + trace.duration() + ")",
        loadEnd);
    Preconditions.notNull(load, "load report");
    Preconditions.notNull(capacity, "capacity");
    if (capacity.isPresent()) {
      Preconditions.positive(capacity.getAsLong(), "capacity");
    }
    Preconditions.notNull(gc, "GC activity");
  }

  /**
   * Evidence from a trace's only probe and books taken at rest; the load window is the whole trace.
   *
   * @throws IllegalStateException when the trace has several probes
   */
  public static Evidence of(QueueTrace trace, LedgerSnapshot ledger) {
    Preconditions.notNull(trace, "trace");
    return of(trace, trace.onlySeries().probe(), ledger);
  }

  /**
   * Evidence from one probe of a trace and books taken at rest (after the consumers stopped or went
   * idle); the load window is the whole trace.
   */
  public static Evidence of(QueueTrace trace, String probe, LedgerSnapshot ledger) {
    Preconditions.notNull(ledger, "ledger snapshot");
    return of(trace, probe, SettledBooks.atRest(ledger));
  }

  /** Evidence from one probe of a trace and settled books; the load window is the whole trace. */
  public static Evidence of(QueueTrace trace, String probe, SettledBooks settled) {
    Preconditions.notNull(trace, "trace");
    return new Evidence(
        trace,
        probe,
        settled,
        Optional.empty(),
        Duration.ZERO,
        trace.duration(),
        Optional.empty(),
        OptionalLong.empty(),
        Optional.empty());
  }

  /** The books (the settled reading). */
  public LedgerSnapshot ledger() {
    return settled.books();
  }

  /** A copy with the load window: growth is judged at its end, drain after it. */
  public Evidence withLoadWindow(Duration start, Duration end) {
    return new Evidence(trace, probe, settled, rates, start, end, load, capacity, gc);
  }

  /** A copy with these λ and μ (measured or {@linkplain Rates#nominal nominal}). */
  public Evidence withRates(Rates rates) {
    Preconditions.notNull(rates, "rates");
    return new Evidence(
        trace, probe, settled, Optional.of(rates), loadStart, loadEnd, load, capacity, gc);
  }

  /**
   * A copy with λ and μ measured by {@code ledger} over the load window. The ledger must use the
   * trace's clock ({@link System#nanoTime()}, its default) and still hold that window.
   */
  public Evidence withRatesFrom(MessageLedger ledger) {
    Preconditions.notNull(ledger, "ledger");
    long base = trace.startNanos();
    return withRates(ledger.ratesBetween(base + loadStart.toNanos(), base + loadEnd.toNanos()));
  }

  /** A copy with the load driver's report: what it held up decides {@link Verdict#PUSHED_BACK}. */
  public Evidence withLoad(LoadReport report) {
    Preconditions.notNull(report, "load report");
    return new Evidence(
        trace, probe, settled, rates, loadStart, loadEnd, Optional.of(report), capacity, gc);
  }

  /** A copy with the queue's capacity (&gt;= 1): forecasts stop there. */
  public Evidence withCapacity(long capacity) {
    Preconditions.positive(capacity, "capacity");
    return new Evidence(
        trace, probe, settled, rates, loadStart, loadEnd, load, OptionalLong.of(capacity), gc);
  }

  /**
   * A copy with the garbage collections recorded over the run and the served rate over time: the
   * verdict's explanation then names a {@linkplain GcTrend GC death spiral} when there was one.
   */
  public Evidence withGcActivity(GcActivity activity) {
    Preconditions.notNull(activity, "GC activity");
    return new Evidence(
        trace, probe, settled, rates, loadStart, loadEnd, load, capacity, Optional.of(activity));
  }

  /** The judged probe's series. */
  public DepthSeries series() {
    return trace.series(probe);
  }
}
