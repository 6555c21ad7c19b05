package dev.spillway.gatling;

import static io.gatling.javaapi.core.CoreDsl.atOnceUsers;
import static io.gatling.javaapi.core.CoreDsl.bodyString;
import static io.gatling.javaapi.core.CoreDsl.details;
import static io.gatling.javaapi.core.CoreDsl.exec;
import static io.gatling.javaapi.core.CoreDsl.scenario;
import static io.gatling.javaapi.http.HttpDsl.http;
import static io.gatling.javaapi.http.HttpDsl.status;
import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import dev.spillway.toolkit.ledger.SettledBooks;
import dev.spillway.toolkit.load.LoadProfile;
import dev.spillway.toolkit.load.Percentiles;
import dev.spillway.toolkit.probe.HttpMetricsProbe;
import dev.spillway.toolkit.probe.ProbeException;
import dev.spillway.toolkit.record.QueueRecorder;
import dev.spillway.toolkit.record.QueueTrace;
import io.gatling.javaapi.core.Assertion;
import io.gatling.javaapi.core.ChainBuilder;
import io.gatling.javaapi.core.OpenInjectionStep;
import io.gatling.javaapi.core.PopulationBuilder;
import io.gatling.javaapi.http.HttpRequestActionBuilder;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.locks.LockSupport;
import org.HdrHistogram.Histogram;
import org.apiguardian.api.API;

/**
 * Spillway in a Gatling simulation: watches the target's queues through its metrics endpoint while
 * the simulation floods it, judges each queue once the load is over with the toolkit's verdicts,
 * fails the run through a Gatling assertion, and writes each queue's {@code spillway.run/1} result
 * (source {@code gatling}) into the report folder.
 *
 * <pre>{@code
 * public class OrdersSpikeSimulation extends Simulation {
 *   static final LoadProfile SPIKE = LoadProfile.builder()
 *       .constant(150).perSecond().during(Duration.ofSeconds(1))
 *       .constant(250).perSecond().during(Duration.ofSeconds(3))
 *       .build();
 *
 *   final Spillway spillway = Spillway.builder("orders-spike")
 *       .metrics("http://127.0.0.1:8080/metrics")
 *       .watch(WatchedQueue.spillwayMetrics("orders").withBound(1_000))
 *       .profile(SPIKE)
 *       .build();
 *
 *   {
 *     setUp(scenario("spike")
 *             .exec(spillway.send("orders", http("order").post("/orders")))
 *             .injectOpen(spillway.injection())
 *             .andThen(spillway.verdict()))
 *         .protocols(http.baseUrl("http://127.0.0.1:8080"))
 *         .assertions(spillway.assertion());
 *   }
 *
 *   @Override public void before() { spillway.start(); }
 *   @Override public void after() { spillway.stop(); }
 * }
 * }</pre>
 *
 * <h2>What happens</h2>
 *
 * <ol>
 *   <li>{@link #start()} (in {@code before()}) reads each queue's book counters once — the
 *       baseline, since a running target's counters need not start at zero — and starts a {@link
 *       QueueRecorder} that samples every queue's depth through an {@link HttpMetricsProbe} (one
 *       probe per metric, all reading through one HTTP client: one connection pool and one set of
 *       threads for the whole attachment) every {@link Builder#pollEvery poll interval}. A target
 *       whose metrics cannot be read is one line on standard error, and the simulation's JVM ends
 *       with status {@value #TARGET_NOT_ANSWERING}.
 *   <li>{@link #send} wraps each of the simulation's requests to a queue: the answer is counted by
 *       {@link HttpOutcome} (2xx accepted, 503/429 rejected, any other status or none failed) and
 *       its response time kept; the first send to a queue starts its load window.
 *   <li>{@link #verdict()}, chained after the load with {@code andThen} (so it starts once every
 *       virtual user of that population has finished), waits until every request sent through
 *       {@link #send} has been answered (other populations' too) and for the target to come to rest
 *       (at most {@link Builder#settleWithin}), stops the recorder, takes the books (counters now
 *       less the baseline) and judges each queue ({@link QueueResult}): the toolkit's {@code
 *       Verdicts.assess} (bounds, drain, growth, no silent loss), the verdict expected, the books
 *       against the answers, growth against λ − μ when asked. It writes the results, then sends one
 *       last request, {@value #VERDICT_REQUEST}, to the metrics endpoint; its check fails when any
 *       queue failed, with the failures as its error message, and {@link #assertion()} — that
 *       request never failed — makes Gatling fail the run (and {@code mvn gatling:test} the build).
 *   <li>{@link #stop()} (in {@code after()}) closes the probes and prints the verdicts of every
 *       simulation run by the same build so far: after the last simulation, the combined table.
 * </ol>
 *
 * <p>Results go to {@code <reportDir>/runs/<id>.json} and {@code .html}, one per watched queue, id
 * {@code <name>.<queue>}, and the index (the survival matrix) is rebuilt. The report folder is the
 * system property {@value #REPORT_DIR_PROPERTY}, else {@code target/spillway}; each result links
 * Gatling's own report of the run.
 *
 * <p>Thread-safety: {@link #send}'s chains are safe for any number of virtual users; {@link
 * #start()}, {@link #verdict()}'s step and {@link #stop()} run once each.
 */
