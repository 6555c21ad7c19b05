package dev.spillway.toolkit.load;

import java.util.ArrayDeque;
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

  /**
   * The slow sends, [start, end, held one yet], that may still hold a message up: those that ended
   * after the due time of the message sent last (a driver several sends behind sends messages that
   * fell due during an earlier send, not only during the last one).
   */
  private final ArrayDeque<long[]> slowSends = new ArrayDeque<>();

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
    // held: it fell due during a slow send, one that stayed inside the target for at least the gap
    // to the message after it: the target held the caller up — also when the driver was already
    // behind, sending messages that fell due during earlier slow sends (a target that blocks on
    // every send keeps the driver behind for as long as it blocks). A message overdue because the
    // driver itself woke late fell due while no send was running, and a quick send never lasts a
    // whole gap, however fast the rate.
    while (!slowSends.isEmpty() && slowSends.peekFirst()[1] - due < 0) {
      slowSends
          .pollFirst(); // ended before this message fell due, and every later one falls due later
    }
    long[] holding = slowSends.peekFirst();
    boolean held = holding != null && due - holding[0] > 0;
    long start = System.nanoTime(); // not the loop's now: the send starts after the announcements
    stats.started(phase, due, start, phaseEnds[phase], held);
    if (held && holding[2] == 0) {
      holding[2] = 1; // the first message this slow send held up
      stats.holdingSend(phase);
    }
    long end =
        async == null
            ? Sends.sync(run, settings.sender(), message, stats, phase, start)
            : Sends.async(run, settings.asyncSender(), message, async, stats, phase, start);
    if (schedule.hasNext()) {
      // a slow send: it lasted at least the gap between this message and the next, and the next
      // had fallen due by its end
      long nextDue = t0OfRun + schedule.nextOffsetNanos();
      if (end - nextDue >= 0 && end - start >= nextDue - due) {
        slowSends.addLast(new long[] {start, end, 0}); // start, end, whether it held one yet
      }
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
