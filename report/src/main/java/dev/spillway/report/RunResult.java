package dev.spillway.report;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import dev.spillway.toolkit.autopsy.AutopsyReport;
import dev.spillway.toolkit.capacity.CapacityResult;
import dev.spillway.toolkit.ledger.LedgerSnapshot;
import dev.spillway.toolkit.ledger.Rates;
import dev.spillway.toolkit.load.Percentiles;
import dev.spillway.toolkit.record.Growth;
import dev.spillway.toolkit.util.Preconditions;
import dev.spillway.toolkit.verdict.Verdict;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalLong;
import java.util.Set;
import java.util.regex.Pattern;
import org.apiguardian.api.API;

/**
 * Everything a report keeps of one overload run (or one Gatling run): what was driven, what was
 * watched, what was measured, and the verdict. The machine-readable result a {@link ReportWriter}
 * writes as JSON ({@link RunResultJson}, schema {@value RunResultJson#SCHEMA}) and renders as a
 * page, and the {@link BaselineGate} compares with a baseline.
 *
 * <p>Build one from the toolkit's objects with {@link #builder(String)}; only the names, the start
 * time and the duration are required, so that runs measured elsewhere (Gatling) fit too.
 *
 * <p>All times inside a run ({@code start}, {@code at}, point times) are offsets from the start of
 * the recording, {@link #startedAt()}.
 *
 * <p>Immutable and thread-safe.
 *
 * @param id the run's identifier: file-safe ({@code [A-Za-z0-9][A-Za-z0-9._-]*}, at most 128
 *     characters), unique within a report and a baseline; it names the run's files
 * @param name the run's readable name (a test's display name); not blank
 * @param design the design under test, a row of the survival matrix; not blank
 * @param scenario the scenario it faced, a column of the survival matrix; not blank
 * @param source what produced the result ({@code "toolkit"}, {@code "junit"}, {@code "gatling"});
 *     not blank
 * @param startedAt when the recording started
 * @param duration how long it ran; &gt;= 0
 * @param verdict the verdict, when the run was judged
 * @param explanation the verdict's explanation in numbers; when not judged, why not, or empty;
 *     never null
 * @param judgedProbe the probe whose queue was judged; one of {@code probes} when present
 * @param plan the load profile, placed on the timeline
 * @param load what the load driver did
 * @param injectors what was done to the consumer
 * @param probes each watched queue's depth over time (downsampled); names unique
 * @param growth the judged queue's growth over the late window of the load
 * @param drainTime how long the judged queue took to drain after the load; empty when it never did,
 *     or the run was not judged
 * @param timeToLimit at the measured growth, how long until the queue reaches its limit
 * @param rates λ and μ during the load
 * @param ledger the books after the run
 * @param ratePoints λ and μ bucket by bucket
 * @param latency the latency of the load's sends, from their intended times: with its histogram
 *     when measured here (any percentile; mergeable with {@link #mergedLatency}), only five figures
 *     when read from a result written before histograms were kept
 * @param lateness the lateness of the load's sends
 * @param breaches sentinel breaches
 * @param events the run's other events (phases, injections, mitigations, marks), in time order
 * @param bounds the bounds the run was held to, with what was observed
 * @param details free-form facts worth showing (a test class, a target URL...), in order
 * @param autopsy where the consumer threads' time went, when the run recorded an autopsy ({@code
 *     dev.spillway.toolkit.autopsy})
 * @param capacity what a capacity search found, when the run was one ({@code
 *     dev.spillway.toolkit.capacity}): its trials, the knee with its interval, μ at saturation
 */