@API(status = EXPERIMENTAL, since = "0.1")
public final class Spillway {

  /** The name of the final request whose failure fails the run. */
  public static final String VERDICT_REQUEST = "spillway verdict";

  /** The system property naming the report folder. */
  public static final String REPORT_DIR_PROPERTY = "spillway.report.dir";

  /**
   * The system property naming Gatling's results folder (where Gatling writes its reports), for the
   * link from each result; default {@code target/gatling}.
   */
  public static final String GATLING_RESULTS_PROPERTY = "spillway.gatling.results";

  /** The system property naming the injectors' shared folder (see {@link Builder#sharedFolder}). */
  public static final String INJECTORS_DIR_PROPERTY = "spillway.injectors.dir";

  /** The exit status of the simulation's JVM when the target's metrics cannot be read at start. */
  public static final int TARGET_NOT_ANSWERING = 1;

  private final Builder settings;
  private final Map<String, Tally> tallies = new LinkedHashMap<>();
  private volatile Watcher watcher;
  private volatile Instant startedAt;
  private volatile List<QueueResult> results = List.of();
  private volatile String failure;

  private Spillway(Builder settings) {
    this.settings = settings;
    for (WatchedQueue q : settings.queues) {
      tallies.put(q.name(), new Tally());
    }
  }

  /** Starts the settings of a run named {@code name} (the results' ids start with it). */
  public static Builder builder(String name) {
    return new Builder(name);
  }

  /**
   * Reads the baseline of the books and starts watching; call it from the simulation's {@code
   * before()}. When the target's metrics cannot be read, prints one line on standard error and ends
   * the JVM with status {@value #TARGET_NOT_ANSWERING}. Scaled out ({@link Injectors}), only
   * injector 0 watches; the others do nothing here.
   */
  public void start() {
    startedAt = Instant.now();
    if (!settings.injectors.judges()) {
      return; // only the judge watches the target: the others just send their share
    }
    if (settings.injectors.count() > 1 && settings.sharedFolder.isPresent()) {
      try {
        TallyFiles.clear(settings.sharedFolder.get(), settings.name);
      } catch (IOException e) {
        throw new UncheckedIOException("cannot clear the injectors' folder", e);
      }
    }
    Watcher w =
        new Watcher(
            settings.name,
            settings.metricsUrl,
            settings.queues,
            settings.pollEvery,
            settings.readTimeout);
    try {
      w.start();
    } catch (ProbeException e) {
      w.close();
      // a target that is not running is a usage error, not a crash: one line, not two stack traces
      System.err.println(notAnswering(settings.metricsUrl, e));
      System.err.flush();
      System.exit(TARGET_NOT_ANSWERING);
    }
    watcher = w;
  }

