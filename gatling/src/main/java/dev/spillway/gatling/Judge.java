package dev.spillway.gatling;

import dev.spillway.report.BoundCheck;
import dev.spillway.report.BoundKind;
import dev.spillway.toolkit.ledger.LedgerSnapshot;
import dev.spillway.toolkit.ledger.Rates;
import dev.spillway.toolkit.ledger.SettledBooks;
import dev.spillway.toolkit.load.Percentiles;
import dev.spillway.toolkit.record.Growth;
import dev.spillway.toolkit.record.QueueTrace;
import dev.spillway.toolkit.verdict.Assessment;
import dev.spillway.toolkit.verdict.Evidence;
import dev.spillway.toolkit.verdict.VerdictRules;
import dev.spillway.toolkit.verdict.Verdicts;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.stream.Collectors;

/**
 * Judges one watched queue from what the run measured: the toolkit's {@link Verdicts} on its depth
 * series and books, its bounds, and Spillway's checks (expected verdict, books against the users'
 * answers, growth against λ − μ). Pure: everything comes in as arguments.
 */
final class Judge {

  /** How many standard errors of the fits the growth may differ from λ − μ. */
  static final double SIGMAS = 3;

  /** Slack added to that tolerance, per second: the fits' errors underestimate autocorrelation. */
  static final double SLACK_PER_SECOND = 1;

  /** The largest share of requests that may fail at the client before the run fails. */
  static final double CLIENT_FAILURE_SHARE = VerdictRules.defaults().failureShare();

  private Judge() {}

  /** The probe holding a queue's counter {@code role} in the trace. */
  static String counterProbe(String queue, String role) {
    return queue + "." + role;
  }

  /**
   * @param trace the recording: the queue's depth under its name, and with {@link
   *     WatchedQueue#growthMatchesRates()} its sent and processed counters ({@link #counterProbe})
   * @param settled the books over the run (differences of the counters), and how they settled
   * @param clients what the users were answered, if they sent through Spillway
   * @param exactHighWaterMark the target's own high-water mark, if read
   * @param latency the response times of the requests sent to the queue, if any
   * @param loadStart when the load started, from the trace's start
   * @param loadEnd when it ended
   */
  static QueueResult judge(
      WatchedQueue queue,
      QueueTrace trace,
      SettledBooks settled,
      Optional<ClientOutcomes> clients,
      Optional<Long> exactHighWaterMark,
      Optional<Percentiles> latency,
      Duration loadStart,
      Duration loadEnd) {
    VerdictRules rules = VerdictRules.defaults();
    if (queue.bound().isPresent()) {
      rules = rules.withBound(queue.bound().getAsLong());
    }
    Evidence evidence =
        Evidence.of(trace, queue.name(), settled).withLoadWindow(loadStart, loadEnd);
    if (queue.capacity().isPresent()) {
      evidence = evidence.withCapacity(queue.capacity().getAsLong());
    }
    Optional<Fits> fits = Optional.empty();
    if (queue.growthMatchesRates()) {
      Duration lateStart =
          loadEnd.minus(
              Duration.ofNanos(
                  Math.round(loadEnd.minus(loadStart).toNanos() * rules.lateFraction())));
      Growth arrival =
          trace.series(counterProbe(queue.name(), BookCounters.SENT)).growth(lateStart, loadEnd);
      Growth service =
          trace
              .series(counterProbe(queue.name(), BookCounters.PROCESSED))
              .growth(lateStart, loadEnd);
      fits = Optional.of(new Fits(arrival, service));
      if (arrival.isDetermined()
          && service.isDetermined()
          && arrival.slopePerSecond() >= 0
          && service.slopePerSecond() >= 0) {
        evidence =
            evidence.withRates(
                new Rates(
                    arrival.slopePerSecond(), service.slopePerSecond(), loadEnd.minus(lateStart)));
      }
    }
    Assessment assessment = Verdicts.assess(evidence, rules);

    List<BoundCheck> bounds = new ArrayList<>();
    if (queue.bound().isPresent()) {
      long hwm = exactHighWaterMark.orElse(assessment.depth().highWaterMark());
      bounds.add(BoundCheck.queue(queue.name(), queue.bound().getAsLong(), hwm));
    }
    if (queue.drainWithin().isPresent()) {
      bounds.add(BoundCheck.drain(queue.name(), queue.drainWithin().get(), assessment.drainTime()));
    }

    if (queue.p99AtMost().isPresent()) {
      // no answer, no p99: a figure not observed never holds (BoundCheck)
      bounds.add(
          latency
              .map(l -> BoundCheck.latency(queue.name() + " p99", queue.p99AtMost().get(), l.p99()))
              .orElseGet(
                  () ->
                      new BoundCheck(
                          BoundKind.LATENCY,
                          queue.name() + " p99",
                          queue.p99AtMost().get().toNanos() / 1e6,
                          OptionalDouble.empty())));
    }

    List<Check> checks = new ArrayList<>();
    checks.add(expectedVerdict(queue, assessment));
    if (clients.isPresent()) {
      checks.add(clientFailures(clients.get()));
      checks.add(booksAgree(settled.books(), clients.get()));
    }
    fits.ifPresent(f -> checks.add(growthMatchesRates(assessment.growth(), f)));
    return new QueueResult(queue, assessment, exactHighWaterMark, clients, bounds, checks);
  }

