package dev.spillway.report;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import dev.spillway.toolkit.autopsy.AutopsyReport;
import dev.spillway.toolkit.capacity.CapacityResult;
import dev.spillway.toolkit.inject.Injector;
import dev.spillway.toolkit.ledger.LedgerSnapshot;
import dev.spillway.toolkit.ledger.RateBucket;
import dev.spillway.toolkit.load.LoadProfile;
import dev.spillway.toolkit.load.LoadReport;
import dev.spillway.toolkit.load.Percentiles;
import dev.spillway.toolkit.record.DepthSeries;
import dev.spillway.toolkit.record.QueueTrace;
import dev.spillway.toolkit.sentinel.Breach;
import dev.spillway.toolkit.util.Preconditions;
import dev.spillway.toolkit.verdict.Assessment;
import dev.spillway.toolkit.verdict.Verdict;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.TimeUnit;
import org.apiguardian.api.API;

/**
 * Builds a {@link RunResult} from the toolkit's objects: a {@link QueueTrace}, a {@link
 * LoadProfile} and its {@link LoadReport}, an {@link Assessment}, the ledger's books and rate
 * buckets, the {@link Injector}s, a sentinel's {@link Breach}es, and the bounds the run was held
 * to.
 *
 * <pre>{@code
 * RunResult result = RunResult.builder("singleton under a 250/s spike")
 *     .design("singleton").scenario("spike 150→250/s")
 *     .trace(trace)                                  // probes, start, duration, events
 *     .exactHighWaterMark("orders", mailbox.highWaterMark())
 *     .profile(spike).loadReport(load)               // phases, counts, latency, lateness
 *     .assessment(assessment)                        // verdict, explanation, growth, drain, λ/μ, books
 *     .rateBuckets(ledger.rateSeries())              // offered and served over time
 *     .injector(slowInjector)
 *     .bound(BoundCheck.queue("orders", 1_000, mailbox.highWaterMark()))
 *     .build();
 * }</pre>
 *
 * <p>Only the name is required when a trace is given; without a trace, give {@link
 * #startedAt(Instant)} and {@link #duration(Duration)}. What an assessment or a load report
 * provides can be set (or overridden) on its own: {@link #verdict}, {@link #ledger}, {@link
 * #latency}... Every setter validates its argument at once; {@link #build()} checks that the parts
 * fit together (a queue bound names a probe of the trace, rate buckets need a trace's clock).
 *
 * <p>Not thread-safe: use one builder from one thread.
 */
@API(status = EXPERIMENTAL, since = "0.1")
public final class RunResultBuilder {

  /** The most points kept per probe unless {@link #maxPointsPerProbe(int)} says otherwise. */
  public static final int DEFAULT_MAX_POINTS = 2_000;

  /** The most rate buckets kept; more are merged, neighbours together. */
  public static final int MAX_RATE_POINTS = 2_000;

  /** The most events kept (the first ones, in time order). */
  public static final int MAX_EVENTS = 1_000;

  private final String name;
  private String id;
  private String design;
  private String scenario = "default";
  private String source = "toolkit";
  private Instant startedAt;
  private Duration duration;
  private QueueTrace trace;
  private final Map<String, Long> exactHighWaterMarks = new LinkedHashMap<>();
  private LoadProfile profile;
  private Duration loadStart;
  private LoadReport loadReport;
  private Assessment assessment;
  private Verdict verdict;
  private String explanation;
  private LedgerSnapshot ledger;
  private List<RateBucket> rateBuckets;
  private List<RatePoint> ratePoints;
  private Percentiles latency;
  private Percentiles lateness;
  private final List<InjectorInfo> injectors = new ArrayList<>();
  private List<Breach> breaches;
  private final List<BoundCheck> bounds = new ArrayList<>();
  private final Map<String, String> details = new LinkedHashMap<>();
  private int maxPoints = DEFAULT_MAX_POINTS;

  private AutopsyReport autopsy;
  private CapacityResult capacity;

  RunResultBuilder(String name) {
    this.name = Preconditions.notBlank(name, "run name");
  }