  /** The one line a target whose metrics cannot be read at the start gets. */
  static String notAnswering(String metricsUrl, ProbeException e) {
    return "spillway: the target does not answer at "
        + metricsUrl
        + " (is it running?): "
        + e.getMessage();
  }

  /**
   * {@code request}, counted as a message to {@code queue}: its answer's {@link HttpOutcome} and
   * response time are kept, and the books are checked against them.
   */
  public ChainBuilder send(String queue, HttpRequestActionBuilder request) {
    Tally tally = tallies.get(Checks.notNull(queue, "queue"));
    Checks.check(tally != null, "queue", "one of the watched " + tallies.keySet(), queue);
    Checks.notNull(request, "request");
    return exec(session -> {
          tally.started();
          return session;
        })
        .exec(
            request.transformResponse(
                (response, session) -> {
                  tally.answered(
                      response.status().code(),
                      response.endTimestamp() - response.startTimestamp());
                  return response;
                }));
  }

  /**
   * The load profile's injection steps ({@link Injection#of(LoadProfile, Injectors)}): this
   * injector's share when the run is scaled out.
   */
  public OpenInjectionStep[] injection() {
    Checks.check(settings.profile.isPresent(), "load profile", "given to the builder", "absent");
    return Injection.of(settings.profile.get(), settings.injectors);
  }

  /**
   * The judging step: one virtual user that waits for the target to come to rest, judges every
   * watched queue, writes the results and sends {@value #VERDICT_REQUEST}, which fails when a queue
   * failed. Chain it after the load: {@code load.injectOpen(…).andThen(spillway.verdict())}.
   */
  public PopulationBuilder verdict() {
    return scenario(VERDICT_REQUEST)
        .exec(
            session -> {
              judge();
              return session;
            })
        .exec(
            http(VERDICT_REQUEST)
                .get(settings.metricsUrl)
                .check(
                    status().is(200),
                    bodyString()
                        .validate(
                            "spillway",
                            (body, session) -> {
                              if (failure != null) {
                                throw new VerdictFailure(failure);
                              }
                              return body;
                            })))
        .injectOpen(atOnceUsers(1))
        .protocols(http.disableWarmUp().userAgentHeader("spillway-gatling"));
  }

  /**
   * The assertion that fails the run when Spillway's verdict did: {@value #VERDICT_REQUEST} never
   * failed.
   */
  public Assertion assertion() {
    return details(VERDICT_REQUEST).failedRequests().count().is(0L);
  }

  /**
   * Closes the probes and prints the verdicts of this build's simulations so far; for {@code
   * after()}.
   */
  public void stop() {
    Watcher w = watcher;
    if (w != null) {
      w.close();
    }
    if (!results.isEmpty()) {
      RunReporting.printTable(settings.reportDir, System.out);
    }
  }

  /** The results, once {@link #verdict()}'s step has run; empty before. */
  public List<QueueResult> results() {
    return results;
  }

  private void judge() {
    Injectors injectors = settings.injectors;
    if (!injectors.judges()) {
      awaitAnswers(System.nanoTime() + settings.settleWithin.toNanos());
      handOver(injectors);
      return;
    }
    Watcher w = watcher;
    if (w == null) {
      failure = "Spillway was not started: call spillway.start() in the simulation's before()";
      return;
    }
    try {
      long end = System.nanoTime();
      awaitAnswers(end + settings.settleWithin.toNanos());
      Answers answers = answers(injectors, end + settings.settleWithin.toNanos());
      Map<String, SettledBooks> books = w.settle(settings.settleWithin);
      QueueTrace trace = w.stop();
      List<QueueResult> out = new ArrayList<>();
      Map<String, Duration> loadStarts = new LinkedHashMap<>();
      for (WatchedQueue q : settings.queues) {
        // a queue no request was sent to (a partition inside the design that was sent to) takes
        // the window of all the sends
        Tally tally = tallies.get(q.name());
        boolean own = tally.firstNanos() != 0;
        long first = own ? tally.firstNanos() : firstSend();
        long last = own ? tally.lastNanos() : lastSend();
        Duration[] window = loadWindow(trace.startNanos(), trace.duration(), first, last, end);
        loadStarts.put(q.name(), window[0]);
        out.add(
            Judge.judge(
                q,
                trace,
                books.get(q.name()),
                answers.outcomes(q.name()),
                w.exactHighWaterMark(q.name()),
                answers.latency(q.name()),
                window[0],
                window[1]));
      }
      results = List.copyOf(out);
      RunReporting.write(
          settings,
          startedAt,
          trace,
          loadStarts,
          out,
          answers.latencies(),
          answers.note(),
          System.out);
      List<String> failures = new ArrayList<>();
      out.forEach(r -> failures.addAll(r.failures()));
      failure = failures.isEmpty() ? null : String.join("; ", failures);
    } catch (RuntimeException | IOException e) {
      failure = "Spillway could not judge the run: " + e;
    }
  }

