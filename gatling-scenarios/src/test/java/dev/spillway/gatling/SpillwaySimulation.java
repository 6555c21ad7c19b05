package dev.spillway.gatling;

import static io.gatling.javaapi.core.CoreDsl.atOnceUsers;
import static io.gatling.javaapi.core.CoreDsl.details;
import static io.gatling.javaapi.core.CoreDsl.exec;
import static io.gatling.javaapi.core.CoreDsl.pace;
import static io.gatling.javaapi.core.CoreDsl.pause;
import static io.gatling.javaapi.core.CoreDsl.scenario;
import static io.gatling.javaapi.http.HttpDsl.http;

import dev.spillway.samples.server.ServerOptions;
import dev.spillway.toolkit.util.Preconditions;
import io.gatling.javaapi.core.Assertion;
import io.gatling.javaapi.core.PopulationBuilder;
import io.gatling.javaapi.core.Simulation;
import io.gatling.javaapi.http.HttpProtocolBuilder;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * What every Spillway simulation shares: the {@link Target} (started as the simulation is built,
 * before its protocol reads the base URL), our own books of requests, polls and verdicts, the
 * metrics-polling scenario, and the JSON summary written after the run.
 *
 * <p>Each simulation is a fresh target when in-process (Gatling's Maven plugin runs each in its own
 * JVM), so high-water marks and ledgers start at zero.
 */
abstract class SpillwaySimulation extends Simulation {

  /** How often the poller reads {@code /metrics.json}. */
  static final Duration POLL_INTERVAL = Duration.ofMillis(100);

  /**
   * The longest the final poll waits, once the load's time is over, for the load's requests to be
   * sent and answered: longer than Gatling's request timeout (10 s, in gatling.conf), so that every
   * request is either answered or failed by then.
   */
  static final Duration MAX_SETTLE = Duration.ofSeconds(12);

  /** The property holding the longest a metrics poll may take, in milliseconds. */
  static final String MAX_POLL_PROPERTY = "spillway.poll.max.ms";

  /**
   * The default longest poll: a guard that the server still answers (a hung or collapsed front
   * fails it), not a latency objective — the load's own p99 bounds are that.
   */
  static final Duration MAX_POLL = Duration.ofSeconds(5);

  /** The longest the baseline read of {@code /metrics.json} may take. */
  static final Duration BASELINE_TIMEOUT = Duration.ofSeconds(10);

  /** The exit status of the simulation's JVM when the target does not answer the baseline read. */
  static final int TARGET_NOT_ANSWERING = 1;

  /** How many breaches the console shows. */
  private static final int SHOWN_BREACHES = 5;

  /** The system property naming the folder for the JSON summaries. */
  static final String SUMMARY_DIR_PROPERTY = "spillway.summary.dir";

  final Target target;
  final ResponseBook book = new ResponseBook();
  final MetricsLog log = new MetricsLog(System::nanoTime);
  final Verdicts verdicts = new Verdicts();
  final Requests requests = new Requests(book, log, verdicts);
  final Duration maxPoll = Settings.system().millis(MAX_POLL_PROPERTY, MAX_POLL);

  /** The load's protocol: one connection pool shared by all virtual users, as real clients do. */
  final HttpProtocolBuilder protocol;

  /**
   * The poller's protocol: its own connection, so that a poll never waits behind the load for a
   * pooled one (it measures the server, not the client's queue).
   */
  private final HttpProtocolBuilder pollerProtocol;

  private final Instant started = Instant.now();
  private final List<LatencyBound> latencyBounds = new ArrayList<>();
  private final String id;
  private final List<SummaryWindow> windows;

  /**
   * Starts the target — the in-process server with {@code inProcess}, unless {@value
   * Target#URL_PROPERTY} names one — before anything reads its base URL.
   *
   * @param id the summary's file name (without {@code .json})
   * @param inProcess the in-process server's settings
   * @param windows the designs whose queues the summary describes, each with the window over which
   *     its growth is fitted
   */
  SpillwaySimulation(String id, ServerOptions inProcess, List<SummaryWindow> windows) {
    this.id = Preconditions.notBlank(id, "simulation id");
    this.windows = List.copyOf(Preconditions.notEmpty(windows, "summary windows"));
    this.target = Target.fromSystemProperties(inProcess);
    this.protocol =
        http.baseUrl(target.baseUrl().toString())
            .warmUp(target.url("/health"))
            .shareConnections()
            .userAgentHeader("spillway-gatling");
    this.pollerProtocol =
        http.baseUrl(target.baseUrl().toString())
            .disableWarmUp()
            .userAgentHeader("spillway-gatling-poller");
  }

