package dev.spillway.gatling;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import dev.spillway.toolkit.verdict.Verdict;
import java.time.Duration;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.stream.Collectors;
import org.apiguardian.api.API;

/**
 * A queue of the target that Spillway watches during a simulation, and what it must show at the
 * end: its depth metric (sampled all along), optionally its exact high-water mark, the counters of
 * its books, a bound, a drain time, and the verdicts that pass.
 *
 * <pre>{@code
 * WatchedQueue orders = WatchedQueue.of("orders", Metric.prometheus("orders_depth"))
 *     .withBooks(BookCounters.prometheus("orders_messages_total", Map.of(), "outcome"))
 *     .withBound(1_000)
 *     .withDrainWithin(Duration.ofSeconds(2));
 * }</pre>
 *
 * <p>By default a queue passes with a healthy verdict ({@link Verdict#isHealthy()}: SHED,
 * PUSHED_BACK or SURVIVED); {@link #expecting} names others (a reproduction of an overflow expects
 * OVERFLOWED). Immutable and thread-safe: every {@code with…} method returns a copy.
 */
@API(status = EXPERIMENTAL, since = "0.1")
public final class WatchedQueue {

  private final String name;
  private final String design;
  private final Metric depth;
  private final Optional<Metric> highWaterMark;
  private final Optional<BookCounters> books;
  private final OptionalLong bound;
  private final Optional<Duration> drainWithin;
  private final OptionalLong capacity;
  private final Set<Verdict> expected;
  private final boolean growthMatchesRates;
  private final Optional<Duration> p99AtMost;

  private WatchedQueue(
      String name,
      String design,
      Metric depth,
      Optional<Metric> highWaterMark,
      Optional<BookCounters> books,
      OptionalLong bound,
      Optional<Duration> drainWithin,
      OptionalLong capacity,
      Set<Verdict> expected,
      boolean growthMatchesRates,
      Optional<Duration> p99AtMost) {
    this.name = name;
    this.design = design;
    this.depth = depth;
    this.highWaterMark = highWaterMark;
    this.books = books;
    this.bound = bound;
    this.drainWithin = drainWithin;
    this.capacity = capacity;
    this.expected = Set.copyOf(expected);
    this.growthMatchesRates = growthMatchesRates;
    this.p99AtMost = p99AtMost;
  }

  /**
   * A queue named {@code name} (the probe's name in the trace and the report; letters, digits, '.',
   * '_' and '-') whose depth {@code depth} reads.
   */
  public static WatchedQueue of(String name, Metric depth) {
    Checks.notBlank(name, "watched queue name");
    Checks.check(
        name.matches("[A-Za-z0-9][A-Za-z0-9._-]*"),
        "watched queue name",
        "letters, digits, '.', '_' and '-', starting with a letter or digit",
        Checks.quoted(name));
    Checks.notNull(depth, "depth metric");
    return new WatchedQueue(
        name,
        name,
        depth,
        Optional.empty(),
        Optional.empty(),
        OptionalLong.empty(),
        Optional.empty(),
        OptionalLong.empty(),
        healthy(),
        false,
        Optional.empty());
  }

  /**
   * A design of a target that exports Spillway's metric names in Prometheus format, as the sample
   * targets' server does: the depth {@code spillway_design_depth{design=…}}, the books {@code
   * spillway_messages_total{design=…,outcome=…}} and the messages in flight {@code
   * spillway_design_in_flight{design=…}}.
   */
  public static WatchedQueue spillwayMetrics(String design) {
    Map<String, String> labels = Map.of("design", Checks.notBlank(design, "design"));
    return of(design, Metric.prometheus("spillway_design_depth", labels))
        .withBooks(
            BookCounters.prometheus("spillway_messages_total", labels, "outcome")
                .withInFlight(Metric.prometheus("spillway_design_in_flight", labels)));
  }

  /** A copy whose survival-matrix row is {@code design} (default: the queue's name). */
  public WatchedQueue withDesign(String design) {
    return new WatchedQueue(
        name,
        Checks.notBlank(design, "design"),
        depth,
        highWaterMark,
        books,
        bound,
        drainWithin,
        capacity,
        expected,
        growthMatchesRates,
        p99AtMost);
  }

  /**
   * A copy that also reads the queue's exact high-water mark (kept by the target at each enqueue,
   * so a peak between two samples is not missed): the bound is held against it.
   */
  public WatchedQueue withHighWaterMark(Metric highWaterMark) {
    return new WatchedQueue(
        name,
        design,
        depth,
        Optional.of(Checks.notNull(highWaterMark, "high-water mark metric")),
        books,
        bound,
        drainWithin,
        capacity,
        expected,
        growthMatchesRates,
        p99AtMost);
  }

  /** A copy that takes the books from these counters. */
  public WatchedQueue withBooks(BookCounters books) {
    return new WatchedQueue(
        name,
        design,
        depth,
        highWaterMark,
        Optional.of(Checks.notNull(books, "book counters")),
        bound,
        drainWithin,
        capacity,
        expected,
        growthMatchesRates,
        p99AtMost);
  }