  /** A non-judging injector's step: hands its answers to the judge through the shared folder. */
  private void handOver(Injectors injectors) {
    if (settings.sharedFolder.isEmpty()) {
      System.out.println(
          "spillway: injector "
              + injectors.index()
              + " of "
              + injectors.count()
              + " sent its share; injector 0 judges the run");
      return;
    }
    Map<String, TallyFiles.Share> shares = new LinkedHashMap<>();
    tallies.forEach(
        (queue, t) -> shares.put(queue, new TallyFiles.Share(t.outcomes(), t.responseNanos())));
    try {
      TallyFiles.write(settings.sharedFolder.get(), settings.name, injectors.index(), shares);
      System.out.println(
          "spillway: injector "
              + injectors.index()
              + " of "
              + injectors.count()
              + " sent its share; its answers are in "
              + TallyFiles.file(settings.sharedFolder.get(), settings.name, injectors.index()));
    } catch (IOException e) {
      failure = "Spillway could not hand the answers to the judge: " + e;
    }
  }

  /**
   * The answers every injector's users got: the judge's own, plus, when the run is scaled out with
   * a shared folder, the other injectors' (waited for until {@code deadlineNanos}). Scaled out
   * without one, only the judge's latency is known and the books are not checked against the
   * answers.
   */
  private Answers answers(Injectors injectors, long deadlineNanos) throws IOException {
    Map<String, Optional<ClientOutcomes>> outcomes = new LinkedHashMap<>();
    Map<String, Histogram> latencies = new LinkedHashMap<>();
    tallies.forEach(
        (queue, t) -> {
          outcomes.put(queue, t.isEmpty() ? Optional.empty() : Optional.of(t.outcomes()));
          latencies.put(queue, t.responseNanos());
        });
    if (injectors.count() == 1) {
      return new Answers(outcomes, latencies, Optional.empty());
    }
    if (settings.sharedFolder.isEmpty()) {
      outcomes.replaceAll((queue, o) -> Optional.empty());
      return new Answers(
          outcomes,
          latencies,
          Optional.of(
              injectors.count()
                  + " injectors, judged by injector 0; latency from its own answers only; the"
                  + " books were not checked against the answers (no shared folder)"));
    }
    List<Map<String, TallyFiles.Share>> others = List.of();
    while (System.nanoTime() < deadlineNanos) {
      others =
          TallyFiles.readOthers(
              settings.sharedFolder.get(), settings.name, injectors.count(), startedAt);
      if (others.size() == injectors.count() - 1) {
        break;
      }
      LockSupport.parkNanos(Watcher.SETTLE_POLL.toNanos());
    }
    for (Map<String, TallyFiles.Share> other : others) {
      other.forEach(
          (queue, share) -> {
            if (outcomes.containsKey(queue)) {
              ClientOutcomes mine = outcomes.get(queue).orElse(new ClientOutcomes(0, 0, 0));
              ClientOutcomes o = share.outcomes();
              ClientOutcomes sum =
                  new ClientOutcomes(
                      mine.accepted() + o.accepted(),
                      mine.rejected() + o.rejected(),
                      mine.failed() + o.failed());
              outcomes.put(queue, sum.total() == 0 ? Optional.empty() : Optional.of(sum));
              latencies.get(queue).add(share.responseNanos());
            }
          });
    }
    String note =
        injectors.count()
            + " injectors, judged by injector 0; answers of "
            + (others.size() + 1)
            + " of them";
    if (others.size() < injectors.count() - 1) {
      // a missing injector's answers would make the books disagree: no cross-check then
      outcomes.replaceAll((queue, o) -> Optional.empty());
      note += " (the others' did not arrive: the books were not checked against the answers)";
    }
    return new Answers(outcomes, latencies, Optional.of(note));
  }