@API(status = EXPERIMENTAL, since = "0.1")
public record RunResult(
    String id,
    String name,
    String design,
    String scenario,
    String source,
    Instant startedAt,
    Duration duration,
    Optional<Verdict> verdict,
    String explanation,
    Optional<String> judgedProbe,
    Optional<LoadPlan> plan,
    Optional<LoadFigures> load,
    List<InjectorInfo> injectors,
    List<ProbeTrace> probes,
    Optional<Growth> growth,
    Optional<Duration> drainTime,
    Optional<Duration> timeToLimit,
    Optional<Rates> rates,
    Optional<LedgerSnapshot> ledger,
    List<RatePoint> ratePoints,
    Optional<Percentiles> latency,
    Optional<Percentiles> lateness,
    List<BreachMark> breaches,
    List<TimelineEvent> events,
    List<BoundCheck> bounds,
    Map<String, String> details,
    Optional<AutopsyReport> autopsy,
    Optional<CapacityResult> capacity) {

  private static final Pattern ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,127}");

  /** Validates the components and copies the collections. */
  public RunResult {
    Preconditions.notNull(id, "run id");
    Preconditions.check(
        ID.matcher(id).matches(),
        "run id",
        "file-safe ([A-Za-z0-9][A-Za-z0-9._-]*, at most 128 characters)",
        "'" + id + "'");
    Preconditions.notBlank(name, "run name");
    Preconditions.notBlank(design, "design");
    Preconditions.notBlank(scenario, "scenario");
    Preconditions.notBlank(source, "source");
    Preconditions.notNull(startedAt, "start time");
    Preconditions.notNegative(duration, "run duration");
    Preconditions.notNull(verdict, "verdict");
    Preconditions.notNull(explanation, "explanation");
    Preconditions.notNull(judgedProbe, "judged probe");
    Preconditions.notNull(plan, "load plan");
    Preconditions.notNull(load, "load figures");
    injectors = List.copyOf(Preconditions.notNull(injectors, "injectors"));
    probes = List.copyOf(Preconditions.notNull(probes, "probes"));
    Set<String> names = new HashSet<>();
    for (ProbeTrace probe : probes) {
      Preconditions.check(names.add(probe.probe()), "probe name", "unique in a run", probe.probe());
    }
    judgedProbe.ifPresent(
        p -> Preconditions.check(names.contains(p), "judged probe", "one of " + names, p));
    Preconditions.notNull(growth, "growth");
    Preconditions.notNull(drainTime, "drain time");
    drainTime.ifPresent(d -> Preconditions.notNegative(d, "drain time"));
    Preconditions.notNull(timeToLimit, "time to limit");
    timeToLimit.ifPresent(d -> Preconditions.notNegative(d, "time to limit"));
    Preconditions.notNull(rates, "rates");
    Preconditions.notNull(ledger, "ledger snapshot");
    ratePoints = List.copyOf(Preconditions.notNull(ratePoints, "rate points"));
    Preconditions.notNull(latency, "latency");
    Preconditions.notNull(lateness, "lateness");
    breaches = List.copyOf(Preconditions.notNull(breaches, "breaches"));
    events = List.copyOf(Preconditions.notNull(events, "events"));
    bounds = List.copyOf(Preconditions.notNull(bounds, "bounds"));
    Preconditions.notNull(details, "details");
    Map<String, String> copy = new LinkedHashMap<>();
    details.forEach(
        (key, value) -> {
          Preconditions.notBlank(key, "detail name");
          copy.put(key, Preconditions.notNull(value, "detail '" + key + "'"));
        });
    details = Collections.unmodifiableMap(copy);
    Preconditions.notNull(autopsy, "autopsy");
    Preconditions.notNull(capacity, "capacity");
  }

  /**
   * Starts a builder for a run named {@code name}; its id is {@link #idFor(String) derived} from
   * the name unless set.
   */
  public static RunResultBuilder builder(String name) {
    return new RunResultBuilder(name);
  }

  /**
   * A file-safe id made from a name: lower case, every run of other characters than letters,
   * digits, {@code .} and {@code _} replaced by one {@code -}, at most 128 characters: {@code
   * "Singleton under 250/s spike"} → {@code "singleton-under-250-s-spike"}.
   *
   * @throws IllegalArgumentException when the name holds no letter or digit
   */
  public static String idFor(String name) {
    Preconditions.notNull(name, "run name");
    String slug =
        name.toLowerCase(Locale.ROOT)
            .replaceAll("[^a-z0-9._]+", "-")
            .replaceAll("^[-._]+", "")
            .replaceAll("-+$", "");
    Preconditions.check(
        !slug.isEmpty(), "run name", "made with a letter or digit", "'" + name + "'");
    return slug.length() <= 128 ? slug : slug.substring(0, 128);
  }

  /**
   * The probe named {@code name}.
   *
   * @throws IllegalArgumentException when the run has no such probe; the message lists those it has
   */
  public ProbeTrace probe(String name) {
    Preconditions.notNull(name, "probe name");
    return probes.stream()
        .filter(p -> p.probe().equals(name))
        .findFirst()
        .orElseThrow(
            () ->
                new IllegalArgumentException(
                    "probe name must be one of "
                        + probes.stream().map(ProbeTrace::probe).toList()
                        + ", but was '"
                        + name
                        + "'"));
  }

  /**
   * The headline figures:
   *
   * <ul>
   *   <li>the high-water mark of the judged probe (its exact one when known), or the largest of all
   *       probes' when none was judged;
   *   <li>the drain time and the verdict as judged;
   *   <li>the latency p99;
   *   <li>the shed ratio from the ledger ({@link LedgerSnapshot#shedFraction()}), or else from the
   *       load driver (rejected / sent).
   * </ul>
   */
  public RunFigures figures() {
    OptionalLong hwm;
    if (judgedProbe.isPresent()) {
      hwm = OptionalLong.of(probe(judgedProbe.get()).bestHighWaterMark());
    } else {
      hwm = probes.stream().mapToLong(ProbeTrace::bestHighWaterMark).max();
    }
    OptionalDouble shed;
    if (ledger.isPresent()) {
      shed = OptionalDouble.of(ledger.get().shedFraction());
    } else if (load.isPresent() && load.get().sent() > 0) {
      shed = OptionalDouble.of(Math.min(1, (double) load.get().rejected() / load.get().sent()));
    } else {
      shed = OptionalDouble.empty();
    }
    return new RunFigures(verdict, hwm, drainTime, latency.map(Percentiles::p99), shed);
  }

  /** Whether every bound held (true when there are none). */
  public boolean boundsHeld() {
    return bounds.stream().allMatch(BoundCheck::held);
  }

  /**
   * The latency of all {@code runs} together, as if recorded in one run: their histograms added (so
   * any percentile of the merge is that of the union of their values, to the histograms'
   * precision). Runs without latency are left out; empty when none has any.
   *
   * @throws IllegalArgumentException when a run's latency has no histogram (a result written before
   *     histograms were kept), naming the run
   */
  public static Optional<Percentiles> mergedLatency(Collection<RunResult> runs) {
    Preconditions.notNull(runs, "runs");
    List<Percentiles> latencies = new ArrayList<>();
    for (RunResult run : runs) {
      Preconditions.notNull(run, "run");
      run.latency()
          .ifPresent(
              l -> {
                if (l.count() > 0 && l.histogram().isEmpty()) {
                  throw new IllegalArgumentException(
                      "latency of run '"
                          + run.id()
                          + "' must keep its histogram to be merged, but has only its five"
                          + " figures (a result written before histograms were kept)");
                }
                latencies.add(l);
              });
    }
    return latencies.isEmpty() ? Optional.empty() : Optional.of(Percentiles.merge(latencies));
  }
}