  /**
   * The metrics poller: polls every {@link #POLL_INTERVAL} until {@code until} (from the
   * simulation's start) through {@code gates}; waits until the load's requests ({@code expected}:
   * how many of each name) have all been answered or failed, for at most {@link #MAX_SETTLE}; then
   * polls once more and runs the end-of-run checks {@code atEnd} on everything it saw. Every poll
   * must be answered 200 within {@link #maxPoll}. One virtual user, on its own connection.
   */
  PopulationBuilder poller(
      Duration until,
      Map<String, Long> expected,
      List<Gate> gates,
      Function<MetricsLog, List<Verdict>> atEnd) {
    Duration settleUntil = until.plus(MAX_SETTLE);
    Map<String, Long> load = Map.copyOf(expected);
    return scenario("metrics")
        .exec(
            session -> {
              log.start();
              return session;
            })
        .exec(requests.poll("metrics", gates, maxPoll))
        .asLongAs(session -> log.elapsed().compareTo(until) < 0)
        .on(pace(POLL_INTERVAL).exec(requests.poll("metrics", gates, maxPoll)))
        .asLongAs(session -> !settled(load) && log.elapsed().compareTo(settleUntil) < 0)
        .on(exec(pause(Duration.ofMillis(20))))
        .exec(requests.finalPoll("metrics final", gates, maxPoll, atEnd))
        .injectOpen(atOnceUsers(1))
        .protocols(pollerProtocol);
  }

  private boolean settled(Map<String, Long> load) {
    if (book.inFlight() > 0) {
      return false;
    }
    for (Map.Entry<String, Long> e : load.entrySet()) {
      if (book.completed(e.getKey()) < e.getValue()) {
        return false; // Gatling may inject late on a busy machine
      }
    }
    return true;
  }

  /**
   * A p99 response-time bound on {@code request}: a Gatling assertion (which fails the build) that
   * the summary also evaluates on our own figures.
   */
  Assertion p99Below(String request, Duration bound) {
    LatencyBound b = new LatencyBound(request, bound);
    latencyBounds.add(b);
    return details(request).responseTime().percentile(99.0).lt((int) bound.toMillis());
  }

  /**
   * Reads {@code /metrics.json} once before any load: the baseline the books are checked against
   * (an external target's ledger does not start at zero), and a clear early failure when the target
   * does not answer: one line on standard error ({@link Target#notAnswering}) and the exit status
   * {@value #TARGET_NOT_ANSWERING}, which fails the build.
   */
  @Override
  public void before() {
    Map<String, DesignSample> baseline;
    try {
      baseline = MetricsJson.fetch(target.baseUrl(), BASELINE_TIMEOUT);
    } catch (IllegalStateException e) {
      // a target that is not running is a usage error, not a crash: Gatling would print the
      // exception twice with its stack (~90 lines) and no hint; say it in one line instead
      System.err.println("spillway: " + target.notAnswering(e, BASELINE_TIMEOUT));
      System.err.flush();
      System.exit(TARGET_NOT_ANSWERING);
      throw e; // not reached
    }
    log.baseline(baseline);
  }

  /** Writes the JSON summary, then stops the in-process target. */
  @Override
  public void after() {
    try {
      for (LatencyBound b : latencyBounds) {
        verdicts.add(b.judge(book.stats(b.request())));
      }
      Path file = summaryDir().resolve(id + ".json");
      RunSummary.write(
          file,
          new RunSummary(
              id,
              target,
              started,
              Duration.between(started, Instant.now()),
              book,
              log,
              windows,
              verdicts));
      report(file);
    } catch (IOException e) {
      throw new UncheckedIOException("could not write the run summary", e);
    } finally {
      target.close();
    }
  }

  /** A few lines on the console: where the summary is, what failed, the first breaches. */
  private void report(Path file) {
    boolean passed =
        verdicts.allPassed() && book.all().values().stream().allMatch(r -> r.failed() == 0);
    System.out.println(
        "Spillway summary (" + (passed ? "passed" : "FAILED") + "): " + file.toAbsolutePath());
    for (Verdict v : verdicts.verdicts()) {
      System.out.println(
          "  " + (v.passed() ? "ok     " : "FAILED ") + v.name() + ": " + v.detail());
    }
    List<String> breaches = verdicts.breaches();
    breaches.stream().limit(SHOWN_BREACHES).forEach(b -> System.out.println("  breach " + b));
    if (verdicts.breachCount() > SHOWN_BREACHES) {
      System.out.println(
          "  … " + (verdicts.breachCount() - SHOWN_BREACHES) + " more breaches (see the summary)");
    }
  }

  private static Path summaryDir() {
    String dir = System.getProperty(SUMMARY_DIR_PROPERTY);
    return Path.of(dir == null || dir.isBlank() ? "target/spillway-summaries" : dir);
  }
}