  /** The answers the judge judges with. */
  private record Answers(
      Map<String, Optional<ClientOutcomes>> outcomes,
      Map<String, Histogram> latencies,
      Optional<String> note) {

    Optional<ClientOutcomes> outcomes(String queue) {
      return outcomes.get(queue);
    }

    Optional<Percentiles> latency(String queue) {
      return Tally.latency(latencies.get(queue));
    }
  }

  /**
   * Waits until every request sent through {@link #send} has its answer, or until {@code
   * deadlineNanos}: the verdict may be chained after one of several load populations, whose last
   * requests may still be on their way.
   */
  private void awaitAnswers(long deadlineNanos) {
    while (tallies.values().stream().anyMatch(t -> t.unanswered() > 0)
        && System.nanoTime() < deadlineNanos
        && !Thread.currentThread().isInterrupted()) {
      LockSupport.parkNanos(Watcher.SETTLE_POLL.toNanos());
    }
  }

  /**
   * A queue's load window on the trace: from the first request sent to it until the last one was
   * sent — the sends as they happened, not as planned: Gatling schedules its users from when its
   * injector starts, which can be a few hundred ms before the first user runs (seen: 230 ms), so
   * "the first send plus the planned duration" ran past the last send and into the drain, and a
   * queue still growing when its load ended read as flat. Without sends, or when the window does
   * not fit the trace, the whole trace up to {@code endNanos}.
   */
  /** When the first request of the run started; 0 when none did. */
  private long firstSend() {
    return tallies.values().stream()
        .mapToLong(Tally::firstNanos)
        .filter(t -> t != 0)
        .min()
        .orElse(0);
  }

  /** When the last request of the run started; 0 when none did. */
  private long lastSend() {
    return tallies.values().stream().mapToLong(Tally::lastNanos).max().orElse(0);
  }

  static Duration[] loadWindow(
      long traceStartNanos,
      Duration traceDuration,
      long firstNanos,
      long lastNanos,
      long endNanos) {
    Duration traceEnd = Duration.ofNanos(Math.max(0, endNanos - traceStartNanos));
    Duration whole = min(traceEnd, traceDuration);
    if (firstNanos == 0) {
      return new Duration[] {Duration.ZERO, whole};
    }
    Duration start = Duration.ofNanos(Math.max(0, firstNanos - traceStartNanos));
    Duration end = min(Duration.ofNanos(Math.max(0, lastNanos - traceStartNanos)), traceEnd);
    if (end.compareTo(start) <= 0 || end.compareTo(traceDuration) > 0) {
      return new Duration[] {Duration.ZERO, whole};
    }
    return new Duration[] {start, end};
  }

  private static Duration min(Duration a, Duration b) {
    return a.compareTo(b) <= 0 ? a : b;
  }

  /** A failed verdict; its message is what Gatling's error table shows. */
  static final class VerdictFailure extends RuntimeException {
    private static final long serialVersionUID = 1L;

    VerdictFailure(String message) {
      super(message, null, false, false);
    }
  }

  /**
   * The settings of a {@link Spillway}: the metrics endpoint and at least one watched queue are
   * required; the rest has defaults. Every setting is checked when it is set, naming the setting,
   * the value and what is allowed.
   *
   * <p>Not thread-safe: use one builder from one thread.
   */
  @API(status = EXPERIMENTAL, since = "0.1")
  public static final class Builder {

