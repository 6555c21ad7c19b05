package dev.spillway.toolkit.load;

import dev.spillway.toolkit.record.EventSink;
import dev.spillway.toolkit.util.Durations;
import dev.spillway.toolkit.util.Preconditions;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;

/**
 * One run of a {@link LoadDriver}: the driver thread that paces the profile, a watchdog thread that
 * enforces the deadline even when a send never returns, the halt state and the report.
 *
 * <p>Pacing: the driver computes each message's intended time from the profile, sends every message
 * that is due, then parks until the next due time (parking wakes in ~50–60 µs steps on Linux, so
 * messages go out in batches; the optional spin replaces the last stretch of each wait with a busy
 * spin).
 */
final class DriverRun implements RunningLoad {

  /** How long threads get to wind down after a halt before the report is made without them. */
  static final long STOP_TIMEOUT_NANOS = TimeUnit.MILLISECONDS.toNanos(250);

  private static final long MAX_PARK_NANOS = TimeUnit.MILLISECONDS.toNanos(50);

  /** Why and when the run was halted. */
  record Halt(Ending ending, String detail, long nanoTime) {}

  private final DriverSettings settings;
  private final long spinNanos;
  private final Engine engine;
  private final CompletableFuture<LoadReport> report = new CompletableFuture<>();
  private final AtomicReference<Halt> halt = new AtomicReference<>();
  private final Thread driverThread;
  private final Thread watchdogThread;
  private volatile long t0;
  private volatile long deadline;

  private DriverRun(DriverSettings settings) {
    this.settings = settings;
    this.spinNanos = settings.spin().toNanos();
    this.engine = settings.mode() == SendMode.POOL ? new PoolEngine(this) : new DirectEngine(this);
    this.driverThread = daemon(this::driveAndReport, "spillway-load-" + settings.name());
    this.watchdogThread = daemon(this::watch, "spillway-load-watchdog-" + settings.name());
  }

  /** Starts a run of {@code settings}, already validated. */
  static DriverRun start(DriverSettings settings) {
    DriverRun run = new DriverRun(settings);
    run.preload();
    try {
      run.engine.startThreads();
      long start = System.nanoTime();
      run.t0 = start;
      run.deadline = start + settings.profile().plannedDurationNanos() + settings.grace().toNanos();
      run.driverThread.start();
      run.watchdogThread.start();
    } catch (RuntimeException | Error e) {
      // e.g. "unable to create native thread": stop whatever did start
      run.halt(Ending.STOPPED, "the run's threads could not start: " + e);
      throw e;
    }
    return run;
  }

  /**
   * Loads the classes of the sending path before the clock starts, so that the first messages of a
   * run are not late by class loading (user code is the user's).
   */
  private void preload() {
    LoadProfile profile = settings.profile();
    new Schedule(profile).nextOffsetNanos();
    new PhaseAnnouncer(settings.name(), profile, EventSink.NONE, 0).pending();
    new Message(0, settings.keys().key(settings.seed(), 0), 0);
    SendStats warm = new SendStats(1, 1);
    warm.started(0, 0, 0, 0);
    warm.held(0, false);
    warm.called(0, 0);
    warm.finished(Outcome.ACCEPTED, 0);
    Outcome.ACCEPTED.kind();
    if (Sends.class.getName().isEmpty() || Ending.values().length == 0) {
      throw new AssertionError("unreachable");
    }
  }

  private static Thread daemon(Runnable body, String name) {
    Thread thread = new Thread(body, name);
    thread.setDaemon(true);
    return thread;
  }

  DriverSettings settings() {
    return settings;
  }

  LoadProfile profile() {
    return settings.profile();
  }

  /** When the load started, as a nanoTime: message offsets count from here. */
  long t0() {
    return t0;
  }

  long deadline() {
    return deadline;
  }

  boolean halted() {
    return halt.get() != null;
  }

  Halt haltState() {
    return halt.get();
  }

  /** Halts the run once; later calls do nothing and return false. Any thread. */
  boolean halt(Ending ending, String detail) {
    if (!halt.compareAndSet(null, new Halt(ending, detail, System.nanoTime()))) {
      return false;
    }
    engine.interruptSenders(driverThread);
    LockSupport.unpark(driverThread);
    LockSupport.unpark(watchdogThread);
    return true;
  }

  /** Halts the run because its deadline passed. */
  void haltAtDeadline() {
    halt(
        Ending.DEADLINE,
        "planned "
            + Durations.format(profile().plannedDuration())
            + " + grace "
            + Durations.format(settings.grace())
            + " elapsed");
  }

