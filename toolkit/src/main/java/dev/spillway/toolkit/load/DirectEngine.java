package dev.spillway.toolkit.load;

import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Sends on the driver thread itself: {@link SendMode#DIRECT} (a {@link Sender} whose return ends
 * the latency) or {@link SendMode#ASYNC} (an {@link AsyncSender} whose stage ends it). A send that
 * takes long delays every message behind it; they show that delay as lateness.
 */
final class DirectEngine implements Engine {

  private static final long COMPLETION_POLL_NANOS = TimeUnit.MILLISECONDS.toNanos(1);

  private final DriverRun run;
  private final DriverSettings settings;
  private final LoadProfile profile;
  private final SendStats stats;
  private final AsyncOutcomes async;
  private long t0OfRun;

  DirectEngine(DriverRun run) {
    this.run = run;
    this.settings = run.settings();
    this.profile = run.profile();
    this.stats = new SendStats(profile.phases().size(), settings.lateThreshold().toNanos());
    this.async = settings.mode() == SendMode.ASYNC ? new AsyncOutcomes() : null;
  }

  @Override
  public void startThreads() {
    // everything happens on the driver thread
  }

  @Override
  public void drive() {
    long t0 = run.t0();
    t0OfRun = t0;
    long planEnd = t0 + profile.plannedDurationNanos();
    long[] phaseEnds =
        profile.phases().stream().mapToLong(phase -> t0 + phase.endOffsetNanos()).toArray();
    Schedule schedule = new Schedule(profile);
    PhaseAnnouncer announcer = new PhaseAnnouncer(settings.name(), profile, settings.events(), t0);
    long now = System.nanoTime();
    while (!run.halted()) {
      announcer.announce(schedule.sequence(), now);
      long target;
      if (schedule.hasNext()) {
        long due = t0 + schedule.nextOffsetNanos();
        if (now - due >= 0) {
          now = send(schedule, due, phaseEnds);
          continue;
        }
        target = earliest(due, announcer.nextAnnouncement(schedule.sequence(), due));
      } else if (announcer.pending()) {
        target = announcer.nextAnnouncement(schedule.sequence(), planEnd);
      } else {
        run.waitUntil(planEnd);
        break;
      }
      if (!run.waitUntil(target)) {
        break;
      }
      now = System.nanoTime();
    }
    if (async != null) {
      while (!run.halted() && async.finishedCount() < stats.sent()) {
        run.waitUntil(System.nanoTime() + COMPLETION_POLL_NANOS);
      }
    }
  }

  private long send(Schedule schedule, long due, long[] phaseEnds) {
    long sequence = schedule.sequence();
    int phase = schedule.phase();
    schedule.advance();
    Message message = new Message(sequence, settings.keys().key(settings.seed(), sequence), due);
    long start = System.nanoTime(); // not the loop's now: the send starts after the announcements
    stats.started(phase, due, start, phaseEnds[phase]);
    long end =
        async == null
            ? Sends.sync(run, settings.sender(), message, stats, phase, start)
            : Sends.async(run, settings.asyncSender(), message, async, stats, phase, start);
    if (schedule.hasNext()) {
      // held: the target kept the caller for at least the gap between this message and the next (a
      // burst has none). A quick send never lasts a whole gap, however fast the rate, and a driver
      // that is merely late (a busy machine) is late outside the target's calls.
      long gap = t0OfRun + schedule.nextOffsetNanos() - due;
      stats.held(phase, gap > 0 && end - start >= gap);
    }
    if (Thread.interrupted() && !run.halted()) {
      run.halt(Ending.STOPPED, "the driver thread was interrupted");
    }
    if (end - run.deadline() >= 0 && schedule.hasNext()) {
      run.haltAtDeadline();
    }
    return end;
  }

  static long earliest(long a, long b) {
    return a - b <= 0 ? a : b;
  }

  @Override
  public void interruptSenders(Thread driverThread) {
    if (Thread.currentThread() != driverThread) {
      driverThread.interrupt();
    }
  }

  @Override
  public int aliveSenderThreads() {
    return 0;
  }

  @Override
  public boolean sendsOnDriverThread() {
    return true;
  }

  @Override
  public List<SendStats> stats() {
    return List.of(stats);
  }

  @Override
  public AsyncOutcomes async() {
    return async;
  }

  @Override
  public long maxWaitingForSender() {
    return 0;
  }
}