    /** The default poll interval: 100 ms. */
    public static final Duration DEFAULT_POLL = Duration.ofMillis(100);

    /** The default longest wait for the target to come to rest after the load: 10 s. */
    public static final Duration DEFAULT_SETTLE = Duration.ofSeconds(10);

    private final String name;
    private String metricsUrl;
    private final List<WatchedQueue> queues = new ArrayList<>();
    private String scenario = "gatling";
    private Optional<LoadProfile> profile = Optional.empty();
    private Duration pollEvery = DEFAULT_POLL;
    private Duration readTimeout = Duration.ofMillis(HttpMetricsProbe.DEFAULT_READ_TIMEOUT_MILLIS);
    private Duration settleWithin = DEFAULT_SETTLE;
    Path reportDir = defaultReportDir();
    Path gatlingResults = defaultGatlingResults();
    Injectors injectors = Injectors.fromSystemProperties();
    Optional<Path> sharedFolder = defaultSharedFolder();
    String simulation;

    private Builder(String name) {
      Checks.notBlank(name, "Spillway run name");
      Checks.check(
          name.matches("[A-Za-z0-9][A-Za-z0-9._-]*"),
          "Spillway run name",
          "letters, digits, '.', '_' and '-', starting with a letter or digit",
          Checks.quoted(name));
      this.name = name;
      this.simulation = name;
    }

    /**
     * The target's metrics endpoint: an absolute {@code http} or {@code https} URL, such as {@code
     * http://127.0.0.1:8080/metrics}; each {@link Metric}'s format says how it is read.
     */
    public Builder metrics(String url) {
      Checks.notBlank(url, "metrics URL");
      HttpMetricsProbe.json("check", url, ""); // validates the URL, naming what is allowed
      this.metricsUrl = url;
      return this;
    }

    /** Watches {@code queue} (names unique in a run). */
    public Builder watch(WatchedQueue queue) {
      Checks.notNull(queue, "watched queue");
      for (WatchedQueue q : queues) {
        Checks.check(
            !q.name().equals(queue.name()),
            "watched queue name",
            "unique in the run",
            Checks.quoted(queue.name()));
      }
      queues.add(queue);
      return this;
    }

    /** The survival matrix's column for these runs; default {@code "gatling"}. */
    public Builder scenario(String scenario) {
      this.scenario = Checks.notBlank(scenario, "scenario");
      return this;
    }

    /**
     * The load profile the simulation injects ({@link Spillway#injection()}): the report shows its
     * phases, and the load window the verdict judges is its planned duration from the first send.
     */
    public Builder profile(LoadProfile profile) {
      this.profile = Optional.of(Checks.notNull(profile, "load profile"));
      return this;
    }

    /** How often the depths are sampled; default 100 ms, from 1 ms to 1 s. */
    public Builder pollEvery(Duration interval) {
      Checks.notNull(interval, "poll interval");
      Checks.check(
          interval.compareTo(Duration.ofMillis(1)) >= 0
              && interval.compareTo(QueueRecorder.MAX_INTERVAL) <= 0,
          "poll interval",
          "from 1 ms to " + QueueRecorder.MAX_INTERVAL.toMillis() + " ms",
          interval);
      this.pollEvery = interval;
      return this;
    }

    /** The longest wait for one metrics read; default 2 s, at most one hour. */
    public Builder readTimeout(Duration timeout) {
      Checks.positive(timeout, "metrics read timeout");
      Checks.check(
          timeout.compareTo(HttpMetricsProbe.MAX_TIMEOUT) <= 0,
          "metrics read timeout",
          "at most " + HttpMetricsProbe.MAX_TIMEOUT,
          timeout);
      this.readTimeout = timeout;
      return this;
    }

