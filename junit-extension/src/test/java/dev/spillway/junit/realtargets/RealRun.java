package dev.spillway.junit.realtargets;

import dev.spillway.junit.Fixtures;
import dev.spillway.junit.OverloadHarness;
import dev.spillway.junit.OverloadResult;
import dev.spillway.toolkit.verdict.EarlyStop;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicReference;

/**
 * One run of a real-target fixture: how the fixture ended, what Spillway measured, and what the
 * test counted itself in the same run.
 *
 * @param outcome how the fixture method ended
 * @param result what Spillway measured; empty when the run did not get that far
 * @param truth what the fixture counted itself, after the component had finished every message
 */
record RealRun(Fixtures.Outcome outcome, Optional<OverloadResult> result, Truth truth) {

  private record Published(OverloadResult result, Truth truth) {}

  private static final AtomicReference<Published> LAST = new AtomicReference<>();

  /** The early stop the next fixture's run gets in code; null for none (its whole plan). */
  private static final AtomicReference<EarlyStop> EARLY_STOP = new AtomicReference<>();

  /** Runs the fixture method {@code method} of {@code fixture} through the engine. */
  static RealRun of(Class<?> fixture, String method) {
    return run(fixture, method, null);
  }

  /**
   * Runs the fixture method as {@link #of} does, with {@code stop} given to its harness ({@code
   * harness.stopWhenCertain(stop)}): its load ends as soon as its verdict is certain.
   */
  static RealRun stoppedWhenCertain(Class<?> fixture, String method, EarlyStop stop) {
    return run(fixture, method, stop);
  }

  private static RealRun run(Class<?> fixture, String method, EarlyStop stop) {
    LAST.set(null);
    EARLY_STOP.set(stop);
    Fixtures.Outcome outcome;
    try {
      outcome = Fixtures.run(fixture, method);
    } finally {
      EARLY_STOP.set(null);
    }
    Published published = LAST.getAndSet(null);
    if (published == null) {
      throw new AssertionError(
          "fixture " + fixture.getSimpleName() + "." + method + " published nothing: " + outcome);
    }
    return new RealRun(outcome, Optional.ofNullable(published.result()), published.truth());
  }

  /**
   * In a fixture: runs the harness's declared load (ending it once its verdict is certain, in a run
   * started by {@link #stoppedWhenCertain}), then counts the truth (waiting, in {@code truth},
   * until the component has finished every message), and publishes both — also when the run failed
   * a check, so that the failure can be compared with the truth.
   */
  static void play(OverloadHarness harness, Callable<Truth> truth) throws Exception {
    EarlyStop stop = EARLY_STOP.get();
    if (stop != null) {
      harness.stopWhenCertain(stop);
    }
    try {
      harness.run();
    } finally {
      LAST.set(new Published(harness.result().orElse(null), truth.call()));
    }
  }

  /** The result; fails naming how the fixture ended when there is none. */
  OverloadResult measured() {
    return result.orElseThrow(
        () -> new AssertionError("the run measured nothing: " + outcome + "; " + truth));
  }

  /** What to show when a check fails: how the fixture ended, the summary, the truth. */
  String describe() {
    return outcome.status()
        + outcome.failure().map(f -> " (" + f.getMessage() + ")").orElse("")
        + "\n"
        + result.map(OverloadResult::summary).orElse("no result")
        + "\n"
        + truth;
  }
}
