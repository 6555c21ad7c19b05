package dev.spillway.junit;

import dev.spillway.junit.OverloadHarness.Target;
import dev.spillway.junit.OverloadHarness.Watched;
import dev.spillway.junit.internal.Awaiting;
import dev.spillway.junit.internal.Books;
import dev.spillway.junit.internal.BoundWatch;
import dev.spillway.junit.internal.CountingSenders;
import dev.spillway.junit.internal.Deadline;
import dev.spillway.junit.internal.DrainSpec;
import dev.spillway.junit.internal.Durations;
import dev.spillway.junit.internal.LatencySpec;
import dev.spillway.junit.internal.LiveInjection;
import dev.spillway.junit.internal.LoadClock;
import dev.spillway.junit.internal.OverloadPlan;
import dev.spillway.junit.internal.QueueBoundSpec;
import dev.spillway.junit.internal.QueueBreach;
import dev.spillway.junit.internal.Resources;
import dev.spillway.toolkit.inject.Injector;
import dev.spillway.toolkit.ledger.LedgerSnapshot;
import dev.spillway.toolkit.ledger.MessageLedger;
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
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.LongAccumulator;
import java.util.function.Consumer;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.opentest4j.AssertionFailedError;

/**
 * One run of a harness: checks the configuration, starts the recorder, the bound checks, the
 * injection and the driver, waits for the load, the drain and the books, and judges the bounds.
 * Runs on the body's thread; {@link #abort} may come from the watchdog's.
 */
final class Flood {

  private final OverloadPlan plan;
  private final LoadProfile profile;
  private final String source;
  private final Target target;
  private final List<Watched> watched;
  private final Books books;
  private final KeyDistribution keys;
  private final long keySeed;
  private final Injector injector;
  private final List<String> wrapped;
  private final LiveInjection injection;
  private final Resources resources;
  private final Deadline deadline;
  private final Consumer<EventSink> sinks;

  private volatile RunningLoad running;
  private volatile String aborted;
  private volatile OverloadResult result;

  Flood(
      OverloadPlan plan,
      LoadProfile profile,
      String source,
      Target target,
      List<Watched> watched,
      Books books,
      KeyDistribution keys,
      long keySeed,
      Injector injector,
      List<String> wrapped,
      LiveInjection injection,
      Resources resources,
      Deadline deadline,
      Consumer<EventSink> sinks) {
    this.plan = plan;
    this.profile = profile;
    this.source = source;
    this.target = target;
    this.watched = watched;
    this.books = books;
    this.keys = keys;
    this.keySeed = keySeed;
    this.injector = injector;
    this.wrapped = wrapped;
    this.injection = injection;
    this.resources = resources;
    this.deadline = deadline;
    this.sinks = sinks;
  }

  /** Checks that the run can start; throws before anything starts. */
  void check() {
    String test = "test '" + plan.name() + "'";
    if (target == null) {
      throw new IllegalStateException(
          test
              + " has no target: register it with harness.sendTo(...), sendAsyncTo(...) or"
              + " sendWithPool(...) before the load runs");
    }
    if (watched.isEmpty()) {
      throw new IllegalStateException(
          test
              + " watches no queue: register at least one with harness.watch(queue),"
              + " harness.watch(probe) or harness.consume(queue, handler) before the load runs");
    }
    List<String> names = watched.stream().map(Watched::name).toList();
    for (QueueBoundSpec bound : plan.queueBounds()) {
      if (!bound.queue().isEmpty() && !names.contains(bound.queue())) {
        throw new ExtensionConfigurationException(
            "@QueueBound requires that queue name a watched queue (one of "
                + names
                + "), but was \""
                + bound.queue()
                + "\"");
      }
    }
    plan.drain()
        .filter(d -> !d.queue().isEmpty() && !names.contains(d.queue()))
        .ifPresent(
            d -> {
              throw new ExtensionConfigurationException(
                  "@DrainsWithin requires that queue name a watched queue (one of "
                      + names
                      + "), but was \""
                      + d.queue()
                      + "\"");
            });
    if (injector != null && wrapped.isEmpty()) {
      String what = plan.injection().map(i -> i.source()).orElse("harness.inject(...)");
      throw new ExtensionConfigurationException(
          test
              + " declares "
              + what
              + " but wraps no component to slow down: use harness.consume(queue, handler),"
              + " harness.wrapConsumer(consumer) or harness.wrap(type, target, methods)");
    }
    if (plan.checksSilentLoss() && books.countsItself() && wrapped.isEmpty()) {
      throw new ExtensionConfigurationException(
          test
              + " checks that no message is lost silently, with books kept by the harness, but"
              + " wraps no consumer to count what is processed: use harness.consume(queue,"
              + " handler), harness.wrapConsumer(consumer) or harness.wrap(type, target, methods),"
              + " give the component's own ledger with harness.useLedger(ledger), or declare"
              + " @AllowSilentLoss(\"why\")");
    }
  }

