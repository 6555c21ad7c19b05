package dev.spillway.toolkit.verdict;

import dev.spillway.toolkit.internal.Preconditions;
import dev.spillway.toolkit.ledger.LedgerSnapshot;
import dev.spillway.toolkit.ledger.MessageLedger;
import dev.spillway.toolkit.ledger.Rates;
import dev.spillway.toolkit.record.DepthSeries;
import dev.spillway.toolkit.record.QueueTrace;
import java.time.Duration;
import java.util.Optional;

/**
 * What a verdict is computed from: one probe's series in a trace, the ledger's books taken after
 * the run, and optionally λ/μ and the load window.
 *
 * <pre>{@code
 * Evidence evidence = Evidence.of(trace, "orders", ledger.snapshot(queue.probe()))
 *     .withLoadWindow(Duration.ofSeconds(1), Duration.ofSeconds(5))
 *     .withRatesFrom(ledger);
 * }</pre>
 *
 * @param trace the recorded trace
 * @param probe the probe whose queue is judged; one of the trace's
 * @param ledger the books, taken after the load (and after the drain, if any)
 * @param rates λ and μ, measured or nominal, if known
 * @param loadStart when the load (the spike) started, from the trace's start
 * @param loadEnd when it ended; after {@code loadStart}, not after the trace's end
 */
public record Evidence(
    QueueTrace trace,
    String probe,
    LedgerSnapshot ledger,
    Optional<Rates> rates,
    Duration loadStart,
    Duration loadEnd) {

  /** Validates the components. */
  public Evidence {
    Preconditions.notNull(trace, "trace");
    Preconditions.notNull(probe, "probe name");
    trace.series(probe); // throws naming the probes it has
    Preconditions.notNull(ledger, "ledger snapshot");
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
  }

  /**
   * Evidence from a trace's only probe; the load window is the whole trace.
   *
   * @throws IllegalStateException when the trace has several probes
   */
  public static Evidence of(QueueTrace trace, LedgerSnapshot ledger) {
    Preconditions.notNull(trace, "trace");
    return of(trace, trace.onlySeries().probe(), ledger);
  }

  /** Evidence from one probe of a trace; the load window is the whole trace. */
  public static Evidence of(QueueTrace trace, String probe, LedgerSnapshot ledger) {
    Preconditions.notNull(trace, "trace");
    return new Evidence(trace, probe, ledger, Optional.empty(), Duration.ZERO, trace.duration());
  }

  /** A copy with the load window: growth is judged at its end, drain after it. */
  public Evidence withLoadWindow(Duration start, Duration end) {
    return new Evidence(trace, probe, ledger, rates, start, end);
  }

  /** A copy with these λ and μ (measured or {@linkplain Rates#nominal nominal}). */
  public Evidence withRates(Rates rates) {
    Preconditions.notNull(rates, "rates");
    return new Evidence(trace, probe, ledger, Optional.of(rates), loadStart, loadEnd);
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

  /** The judged probe's series. */
  public DepthSeries series() {
    return trace.series(probe);
  }
}