  /** A copy that fails the run when the queue held more than {@code max} messages (&gt;= 1). */
  public WatchedQueue withBound(long max) {
    Checks.check(max >= 1, "queue bound of '" + name + "'", ">= 1", max);
    return new WatchedQueue(
        name,
        design,
        depth,
        highWaterMark,
        books,
        OptionalLong.of(max),
        drainWithin,
        capacity,
        expected,
        growthMatchesRates,
        p99AtMost);
  }

  /**
   * A copy that fails the run when the queue did not drain within {@code within} of the load's end.
   */
  public WatchedQueue withDrainWithin(Duration within) {
    Checks.positive(within, "drain time of '" + name + "'");
    return new WatchedQueue(
        name,
        design,
        depth,
        highWaterMark,
        books,
        bound,
        Optional.of(within),
        capacity,
        expected,
        growthMatchesRates,
        p99AtMost);
  }

  /** A copy with the queue's capacity (&gt;= 1): forecasts of its growth stop there. */
  public WatchedQueue withCapacity(long capacity) {
    Checks.check(capacity >= 1, "capacity of '" + name + "'", ">= 1", capacity);
    return new WatchedQueue(
        name,
        design,
        depth,
        highWaterMark,
        books,
        bound,
        drainWithin,
        OptionalLong.of(capacity),
        expected,
        growthMatchesRates,
        p99AtMost);
  }

  /** A copy that passes with exactly these verdicts (default: the healthy ones). */
  public WatchedQueue expecting(Verdict first, Verdict... more) {
    Checks.notNull(first, "expected verdict");
    Checks.notNull(more, "expected verdicts");
    EnumSet<Verdict> all = EnumSet.of(first);
    for (Verdict v : more) {
      all.add(Checks.notNull(v, "expected verdict"));
    }
    return new WatchedQueue(
        name,
        design,
        depth,
        highWaterMark,
        books,
        bound,
        drainWithin,
        capacity,
        all,
        growthMatchesRates,
        p99AtMost);
  }

  /**
   * A copy that also checks that the queue grew at λ − μ over the verdict's late window, within a
   * tolerance computed from the same run's fits (see {@link Spillway}); λ and μ are the slopes of
   * the target's sent and processed counters, so the books are required.
   */
  public WatchedQueue checkingGrowthAgainstRates() {
    Checks.check(
        books.isPresent(),
        "book counters of '" + name + "'",
        "given before checkingGrowthAgainstRates() (λ and μ are read from them)",
        "absent");
    return new WatchedQueue(
        name,
        design,
        depth,
        highWaterMark,
        books,
        bound,
        drainWithin,
        capacity,
        expected,
        true,
        p99AtMost);
  }

  /**
   * A copy that fails the run when the 99th percentile of the response times of the requests sent
   * to this queue ({@link Spillway#send}) is over {@code max}.
   */
  public WatchedQueue withP99AtMost(Duration max) {
    Checks.positive(max, "p99 bound of '" + name + "'");
    return new WatchedQueue(
        name,
        design,
        depth,
        highWaterMark,
        books,
        bound,
        drainWithin,
        capacity,
        expected,
        growthMatchesRates,
        Optional.of(max));
  }

  /** The p99 response-time bound, if any. */
  public Optional<Duration> p99AtMost() {
    return p99AtMost;
  }

  /** The queue's name: its probe in the trace and the report. */
  public String name() {
    return name;
  }

  /** The survival matrix's row. */
  public String design() {
    return design;
  }

  /** The depth metric. */
  public Metric depth() {
    return depth;
  }

  /** The exact high-water mark's metric, if read. */
  public Optional<Metric> highWaterMark() {
    return highWaterMark;
  }

  /** The book counters, if read. */
  public Optional<BookCounters> books() {
    return books;
  }

  /** The bound, if any. */
  public OptionalLong bound() {
    return bound;
  }

  /** The drain time, if any. */
  public Optional<Duration> drainWithin() {
    return drainWithin;
  }

  /** The capacity, if known. */
  public OptionalLong capacity() {
    return capacity;
  }

  /** The verdicts that pass. */
  public Set<Verdict> expected() {
    return expected;
  }

  /** Whether the growth is checked against λ − μ. */
  public boolean growthMatchesRates() {
    return growthMatchesRates;
  }

  private static Set<Verdict> healthy() {
    return Arrays.stream(Verdict.values())
        .filter(Verdict::isHealthy)
        .collect(Collectors.toCollection(() -> EnumSet.noneOf(Verdict.class)));
  }

  @Override
  public String toString() {
    return "WatchedQueue[name="
        + name
        + ", design="
        + design
        + ", depth="
        + depth.describe()
        + ", highWaterMark="
        + highWaterMark.map(Metric::describe)
        + ", books="
        + books.isPresent()
        + ", bound="
        + bound
        + ", drainWithin="
        + drainWithin
        + ", capacity="
        + capacity
        + ", expected="
        + expected
        + ", growthMatchesRates="
        + growthMatchesRates
        + ", p99AtMost="
        + p99AtMost
        + "]";
  }
}