  /** Runs the load and judges it; see {@link OverloadHarness}. */
  OverloadResult run(Consumer<String> reporter) {
    long runStart = System.nanoTime();
    Duration drain = plan.drain().map(DrainSpec::within).orElse(Duration.ZERO);
    Duration settle =
        plan.checksSilentLoss() ? Duration.ofMillis(OverloadHarness.SETTLE_MILLIS) : Duration.ZERO;
    Duration allowed =
        profile.plannedDuration().plus(drain).plus(settle).plus(plan.grace()).plus(Deadline.MARGIN);
    deadline.extendTo(
        runStart + allowed.toNanos(),
        String.format(
            Locale.ROOT,
            "planned %s + drain %s + settle %s + grace %s + margin %s after the load started",
            Durations.format(profile.plannedDuration()),
            Durations.format(drain),
            Durations.format(settle),
            Durations.format(plan.grace()),
            Durations.format(Deadline.MARGIN)));
    LoadClock clock = new LoadClock(profile, runStart);
    BoundWatch watch = new BoundWatch(plan.queueBounds());
    Map<String, LongAccumulator> exact = new LinkedHashMap<>();
    List<QueueProbe> probes = new ArrayList<>();
    for (Watched w : watched) {
      if (w.queue() != null) {
        exact.put(w.name(), new LongAccumulator(Math::max, w.queue().size()));
        probes.add(w.probe());
      } else {
        probes.add(watch.checking(w.probe()));
      }
    }
    QueueRecorder recorder =
        resources.add(
            QueueRecorder.sampling(probes).named(plan.name()).every(plan.sampleEvery()).build());
    recorder.start();
    sinks.accept(recorder);
    List<AutoCloseable> listeners = new ArrayList<>();
    for (Watched w : watched) {
      if (w.queue() != null) {
        listeners.add(
            resources.add(
                w.queue().addDepthListener(watch.listener(w.name(), exact.get(w.name())))));
      }
    }
    if (injector != null) {
      Injector withEvents =
          injector.eventSink() == EventSink.NONE ? injector.withEventSink(recorder) : injector;
      injection.start(withEvents);
    }
    RunningLoad load = resources.add(driver(clock, recorder).start());
    running = load;
    watch.onBreach(load::stop);
    if (aborted != null) {
      load.stop();
    }

    LoadReport report = awaitLoad(load);
    long loadEnded = System.nanoTime();
    Optional<QueueBreach> breach = watch.breach();
    if (breach.isPresent()) {
      loadEnded = Math.min(loadEnded, breach.get().nanoTime());
    }
    List<String> failures = new ArrayList<>();
    breach.ifPresent(b -> failures.add(describe(b, clock, report)));
    if (report.ending() == Ending.DEADLINE) {
      failures.add(deadlineFailure(report));
    }
    boolean judge = breach.isEmpty() && report.ending() == Ending.COMPLETED;
    if (judge && plan.drain().isPresent()) {
      drainFailure(plan.drain().get()).ifPresent(failures::add);
    }
    QueueTrace trace = recorder.stop();
    sinks.accept(EventSink.NONE);
    injection.close();
    closeAll(listeners);
    LedgerSnapshot snapshot = judge ? books(failures) : books.ledger().snapshot(queued());
    if (judge) {
      for (LatencySpec bound : plan.latencyBounds()) {
        Duration measured = bound.valueIn(report.latency());
        if (measured.compareTo(bound.max()) > 0) {
          failures.add(
              bound.describe()
                  + " failed: latency "
                  + bound.label()
                  + " was "
                  + Durations.format(measured)
                  + " (from each message's intended send time to the target's answer)");
        }
      }
    }
    OverloadResult measured = result(report, trace, snapshot, exact, clock, loadEnded);
    result = measured;
    reporter.accept(measured.summary());
    if (!failures.isEmpty()) {
      throw new AssertionFailedError(String.join("\n", failures) + "\n" + measured.summary());
    }
    return measured;
  }

  private LoadDriver driver(LoadClock clock, QueueRecorder recorder) {
    LoadDriverBuilder builder =
        LoadDriver.drive(profile)
            .named(plan.name())
            .keys(keys, keySeed)
            .gracePeriod(plan.grace())
            .events(recorder);
    if (target.async() != null) {
      return builder.sendAsyncTo(CountingSenders.countingAsync(target.async(), books, clock));
    }
    if (target.poolThreads() > 0) {
      return builder.sendWithPool(
          target.poolThreads(), CountingSenders.counting(target.sender(), books, clock));
    }
    return builder.sendTo(CountingSenders.counting(target.sender(), books, clock));
  }