  /** The run's id (file-safe, see {@link RunResult#id()}); default: derived from the name. */
  public RunResultBuilder id(String id) {
    Preconditions.notNull(id, "run id");
    RunResult.idFor(id); // rejects ids without a letter or digit early
    this.id = id;
    return this;
  }

  /** The design under test (a row of the survival matrix); default: the run's name. */
  public RunResultBuilder design(String design) {
    this.design = Preconditions.notBlank(design, "design");
    return this;
  }

  /** The scenario (a column of the survival matrix); default {@code "default"}. */
  public RunResultBuilder scenario(String scenario) {
    this.scenario = Preconditions.notBlank(scenario, "scenario");
    return this;
  }

  /** What produced the result; default {@code "toolkit"}. */
  public RunResultBuilder source(String source) {
    this.source = Preconditions.notBlank(source, "source");
    return this;
  }

  /** When the run started; default: the trace's start time. */
  public RunResultBuilder startedAt(Instant startedAt) {
    this.startedAt = Preconditions.notNull(startedAt, "start time");
    return this;
  }

  /** How long the run lasted; default: the trace's duration. */
  public RunResultBuilder duration(Duration duration) {
    this.duration = Preconditions.notNegative(duration, "run duration");
    return this;
  }

  /** How long the run lasted, as an amount of {@code unit}. */
  public RunResultBuilder duration(long amount, TimeUnit unit) {
    Preconditions.notNull(unit, "duration unit");
    Preconditions.notNegative(amount, "run duration");
    return duration(Duration.ofNanos(unit.toNanos(amount)));
  }

  /**
   * The recording: every probe's series (downsampled, see {@link #maxPointsPerProbe(int)}), the
   * start time, the duration, the events and, unless {@link #breaches(List)} are given, the
   * sentinel breaches found among its {@code BREACH} events.
   */
  public RunResultBuilder trace(QueueTrace trace) {
    this.trace = Preconditions.notNull(trace, "trace");
    return this;
  }

  /** The exact high-water mark of a probe's queue (an InstrumentedQueue's); &gt;= 0. */
  public RunResultBuilder exactHighWaterMark(String probe, long highWaterMark) {
    Preconditions.notBlank(probe, "probe name");
    exactHighWaterMarks.put(
        probe, Preconditions.notNegative(highWaterMark, "exact high-water mark"));
    return this;
  }

  /** The load profile that was driven: its phases are placed from {@link #loadStartedAt}. */
  public RunResultBuilder profile(LoadProfile profile) {
    this.profile = Preconditions.notNull(profile, "load profile");
    return this;
  }

  /**
   * When the load started, from the start of the recording; default: the first {@code PHASE} event
   * of the trace, or 0.
   */
  public RunResultBuilder loadStartedAt(Duration offset) {
    this.loadStart = Preconditions.notNegative(offset, "load start");
    return this;
  }

  /** When the load started, as an amount of {@code unit} from the start of the recording. */
  public RunResultBuilder loadStartedAt(long offset, TimeUnit unit) {
    Preconditions.notNull(unit, "load start unit");
    Preconditions.notNegative(offset, "load start");
    return loadStartedAt(Duration.ofNanos(unit.toNanos(offset)));
  }

  /**
   * The load driver's report: message counts, latency and lateness, and each phase's achieved rate
   * (the phases themselves come from it too when no profile is given).
   */
  public RunResultBuilder loadReport(LoadReport report) {
    this.loadReport = Preconditions.notNull(report, "load report");
    return this;
  }

  /**
   * The verdict and every figure behind it: explanation, judged probe, growth, drain time, time to
   * limit, λ and μ, the books, and its rules' bound (as a queue bound on the judged probe, unless
   * one is set).
   */
  public RunResultBuilder assessment(Assessment assessment) {
    this.assessment = Preconditions.notNull(assessment, "assessment");
    if (verdict == null) {
      this.explanation = null; // not judged no more
    }
    return this;
  }

