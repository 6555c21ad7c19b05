package dev.spillway.junit;

import dev.spillway.junit.OverloadHarness.Target;
import dev.spillway.junit.internal.AutopsyThreads;
import dev.spillway.junit.internal.Books;
import dev.spillway.junit.internal.BoundWatch;
import dev.spillway.junit.internal.CountedProbe;
import dev.spillway.junit.internal.CountingSenders;
import dev.spillway.junit.internal.Deadline;
import dev.spillway.junit.internal.DrainSpec;
import dev.spillway.junit.internal.EarlyLooks;
import dev.spillway.junit.internal.EarlyReport;
import dev.spillway.junit.internal.Failures;
import dev.spillway.junit.internal.Judge;
import dev.spillway.junit.internal.LatencySpec;
import dev.spillway.junit.internal.LiveInjection;
import dev.spillway.junit.internal.LiveMethodInjections;
import dev.spillway.junit.internal.LoadClock;
import dev.spillway.junit.internal.OverloadPlan;
import dev.spillway.junit.internal.PeakProbe;
import dev.spillway.junit.internal.PeakWindow;
import dev.spillway.junit.internal.PhaseChaos;
import dev.spillway.junit.internal.ProbeGuards;
import dev.spillway.junit.internal.QueueBreach;
import dev.spillway.junit.internal.QueueDrain;
import dev.spillway.junit.internal.Resources;
import dev.spillway.junit.internal.RunBounds;
import dev.spillway.junit.internal.RunReporting;
import dev.spillway.junit.internal.VerdictSpec;
import dev.spillway.junit.internal.Waits;
import dev.spillway.junit.internal.WatchedQueue;
import dev.spillway.toolkit.autopsy.Autopsy;
import dev.spillway.toolkit.autopsy.AutopsyReport;
import dev.spillway.toolkit.inject.Injector;
import dev.spillway.toolkit.ledger.Rates;
import dev.spillway.toolkit.ledger.SettleRules;
import dev.spillway.toolkit.ledger.SettledBooks;
import dev.spillway.toolkit.ledger.Settling;
import dev.spillway.toolkit.load.Ending;
import dev.spillway.toolkit.load.KeyDistribution;
import dev.spillway.toolkit.load.LoadDriver;
import dev.spillway.toolkit.load.LoadDriverBuilder;
import dev.spillway.toolkit.load.LoadProfile;
import dev.spillway.toolkit.load.LoadReport;
import dev.spillway.toolkit.load.RunningLoad;
import dev.spillway.toolkit.probe.QueueProbe;
import dev.spillway.toolkit.record.EventSink;
import dev.spillway.toolkit.record.QueueRecorder;
import dev.spillway.toolkit.record.QueueTrace;
import dev.spillway.toolkit.util.Durations;
import dev.spillway.toolkit.verdict.Assessment;
import dev.spillway.toolkit.verdict.EarlyCall;
import dev.spillway.toolkit.verdict.Verdict;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import java.util.function.LongSupplier;
import org.opentest4j.AssertionFailedError;

/**
 * One run of a harness: starts the recorder, the bound checks, the injection and the driver, waits
 * for the load, the drain and the books, judges the bounds and the verdict, and reports. Runs on
 * the body's thread; {@link #abort} may come from the watchdog's. {@link FloodCheck} has checked
 * the configuration before.
 */
final class Flood {

  /** What the run is made of, as the harness was configured. */
  record Setup(
      OverloadPlan plan,
      LoadProfile profile,
      Target target,
      List<WatchedQueue> watched,
      Books books,
      KeyDistribution keys,
      long keySeed,
      Injector injector,
      LiveInjection injection,
      LiveMethodInjections methodInjections,
      Resources resources,
      Deadline deadline,
      Consumer<EventSink> sinks,
      RunReporting reporting,
      List<PhaseChaos.Entry> chaos,
      List<OverloadCaveat> caveats,
      boolean wrapsConsumers,
      AutopsyThreads autopsyThreads,
      Duration autopsyPeriod) {}

  private final Setup setup;
  private final OverloadPlan plan;
  private final LoadProfile profile;
  private volatile RunningLoad running;
  private volatile PhaseChaos chaos;
  private volatile String aborted;
  private volatile OverloadResult result;

  Flood(Setup setup) {
    this.setup = setup;
    this.plan = setup.plan();
    this.profile = setup.profile();
  }