  /** λ's and μ's fits over the verdict's late window. */
  record Fits(Growth arrival, Growth service) {}

  static Check expectedVerdict(WatchedQueue queue, Assessment assessment) {
    String expected =
        queue.expected().stream().map(Enum::name).sorted().collect(Collectors.joining(" or "));
    return new Check(
        "verdict is " + expected,
        queue.expected().contains(assessment.verdict()),
        assessment.summary());
  }

  /** At most {@link #CLIENT_FAILURE_SHARE} of the requests failed at the client. */
  static Check clientFailures(ClientOutcomes clients) {
    double share = clients.total() == 0 ? 0 : clients.failed() / (double) clients.total();
    return new Check(
        "requests failed at the client <= " + percent(CLIENT_FAILURE_SHARE),
        share <= CLIENT_FAILURE_SHARE,
        percent(share) + " of " + clients.describe());
  }

  /**
   * The target's books agree with the answers: it rejected exactly the requests answered 503/429
   * (every refusal was told), and it accepted at least the requests answered 2xx and at most those
   * plus the requests that got no usable answer (a timed-out request may have arrived). Assumes
   * nobody else sent to the queue during the run.
   */
  static Check booksAgree(LedgerSnapshot books, ClientOutcomes clients) {
    long accepted = books.sent() - books.rejected();
    boolean rejectedMatch = books.rejected() == clients.rejected();
    boolean acceptedMatch =
        accepted >= clients.accepted() && accepted <= clients.accepted() + clients.failed();
    return new Check(
        "the target's books match the answers",
        rejectedMatch && acceptedMatch,
        String.format(
            Locale.ROOT,
            "target: %,d received, %,d accepted, %,d rejected; users: %s",
            books.sent(),
            accepted,
            books.rejected(),
            clients.describe()));
  }

  /**
   * The depth grew at λ − μ: |g − (λ − μ)| ≤ {@value #SIGMAS} · √(SE²(g) + SE²(λ) + SE²(μ)) +
   * {@value #SLACK_PER_SECOND}/s, all fitted over the verdict's late window of the same run.
   */
  static Check growthMatchesRates(Growth growth, Fits fits) {
    Growth lambda = fits.arrival();
    Growth mu = fits.service();
    String name = "growth ≈ λ − μ";
    if (!growth.isDetermined()
        || !lambda.isDetermined()
        || !mu.isDetermined()
        || !growth.hasStandardError()
        || !lambda.hasStandardError()
        || !mu.hasStandardError()) {
      return new Check(
          name,
          false,
          "not enough samples over the late window to fit the growth, λ and μ ("
              + growth.points()
              + " points)");
    }
    double excess = lambda.slopePerSecond() - mu.slopePerSecond();
    double tolerance =
        SIGMAS
                * Math.sqrt(
                    sq(growth.standardError())
                        + sq(lambda.standardError())
                        + sq(mu.standardError()))
            + SLACK_PER_SECOND;
    double off = Math.abs(growth.slopePerSecond() - excess);
    return new Check(
        name,
        off <= tolerance,
        String.format(
            Locale.ROOT,
            "g = %.1f ± %.1f /s, λ = %.1f /s, μ = %.1f /s, λ − μ = %.1f /s; |g − (λ − μ)| = %.1f"
                + " /s, tolerance %.1f /s",
            growth.slopePerSecond(),
            growth.standardError(),
            lambda.slopePerSecond(),
            mu.slopePerSecond(),
            excess,
            off,
            tolerance));
  }

  private static double sq(double x) {
    return x * x;
  }

  private static String percent(double share) {
    return String.format(Locale.ROOT, "%.1f%%", share * 100);
  }
}