  /** A verdict reached elsewhere (overrides the assessment's). */
  public RunResultBuilder verdict(Verdict verdict, String explanation) {
    this.verdict = Preconditions.notNull(verdict, "verdict");
    this.explanation = Preconditions.notBlank(explanation, "explanation");
    return this;
  }

  /**
   * Marks the run as not judged, saying why (its evidence is incomplete, say): the result has no
   * verdict, and {@code why} is its explanation. Drops an assessment or a verdict given before, and
   * one given after replaces this.
   */
  public RunResultBuilder notJudged(String why) {
    this.explanation = Preconditions.notBlank(why, "reason for not judging");
    this.verdict = null;
    this.assessment = null;
    return this;
  }

  /** The books after the run (overrides the assessment's). */
  public RunResultBuilder ledger(LedgerSnapshot ledger) {
    this.ledger = Preconditions.notNull(ledger, "ledger snapshot");
    return this;
  }

  /**
   * λ and μ bucket by bucket, from {@code MessageLedger.rateSeries()}; the ledger must use the
   * trace's clock ({@link System#nanoTime()}, its default). Needs a trace.
   */
  public RunResultBuilder rateBuckets(List<RateBucket> buckets) {
    this.rateBuckets = List.copyOf(Preconditions.notNull(buckets, "rate buckets"));
    return this;
  }

  /** λ and μ bucket by bucket, already placed on the run's timeline. */
  public RunResultBuilder ratePoints(List<RatePoint> points) {
    this.ratePoints = List.copyOf(Preconditions.notNull(points, "rate points"));
    return this;
  }

  /** The latency percentiles (overrides the load report's). */
  public RunResultBuilder latency(Percentiles latency) {
    this.latency = Preconditions.notNull(latency, "latency");
    return this;
  }

  /** The lateness percentiles (overrides the load report's). */
  public RunResultBuilder lateness(Percentiles lateness) {
    this.lateness = Preconditions.notNull(lateness, "lateness");
    return this;
  }

  /** Adds an injector's settings. */
  public RunResultBuilder injector(Injector injector) {
    injectors.add(InjectorInfo.of(injector));
    return this;
  }

  /** Adds an injector described by parameters (one Spillway does not know). */
  public RunResultBuilder injector(String name, Map<String, String> params) {
    injectors.add(new InjectorInfo(name, params));
    return this;
  }

  /**
   * A sentinel's breaches ({@code Sentinel.breaches()}); they replace the breaches found in the
   * trace's events.
   */
  public RunResultBuilder breaches(List<Breach> breaches) {
    this.breaches = List.copyOf(Preconditions.notNull(breaches, "breaches"));
    return this;
  }

  /**
   * Adds a bound the run was held to, with what was observed ({@link BoundCheck#queue}, {@link
   * BoundCheck#drain}, {@link BoundCheck#latency}): whoever held the run to the bound judged it,
   * and the report shows that judgement. A queue bound must name a probe of the trace.
   */
  public RunResultBuilder bound(BoundCheck check) {
    bounds.add(Preconditions.notNull(check, "bound check"));
    return this;
  }

  /** What a capacity search found: its trials, the knee and μ at saturation. */
  public RunResultBuilder capacity(CapacityResult capacity) {
    this.capacity = Preconditions.notNull(capacity, "capacity");
    return this;
  }

  /** Where the consumer threads' time went, recorded by an autopsy during the run. */
  public RunResultBuilder autopsy(AutopsyReport autopsy) {
    this.autopsy = Preconditions.notNull(autopsy, "autopsy");
    return this;
  }

  /** Adds a free-form fact to show with the run (a test class, a target URL...). */
  public RunResultBuilder detail(String key, String value) {
    Preconditions.notBlank(key, "detail name");
    details.put(key, Preconditions.notNull(value, "detail '" + key + "'"));
    return this;
  }