  /**
   * The queues as a run watches them: through their guards, exactly where they report each change,
   * sampled by the recorder, and checked against their bounds as they are read.
   */
  private record Watching(
      ProbeGuards guards,
      List<WatchedQueue> queues,
      BoundWatch bounds,
      Map<String, PeakProbe> exact,
      List<LongSupplier> reads,
      QueueRecorder recorder,
      List<AutoCloseable> listeners) {}

  /** Runs the load and judges it; see {@link OverloadHarness}. */
  OverloadResult run(Consumer<String> reporter) {
    RunAutopsy autopsy = startAutopsy(); // before the run's clock: JFR takes a while to start
    long runStart = System.nanoTime();
    extendDeadline(runStart, plan.settleLimit());
    LoadClock clock = new LoadClock(profile, runStart);
    Watching watching = startWatching();
    RunningLoad load = startLoad(watching, clock);
    Optional<EarlyLooks> looks =
        EarlyLooks.of(
            plan, profile, watching.queues(), watching.recorder(), setup.books().ledger(), clock);
    Optional<EarlyCall> early = looks.isPresent() ? lookEarly(looks.get(), load) : Optional.empty();
    LoadReport report = awaitLoad(load);
    long loadEnded = System.nanoTime();
    List<String> failures = new ArrayList<>();
    if (chaos != null) {
      chaos.loadEnded();
      failures.addAll(chaos.failures());
    }
    List<String> caveats = caveats(failures);
    Optional<QueueBreach> breach = watching.bounds().breach();
    if (breach.isPresent()) {
      loadEnded = Math.min(loadEnded, breach.get().nanoTime());
    }
    if (early.isPresent()) { // judged up to the stop, not up to when the driver had wound down
      long stopped =
          EarlyLooks.judgedLoadEnd(
              looks.get().stoppedAtNanos(), report.sent(), profile, clock.startNanos());
      loadEnded = Math.min(loadEnded, stopped);
    }
    if (report.ending() == Ending.DEADLINE) {
      failures.add(Failures.deadline(report));
    }
    boolean stoppedEarly =
        early.isPresent() && report.ending() == Ending.STOPPED && aborted == null;
    boolean judged = breach.isEmpty() && (report.ending() == Ending.COMPLETED || stoppedEarly);
    List<QueueDrain> drains =
        judged && plan.drain().isPresent()
            ? interruptible(() -> Waits.drain(plan.name(), plan.drain().get(), watching.queues()))
            : List.of();
    // the books settle while the recorder still records and the injection still slows: the
    // backlog drains at the consumers' own pace, and the trace shows it
    long loadEndedAt = loadEnded;
    SettledBooks settled =
        interruptible(() -> settle(report, clock, loadEndedAt, watching.guards()));
    QueueTrace trace = stopWatching(watching);
    Optional<Autopsied> autopsied =
        Optional.ofNullable(autopsy).map(a -> a.stop(clock, PeakWindow.of(profile)));
    judged = watching.guards().judge(trace, clock.startNanos(), failures, caveats) && judged;
    OverloadResult measured =
        result(report, trace, settled, watching.exact(), clock, loadEnded, caveats, autopsied);
    result = measured;
    RunBounds bounds = new RunBounds();
    bounds.queues(plan.queueBounds(), measured.highWaterMarks(), breach, clock, report);
    if (judged) {
      plan.drain().ifPresent(spec -> bounds.drains(spec, drains));
      for (LatencySpec bound : plan.latencyBounds()) {
        bounds.latency(bound, bound.valueIn(report.latency()));
      }
    }
    failures.addAll(bounds.failures());
    if (judged && plan.checksSilentLoss() && measured.verdict() == Verdict.LOST) {
      failures.add(Failures.silentLoss(measured.assessment()));
    }
    if (judged) {
      plan.expectedVerdict()
          .flatMap(spec -> verdictFailure(spec, measured))
          .ifPresent(failures::add);
    }
    String summary = watching.guards().summary(measured);
    if (looks.isPresent()) {
      summary +=
          " — "
              + EarlyReport.describe(
                  looks.get(), early, measured, clock, loadEnded, profile, setup.reporting());
    }
    reporter.accept(summary);
    watching.guards().report(setup.reporting());
    setup
        .reporting()
        .write(
            measured,
            profile,
            setup.injector(),
            setup.books().ledger(),
            watching.exact().keySet(),
            bounds.checks());
    if (!failures.isEmpty()) {
      throw new AssertionFailedError(String.join("\n", failures) + "\n" + summary);
    }
    return measured;
  }