  /** Waits for the driver's report, which its own watchdog guarantees within plan + grace. */
  private LoadReport awaitLoad(RunningLoad load) {
    Duration limit = profile.plannedDuration().plus(plan.grace()).plus(Deadline.MARGIN);
    try {
      return load.awaitReport(limit);
    } catch (InterruptedException e) {
      load.stop();
      Thread.currentThread().interrupt();
      throw new AssertionFailedError(
          "the run of test '"
              + plan.name()
              + "' was interrupted"
              + (aborted != null ? " (" + aborted + ")" : "")
              + "; the load was stopped");
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

  private String describe(QueueBreach b, LoadClock clock, LoadReport report) {
    long offset = b.nanoTime() - clock.startNanos();
    String when =
        (offset >= 0 ? "+" : "-")
            + Durations.format(Duration.ofNanos(Math.abs(offset)))
            + (clock.isKnown() ? " after the load started" : " after the run started");
    return String.format(
        Locale.ROOT,
        "%s breached: queue '%s' reached depth %,d at %s (%s); the load was stopped at once,"
            + " after %,d of %,d planned messages",
        b.bound().describe(),
        b.queue(),
        b.depth(),
        when,
        b.exact() ? "exact, seen at enqueue" : "sampled",
        report.sent(),
        report.planned());
  }

  private static String deadlineFailure(LoadReport report) {
    return String.format(
        Locale.ROOT,
        "the watchdog ended the load: it did not end within its planned duration + grace (%s);"
            + " %,d messages were not sent, %,d sends did not finish%s",
        report.endingDetail(),
        report.notSent(),
        report.unfinished(),
        report.stuckThreads() > 0
            ? ", and " + report.stuckThreads() + " thread(s) were still stuck in the target"
            : "");
  }

  private Optional<String> drainFailure(DrainSpec spec) {
    List<Watched> draining = watched.stream().filter(w -> spec.appliesTo(w.name())).toList();
    boolean drained;
    try {
      drained =
          Awaiting.until(
              "the drain of test '" + plan.name() + "'",
              spec.within(),
              () -> draining.stream().allMatch(w -> depthOrMax(w.probe()) <= spec.level()));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionFailedError(
          "the run of test '" + plan.name() + "' was interrupted while waiting for the drain");
    }
    if (drained) {
      return Optional.empty();
    }
    List<String> full = new ArrayList<>();
    for (Watched w : draining) {
      long depth = depthOrMax(w.probe());
      if (depth > spec.level()) {
        full.add(
            "'"
                + w.name()
                + "' still held "
                + (depth == Long.MAX_VALUE ? "an unreadable depth" : depth + " messages"));
      }
    }
    return Optional.of(
        spec.describe()
            + " failed: "
            + String.join(", ", full)
            + " (level "
            + spec.level()
            + ") "
            + Durations.format(spec.within())
            + " after the load ended");
  }

  private static long depthOrMax(QueueProbe probe) {
    try {
      return probe.depth();
    } catch (RuntimeException unreadable) {
      return Long.MAX_VALUE;
    }
  }

  /** The books, once they balance (at most the settle time) when silent loss is checked. */
  private LedgerSnapshot books(List<String> failures) {
    MessageLedger ledger = books.ledger();
    QueueProbe queued = queued();
    if (!plan.checksSilentLoss()) {
      return ledger.snapshot(queued);
    }
    Duration settle = Duration.ofMillis(OverloadHarness.SETTLE_MILLIS);
    try {
      Awaiting.until(
          "the books of test '" + plan.name() + "'",
          settle,
          () -> ledger.snapshot(queued).unaccounted() <= 0);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionFailedError(
          "the run of test '" + plan.name() + "' was interrupted while settling the books");
    }
    LedgerSnapshot snapshot = ledger.snapshot(queued);
    if (!snapshot.isBalanced()) {
      failures.add(
          "no silent loss failed: "
              + snapshot.describe()
              + " (messages inside a handler had "
              + Durations.format(settle)
              + " to finish; @AllowSilentLoss opts out)");
    }
    return snapshot;
  }

  /** The depth of every watched queue together, as the books count it. */
  private QueueProbe queued() {
    return QueueProbe.of(
        "watched queues", () -> watched.stream().mapToLong(w -> w.probe().depth()).sum());
  }

  private OverloadResult result(
      LoadReport report,
      QueueTrace trace,
      LedgerSnapshot snapshot,
      Map<String, LongAccumulator> exact,
      LoadClock clock,
      long loadEnded) {
    Map<String, Long> marks = new LinkedHashMap<>();
    for (Watched w : watched) {
      long sampled = trace.series(w.name()).highWaterMark();
      LongAccumulator seen = exact.get(w.name());
      marks.put(w.name(), seen == null ? sampled : Math.max(sampled, seen.get()));
    }
    long traceEnd = trace.duration().toNanos();
    long start = clamp(clock.startNanos() - trace.startNanos(), 0, traceEnd);
    long plannedEnd = clock.startNanos() + profile.plannedDurationNanos();
    long end = clamp(Math.min(plannedEnd, loadEnded) - trace.startNanos(), start, traceEnd);
    return new OverloadResult(
        plan.name(),
        report,
        trace,
        snapshot,
        marks,
        Duration.ofNanos(start),
        Duration.ofNanos(end));
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
  }
}