    /**
     * The longest wait, after the load, for the target to come to rest (nothing queued or in
     * flight, the books balanced or unchanged for 500 ms); default 10 s, at most 10 minutes.
     */
    public Builder settleWithin(Duration within) {
      Checks.notNull(within, "settle time");
      Checks.check(
          !within.isNegative() && within.compareTo(Duration.ofMinutes(10)) <= 0,
          "settle time",
          "from 0 to 10 minutes",
          within);
      this.settleWithin = within;
      return this;
    }

    /**
     * The report folder; default the system property {@value #REPORT_DIR_PROPERTY}, else {@code
     * target/spillway}.
     */
    public Builder reportDir(Path dir) {
      this.reportDir = Checks.notNull(dir, "report folder");
      return this;
    }

    /**
     * Where Gatling writes its reports (its {@code resultsFolder}); default the system property
     * {@value #GATLING_RESULTS_PROPERTY}, else {@code target/gatling} (relative paths resolve
     * against the simulation JVM's working directory: Maven's launch folder). Each result links the
     * newest run folder of the simulation there.
     */
    public Builder gatlingResults(Path dir) {
      this.gatlingResults = Checks.notNull(dir, "Gatling results folder");
      return this;
    }

    /**
     * Which injector this process is when the simulation runs from several at once; default {@link
     * Injectors#fromSystemProperties()} (one injector unless {@value Injectors#COUNT_PROPERTY} says
     * otherwise). Injector 0 judges; the others only send their share of the load.
     */
    public Builder injectors(Injectors injectors) {
      this.injectors = Checks.notNull(injectors, "injectors");
      return this;
    }

    /**
     * A folder every injector can write and the judge read (a shared volume): each injector hands
     * the judge its users' answers there, so the books are checked against all of them. Default:
     * the system property {@value #INJECTORS_DIR_PROPERTY}, else none.
     */
    public Builder sharedFolder(Path dir) {
      this.sharedFolder = Optional.of(Checks.notNull(dir, "injectors' shared folder"));
      return this;
    }

    /**
     * The simulation's name, as Gatling names its run folders (its class's simple name); default
     * the run's name.
     */
    public Builder simulation(Class<?> simulationClass) {
      this.simulation = Checks.notNull(simulationClass, "simulation class").getSimpleName();
      return this;
    }

    /**
     * The Spillway these settings describe.
     *
     * @throws IllegalArgumentException when the metrics URL or every watched queue is missing
     */
    public Spillway build() {
      Checks.check(metricsUrl != null, "metrics URL", "given with metrics(url)", "absent");
      Checks.check(
          !queues.isEmpty(), "watched queues", "at least one, given with watch(queue)", "none");
      Set<String> probes = new HashSet<>();
      for (WatchedQueue q : queues) {
        probes.add(q.name());
      }
      for (WatchedQueue q : queues) {
        for (String role : List.of(BookCounters.SENT, BookCounters.PROCESSED)) {
          String counter = Judge.counterProbe(q.name(), role);
          Checks.check(
              !probes.contains(counter),
              "watched queue name",
              "not the name of another queue's counter (" + counter + ")",
              Checks.quoted(counter));
        }
      }
      return new Spillway(this);
    }

    String name() {
      return name;
    }

    String metricsUrl() {
      return metricsUrl;
    }

    String scenario() {
      return scenario;
    }

    Optional<LoadProfile> profile() {
      return profile;
    }

    private static Optional<Path> defaultSharedFolder() {
      String dir = System.getProperty(INJECTORS_DIR_PROPERTY);
      return dir == null || dir.isBlank() ? Optional.empty() : Optional.of(Path.of(dir));
    }

    private static Path defaultGatlingResults() {
      String dir = System.getProperty(GATLING_RESULTS_PROPERTY);
      return Path.of(dir == null || dir.isBlank() ? "target/gatling" : dir);
    }

    private static Path defaultReportDir() {
      String dir = System.getProperty(REPORT_DIR_PROPERTY);
      return Path.of(dir == null || dir.isBlank() ? "target/spillway" : dir);
    }
  }
}