  /**
   * Starts watching the queues: each behind its guard (plain probes are read with a time limit), an
   * exact probe for those that report each change, the recorder sampling them all, and the bound
   * checks on every read and every reported change.
   */
  private Watching startWatching() {
    Resources resources = setup.resources();
    BoundWatch watch = new BoundWatch(plan.queueBounds());
    ProbeGuards guards =
        resources.add(
            ProbeGuards.of(plan.name(), plan.grace(), plan.probeGapsAllowed(), setup.watched()));
    List<WatchedQueue> watched = guards.watched();
    Map<String, PeakProbe> exact = new LinkedHashMap<>();
    List<QueueProbe> probes = new ArrayList<>();
    List<LongSupplier> reads = new ArrayList<>();
    for (WatchedQueue w : watched) {
      if (w.isInstrumented()) {
        PeakProbe peaks = new PeakProbe(w.queue());
        exact.put(w.name(), peaks);
        probes.add(peaks);
        reads.add(peaks::reads);
      } else {
        CountedProbe counted = new CountedProbe(watch.checking(w.probe()));
        probes.add(counted);
        reads.add(counted::reads);
      }
    }
    QueueRecorder recorder =
        resources.add(
            QueueRecorder.sampling(probes).named(plan.name()).every(plan.sampleEvery()).build());
    recorder.start();
    setup.sinks().accept(recorder);
    List<AutoCloseable> listeners = new ArrayList<>();
    for (WatchedQueue w : watched) {
      if (w.isInstrumented()) {
        listeners.add(
            resources.add(w.queue().addDepthListener(watch.listener(exact.get(w.name())))));
      }
    }
    return new Watching(guards, watched, watch, exact, reads, recorder, listeners);
  }

  /**
   * Starts the injection, the caveats' watch, the phased chaos and the load driver, whose load a
   * breached bound stops at once.
   */
  private RunningLoad startLoad(Watching watching, LoadClock clock) {
    Resources resources = setup.resources();
    QueueRecorder recorder = watching.recorder();
    Injector injector = setup.injector();
    if (injector != null) {
      setup
          .injection()
          .start(
              injector.eventSink() == EventSink.NONE ? injector.withEventSink(recorder) : injector);
    }
    setup.methodInjections().start(recorder);
    for (OverloadCaveat caveat : setup.caveats()) {
      caveat.loadStarting();
    }
    EventSink driverEvents = recorder;
    if (!setup.chaos().isEmpty()) {
      PhaseChaos phased =
          resources.add(
              new PhaseChaos(
                  plan.name(),
                  setup.chaos(),
                  profile,
                  recorder,
                  () -> abort("a chaos step failed to switch on")));
      chaos = phased;
      phased.start();
      EventSink phases = phased.phases();
      driverEvents =
          event -> {
            recorder.record(event);
            phases.record(event);
          };
    }
    RunningLoad load = resources.add(driver(clock, driverEvents).start());
    running = load;
    watching.bounds().onBreach(load::stop);
    if (aborted != null) {
      load.stop();
    }
    return load;
  }

  /**
   * Stops watching: one more sample of every queue, taken from now (the recorder takes none when it
   * stops), then the recorder, the injection (which wakes injected waits: messages still in a
   * handler finish now) and the depth listeners.
   */
  private QueueTrace stopWatching(Watching watching) {
    List<LongSupplier> reads = watching.reads();
    long[] readsBefore = reads.stream().mapToLong(LongSupplier::getAsLong).toArray();
    CountedProbe.awaitNextRead(reads, readsBefore, 5 * plan.sampleEvery().toNanos() + 50_000_000L);
    QueueTrace trace = watching.recorder().stop();
    setup.sinks().accept(EventSink.NONE);
    setup.injection().close();
    setup.methodInjections().close();
    closeAll(watching.listeners());
    return trace;
  }