  /**
   * Waits on the driver thread until {@code target} (a nanoTime). Returns false instead when the
   * run is halted meanwhile, the deadline passes (which halts it) or the thread is interrupted
   * (which stops it).
   */
  boolean waitUntil(long target) {
    while (true) {
      if (halted()) {
        return false;
      }
      if (Thread.interrupted()) {
        // an interrupt of the driver thread is a request to stop: the run stops; the flag is not
        // restored because this thread still has bounded waits to do before it ends
        halt(Ending.STOPPED, "the driver thread was interrupted");
        return false;
      }
      long now = System.nanoTime();
      long remaining = target - now;
      if (remaining <= 0) {
        return true;
      }
      if (now - deadline >= 0) {
        haltAtDeadline();
        return false;
      }
      if (remaining <= spinNanos) {
        Thread.onSpinWait();
      } else {
        LockSupport.parkNanos(this, Math.min(remaining - spinNanos, MAX_PARK_NANOS));
      }
    }
  }

  private void driveAndReport() {
    try {
      engine.drive();
      Thread.interrupted(); // a halt may have interrupted this thread: that signal is consumed
      finish(false);
    } catch (Throwable failure) {
      halt(Ending.STOPPED, "the driver failed: " + failure);
      report.completeExceptionally(failure);
      LockSupport.unpark(watchdogThread);
    }
  }

  private void watch() {
    try {
      while (!report.isDone()) {
        Halt state = halt.get();
        long now = System.nanoTime();
        if (state == null) {
          if (now - deadline >= 0) {
            haltAtDeadline();
          } else {
            LockSupport.parkNanos(this, deadline - now);
          }
        } else {
          long giveUp = state.nanoTime() + STOP_TIMEOUT_NANOS;
          if (now - giveUp >= 0) {
            finish(true);
          } else {
            LockSupport.parkNanos(this, giveUp - now);
          }
        }
        if (Thread.interrupted()) {
          halt(Ending.STOPPED, "the watchdog thread was interrupted");
        }
      }
    } catch (Throwable failure) {
      report.completeExceptionally(failure);
    }
  }

  /** Makes the report once; {@code forced} when the driver thread did not get there itself. */
  private synchronized void finish(boolean forced) {
    if (report.isDone()) {
      return;
    }
    // the driver thread counts as stuck only where it calls the target: a pool's driver thread that
    // is merely slow to finish its bounded joins on a busy machine is not stuck in anything
    boolean driverStuck = forced && engine.sendsOnDriverThread() && driverThread.isAlive();
    int stuck = engine.aliveSenderThreads() + (driverStuck ? 1 : 0);
    report.complete(ReportAssembler.assemble(this, engine, System.nanoTime(), stuck));
    LockSupport.unpark(watchdogThread);
  }

  @Override
  public LoadReport awaitReport(Duration timeout) throws InterruptedException, TimeoutException {
    Preconditions.notNegative(timeout, "timeout");
    long nanos;
    try {
      nanos = timeout.toNanos();
    } catch (ArithmeticException tooLong) {
      nanos = Long.MAX_VALUE;
    }
    try {
      return report.get(nanos, TimeUnit.NANOSECONDS);
    } catch (ExecutionException e) {
      throw failed(e);
    }
  }

  @Override
  public LoadReport awaitReport(long timeout, TimeUnit unit)
      throws InterruptedException, TimeoutException {
    return awaitReport(Format.toDuration(timeout, unit, "timeout"));
  }

  /** Waits for the report; bounded, because the watchdog always produces one. */
  LoadReport await() throws InterruptedException {
    try {
      return report.get();
    } catch (ExecutionException e) {
      throw failed(e);
    }
  }

  /** Waits for the report without giving up on an interrupt, which is kept in the flag. */
  LoadReport awaitUninterruptibly() {
    boolean interrupted = false;
    try {
      while (true) {
        try {
          return await();
        } catch (InterruptedException e) {
          interrupted = true;
        }
      }
    } finally {
      if (interrupted) {
        Thread.currentThread().interrupt();
      }
    }
  }

  private IllegalStateException failed(ExecutionException e) {
    return new IllegalStateException(
        "load driver '" + settings.name() + "' failed: " + e.getCause(), e.getCause());
  }

  @Override
  public void stop() {
    halt(Ending.STOPPED, "stopped by stop()");
  }

  @Override
  public boolean isDone() {
    return report.isDone();
  }

  @Override
  public void close() {
    if (!report.isDone()) {
      halt(Ending.STOPPED, "stopped by close()");
    }
    try {
      report.get(STOP_TIMEOUT_NANOS + TimeUnit.SECONDS.toNanos(1), TimeUnit.NANOSECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (ExecutionException | TimeoutException e) {
      // close() does not report: awaitReport() does
    }
  }

  @Override
  public String toString() {
    return "RunningLoad[name="
        + settings.name()
        + ", mode="
        + settings.mode()
        + ", done="
        + report.isDone()
        + ", halt="
        + halt.get()
        + "]";
  }
}