  /** The most points kept per probe (default {@value #DEFAULT_MAX_POINTS}); &gt;= 16. */
  public RunResultBuilder maxPointsPerProbe(int maxPoints) {
    Preconditions.check(
        maxPoints >= Downsampler.MIN_POINTS,
        "max points per probe",
        ">= " + Downsampler.MIN_POINTS,
        maxPoints);
    this.maxPoints = maxPoints;
    return this;
  }

  /**
   * The result.
   *
   * @throws IllegalStateException when the parts do not fit: no start time or duration (no trace
   *     and none given), an exact high-water mark or a bound naming a probe the trace lacks, rate
   *     buckets without a trace
   */
  public RunResult build() {
    Instant start = startedAt != null ? startedAt : trace != null ? trace.startTime() : null;
    Duration length = duration != null ? duration : trace != null ? trace.duration() : null;
    if (start == null || length == null) {
      throw new IllegalStateException(
          "run '"
              + name
              + "' needs a start time and a duration: give a trace, or startedAt(...)"
              + " and duration(...)");
    }
    List<String> probeNames = trace == null ? List.of() : trace.probeNames();
    for (String probe : exactHighWaterMarks.keySet()) {
      requireProbe(probeNames, probe, "exact high-water mark");
    }
    List<ProbeTrace> probes = new ArrayList<>();
    if (trace != null) {
      for (DepthSeries series : trace.series()) {
        Long exact = exactHighWaterMarks.get(series.probe());
        probes.add(
            Downsampler.trace(
                series, exact == null ? OptionalLong.empty() : OptionalLong.of(exact), maxPoints));
      }
    }
    Optional<Assessment> judged = Optional.ofNullable(assessment);
    Optional<LedgerSnapshot> books =
        ledger != null ? Optional.of(ledger) : judged.map(Assessment::ledger);
    Optional<Percentiles> latencies =
        latency != null
            ? Optional.of(latency)
            : Optional.ofNullable(loadReport).map(LoadReport::latency);
    Optional<Percentiles> latenesses =
        lateness != null
            ? Optional.of(lateness)
            : Optional.ofNullable(loadReport).map(LoadReport::lateness);
    Optional<String> judgedProbe =
        judged
            .map(Assessment::probe)
            .filter(p -> probes.stream().anyMatch(t -> t.probe().equals(p)));
    Optional<Duration> drain = judged.flatMap(Assessment::drainTime);
    Timeline timeline = new Timeline(trace, start);
    for (BoundCheck check : bounds) {
      if (check.kind() == BoundKind.QUEUE) {
        requireProbeOf(probes, check.subject(), "queue bound");
      }
    }
    return new RunResult(
        id != null ? id : RunResult.idFor(name),
        name,
        design != null ? design : name,
        scenario,
        source,
        start,
        length,
        verdict != null ? Optional.of(verdict) : judged.map(Assessment::verdict),
        explanation != null ? explanation : judged.map(Assessment::explanation).orElse(""),
        judgedProbe,
        Plans.plan(profile, loadReport, loadStart != null ? loadStart : timeline.loadStart()),
        Optional.ofNullable(loadReport).map(LoadFigures::of),
        injectors,
        probes,
        judged.map(Assessment::growth),
        drain,
        judged.flatMap(Assessment::timeToLimit),
        judged.flatMap(Assessment::rates),
        books,
        ratePoints != null ? ratePoints : timeline.ratePoints(rateBuckets, MAX_RATE_POINTS),
        latencies,
        latenesses,
        breaches != null ? timeline.breaches(breaches) : timeline.breachesFromEvents(),
        timeline.events(MAX_EVENTS),
        List.copyOf(bounds),
        details,
        Optional.ofNullable(autopsy),
        Optional.ofNullable(capacity));
  }

  private static void requireProbe(List<String> probes, String probe, String what) {
    if (!probes.contains(probe)) {
      throw new IllegalStateException(
          what
              + " probe must be one of the trace's probes "
              + probes
              + ", but was '"
              + probe
              + "'");
    }
  }

  static void requireProbeOf(List<ProbeTrace> probes, String probe, String what) {
    requireProbe(probes.stream().map(ProbeTrace::probe).toList(), probe, what);
  }
}