  /**
   * Settles the books ({@link Settling}): with the consumers' service rate measured over the load's
   * peak, and what is known of the messages inside them. Not after the driver's deadline (something
   * is stuck): the books are then read once.
   */
  private SettledBooks settle(
      LoadReport report, LoadClock clock, long loadEnded, ProbeGuards guards)
      throws InterruptedException {
    Books books = setup.books();
    SettleRules rules = plan.settleRules();
    if (report.ending() == Ending.DEADLINE || !guards.allReadable()) {
      rules = rules.withLimit(Duration.ZERO); // something is stuck, or a queue cannot be read
    }
    double mu = 0;
    if (clock.isKnown()) {
      PeakWindow peak = PeakWindow.of(profile);
      long from = clock.startNanos() + peak.startNanos();
      long to = Math.min(clock.startNanos() + peak.endNanos(), loadEnded);
      if (to - from > 0) {
        mu = books.ledger().ratesOver(from, to).map(Rates::servicePerSecond).orElse(0.0);
      }
    }
    return Settling.settle(
        books.ledger(), guards.queued(), books.inFlight(setup.wrapsConsumers()), mu, rules);
  }

  /** What the caveats found, in the order they were added; a caveat that throws is a failure. */
  private List<String> caveats(List<String> failures) {
    List<String> found = new ArrayList<>();
    for (OverloadCaveat caveat : setup.caveats()) {
      try {
        caveat.afterLoad().ifPresent(found::add);
      } catch (RuntimeException e) {
        failures.add("the caveat " + caveat + " failed: " + e);
      }
    }
    return found;
  }

  private void extendDeadline(long runStart, Duration settle) {
    Duration drain = plan.drain().map(DrainSpec::within).orElse(Duration.ZERO);
    Duration chaosClose = setup.chaos().isEmpty() ? Duration.ZERO : PhaseChaos.CLOSE_TIMEOUT;
    Duration allowed =
        profile
            .plannedDuration()
            .plus(drain)
            .plus(settle)
            .plus(plan.grace())
            .plus(chaosClose)
            .plus(Deadline.MARGIN);
    setup
        .deadline()
        .extendTo(
            runStart + allowed.toNanos(),
            String.format(
                Locale.ROOT,
                "planned %s + drain %s + settle %s + grace %s + margin %s after the load started",
                Durations.format(profile.plannedDuration()),
                Durations.format(drain),
                Durations.format(settle),
                Durations.format(plan.grace()),
                Durations.format(Deadline.MARGIN)));
  }

  private LoadDriver driver(LoadClock clock, EventSink events) {
    LoadDriverBuilder builder =
        LoadDriver.drive(profile)
            .named(plan.name())
            .keys(setup.keys(), setup.keySeed())
            .gracePeriod(plan.grace())
            .events(events);
    Target target = setup.target();
    Books books = setup.books();
    if (target.async() != null) {
      return builder.sendAsyncTo(CountingSenders.countingAsync(target.async(), books, clock));
    }
    if (target.poolThreads() > 0) {
      return builder.sendWithPool(
          target.poolThreads(), CountingSenders.counting(target.sender(), books, clock));
    }
    return builder.sendTo(CountingSenders.counting(target.sender(), books, clock));
  }

  /** Looks while the load runs, and stops it once the verdict is certain. */
  private Optional<EarlyCall> lookEarly(EarlyLooks looks, RunningLoad load) {
    try {
      return looks.watch(load);
    } catch (InterruptedException e) {
      load.stop();
      Thread.currentThread().interrupt();
      throw interrupted("while the load ran");
    }
  }

  /** Waits for the driver's report, which its own watchdog guarantees within plan + grace. */
  private LoadReport awaitLoad(RunningLoad load) {
    Duration limit = profile.plannedDuration().plus(plan.grace()).plus(Deadline.MARGIN);
    try {
      return load.awaitReport(limit);
    } catch (InterruptedException e) {
      load.stop();
      Thread.currentThread().interrupt();
      throw interrupted("while the load ran");
    } catch (TimeoutException e) {
      load.stop();
      throw new AssertionFailedError(
          "the load driver of test '"
              + plan.name()
              + "' did not report within "
              + Durations.format(limit)
              + " (planned duration + grace + margin); the load was stopped");
    }
  }

  private Optional<String> verdictFailure(VerdictSpec spec, OverloadResult measured) {
    String queue = spec.queue().isEmpty() ? measured.judgedQueue() : spec.queue();
    Assessment assessment = measured.assessment(queue);
    boolean expected =
        spec.verdicts()
            .contains(spec.queue().isEmpty() ? measured.verdict() : assessment.verdict());
    return expected ? Optional.empty() : Optional.of(Failures.verdict(spec, queue, assessment));
  }

  /** A wait that restores the interrupt flag and fails the run when interrupted. */
  private <T> T interruptible(Wait<T> wait) {
    try {
      return wait.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw interrupted("while waiting after the load");
    }
  }

  @FunctionalInterface
  private interface Wait<T> {
    T get() throws InterruptedException;
  }

  private AssertionFailedError interrupted(String when) {
    return new AssertionFailedError(
        "the run of test '"
            + plan.name()
            + "' was interrupted "
            + when
            + (aborted != null ? " (" + aborted + ")" : "")
            + "; the load was stopped");
  }

  private OverloadResult result(
      LoadReport report,
      QueueTrace trace,
      SettledBooks settled,
      Map<String, PeakProbe> exact,
      LoadClock clock,
      long loadEnded,
      List<String> caveats,
      Optional<Autopsied> autopsy) {
    Map<String, Long> marks = new LinkedHashMap<>();
    for (WatchedQueue w : setup.watched()) {
      long sampled = trace.series(w.name()).highWaterMark();
      PeakProbe seen = exact.get(w.name());
      marks.put(w.name(), seen == null ? sampled : Math.max(sampled, seen.highWaterMark()));
    }
    long traceEnd = trace.duration().toNanos();
    long start = clamp(clock.startNanos() - trace.startNanos(), 0, traceEnd);
    long plannedEnd = clock.startNanos() + profile.plannedDurationNanos();
    long end = clamp(Math.min(plannedEnd, loadEnded) - trace.startNanos(), start, traceEnd);
    Duration loadStart = Duration.ofNanos(start);
    Duration loadEnd = Duration.ofNanos(end);
    PeakWindow peak = PeakWindow.of(profile);
    long peakStart = clamp(start + peak.startNanos(), start, end);
    long peakEnd = clamp(start + peak.endNanos(), peakStart, end);
    Map<String, Assessment> assessments =
        Judge.assess(
            plan,
            setup.watched(),
            trace,
            settled,
            report,
            setup.books().ledger(),
            Duration.ofNanos(peakStart),
            Duration.ofNanos(peakEnd),
            autopsy.map(
                a -> Judge.gcActivity(a.report(), a.fromNanos(), trace, setup.books().ledger())));
    assessments.replaceAll((queue, assessment) -> assessment.withCaveats(caveats));
    return new OverloadResult(
        plan.name(),
        report,
        trace,
        settled.books(),
        marks,
        assessments,
        loadStart,
        loadEnd,
        caveats,
        autopsy.map(Autopsied::report));
  }

  /** An autopsy recording for this run, with the clock to place the load's peak on it. */
  private record RunAutopsy(Autopsy autopsy, Instant anchor, long anchorNanos) {

    /** Stops it and reports from the load's peak to now (the books have settled). */
    Autopsied stop(LoadClock clock, PeakWindow peak) {
      autopsy.stop();
      long from = clock.isKnown() ? clock.startNanos() + peak.startNanos() : anchorNanos;
      return new Autopsied(
          autopsy.report(anchor.plusNanos(from - anchorNanos), Instant.now()), from);
    }
  }

  /**
   * An autopsy's report and where its window starts on the run's clock ({@link System#nanoTime()}),
   * to place its collections on the trace.
   */
  private record Autopsied(AutopsyReport report, long fromNanos) {}

  /** Starts the autopsy, when the run records one, and hands it the threads known so far. */
  private RunAutopsy startAutopsy() {
    AutopsyThreads threads = setup.autopsyThreads();
    if (!threads.wanted()) {
      return null;
    }
    Autopsy autopsy = setup.resources().add(Autopsy.every(setup.autopsyPeriod()).start());
    threads.started(autopsy);
    return new RunAutopsy(autopsy, Instant.now(), System.nanoTime());
  }

  private static long clamp(long value, long min, long max) {
    return Math.max(min, Math.min(max, value));
  }

  private static void closeAll(List<AutoCloseable> closeables) {
    for (AutoCloseable c : closeables) {
      try {
        c.close();
      } catch (Exception e) {
        // removing a depth listener does not fail; the store closes it again anyway
      }
    }
  }

  /** The result, once built (also when the run failed a bound). */
  Optional<OverloadResult> result() {
    return Optional.ofNullable(result);
  }

  /** Stops the load now; the body's thread is interrupted next. Any thread. */
  void abort(String why) {
    aborted = why;
    RunningLoad load = running;
    if (load != null) {
      load.stop();
    }
    PhaseChaos phased = chaos;
    if (phased != null) {
      phased.endSoon();
    }
  }
}
