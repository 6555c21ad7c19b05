package dev.spillway.toolkit.load;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Sends through a bounded pool of sender threads ({@link SendMode#POOL}). The driver thread
 * releases each message to the pool at its intended time (a permit per message); a free sender
 * claims the next sequence number and sends it. When every sender is busy, due messages wait for
 * one: the driver never waits for them, it records how many were waiting, and each message's
 * lateness and latency still count from its intended time. Messages live only as sequence numbers,
 * so a backlog costs no memory.
 */
final class PoolEngine implements Engine {

  /** Keeps the semaphore's int permit count from overflowing under an enormous backlog. */
  private static final long MAX_RELEASED_BACKLOG = 1L << 30;

  private static final long POLL_NANOS = TimeUnit.MILLISECONDS.toNanos(1);
  private static final long JOIN_BUDGET_NANOS =
      DriverRun.STOP_TIMEOUT_NANOS - TimeUnit.MILLISECONDS.toNanos(50);

  private final DriverRun run;
  private final DriverSettings settings;
  private final LoadProfile profile;
  private final Semaphore permits = new Semaphore(0);
  private final AtomicLong claimed = new AtomicLong();
  private final Thread[] workers;
  private final List<SendStats> stats;
  private long released;
  private volatile long maxWaiting;

  PoolEngine(DriverRun run) {
    this.run = run;
    this.settings = run.settings();
    this.profile = run.profile();
    int threads = settings.senderThreads();
    this.workers = new Thread[threads];
    List<SendStats> all = new ArrayList<>(threads);
    long threshold = settings.lateThreshold().toNanos();
    for (int i = 0; i < threads; i++) {
      SendStats own = new SendStats(profile.phases().size(), threshold);
      all.add(own);
      String name = "spillway-load-sender-" + settings.name() + "-" + i;
      Thread worker = new Thread(() -> work(own), name);
      worker.setDaemon(true);
      workers[i] = worker;
    }
    this.stats = List.copyOf(all);
  }

  @Override
  public void startThreads() {
    for (Thread worker : workers) {
      worker.start();
    }
  }

  @Override
  public void drive() {
    long t0 = run.t0();
    long planEnd = t0 + profile.plannedDurationNanos();
    Schedule schedule = new Schedule(profile);
    PhaseAnnouncer announcer = new PhaseAnnouncer(settings.name(), profile, settings.events(), t0);
    long now = System.nanoTime();
    while (!run.halted()) {
      announcer.announce(schedule.sequence(), now);
      long target;
      if (schedule.hasNext()) {
        long due = t0 + schedule.nextOffsetNanos();
        if (now - due >= 0) {
          if (releaseDue(schedule, announcer, t0, now) > 0) {
            continue;
          }
          target = now + POLL_NANOS; // the backlog cap is reached: wait for the senders
        } else {
          target = DirectEngine.earliest(due, announcer.nextAnnouncement(schedule.sequence(), due));
        }
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
    awaitWorkers();
  }

  /** Releases every message due by {@code now}, phase by phase; returns how many. */
  private long releaseDue(Schedule schedule, PhaseAnnouncer announcer, long t0, long now) {
    noteWaiting();
    long total = 0;
    long batch = 0;
    int phase = schedule.phase();
    long room = MAX_RELEASED_BACKLOG - (released - claimed.get());
    while (schedule.hasNext() && now - (t0 + schedule.nextOffsetNanos()) >= 0 && total < room) {
      if (schedule.phase() != phase) {
        release(batch);
        batch = 0;
        phase = schedule.phase();
        announcer.announce(schedule.sequence(), now);
      }
      schedule.advance();
      batch++;
      total++;
    }
    release(batch);
    return total;
  }

  private void release(long count) {
    if (count == 0) {
      return;
    }
    permits.release((int) count);
    released += count;
  }

  /**
   * Notes how many released messages no sender has claimed yet. Sampled before each round of
   * releases (at least one park after the previous round), so a free sender has had time to claim
   * its message: what is still waiting then waited because every sender was busy.
   */
  private void noteWaiting() {
    long waiting = released - claimed.get();
    if (waiting > maxWaiting) {
      maxWaiting = waiting;
    }
  }

  private void awaitWorkers() {
    if (!run.halted()) {
      permits.release(workers.length); // one stop permit per sender
      for (Thread worker : workers) {
        while (worker.isAlive() && run.waitUntil(System.nanoTime() + POLL_NANOS)) {
          noteWaiting(); // the deadline check is in waitUntil
        }
      }
    }
    if (run.halted()) {
      long giveUp = run.haltState().nanoTime() + JOIN_BUDGET_NANOS;
      for (Thread worker : workers) {
        joinUntil(worker, giveUp);
      }
    }
  }

  private static void joinUntil(Thread worker, long giveUp) {
    boolean interrupted = false;
    try {
      long remaining;
      while (worker.isAlive() && (remaining = giveUp - System.nanoTime()) > 0) {
        try {
          TimeUnit.NANOSECONDS.timedJoin(worker, remaining);
        } catch (InterruptedException e) {
          interrupted = true; // halting already; the flag is restored below
        }
      }
    } finally {
      if (interrupted) {
        Thread.currentThread().interrupt();
      }
    }
  }

  private void work(SendStats own) {
    long planned = profile.plannedMessages();
    long lastEnd = Long.MIN_VALUE;
    while (true) {
      // a message already waiting when this sender came free waited for a busy sender
      boolean waiting = permits.tryAcquire();
      if (!waiting) {
        try {
          permits.acquire();
        } catch (InterruptedException e) {
          run.halt(Ending.STOPPED, Thread.currentThread().getName() + " was interrupted");
          Thread.currentThread().interrupt();
          return;
        }
      }
      if (run.halted()) {
        return;
      }
      long sequence = claimed.getAndIncrement();
      if (sequence >= planned) {
        return;
      }
      long t0 = run.t0();
      LoadPhase phase = profile.phaseOfMessage(sequence);
      long due =
          t0
              + phase.startOffsetNanos()
              + phase.offsetInPhaseNanos(sequence - phase.firstMessageIndex());
      // held: it fell due while this sender was still in its previous send, no other sender was
      // free to take it (it was still waiting when this one came free), and it waited at least the
      // gap between two messages of its phase
      long start = System.nanoTime();
      boolean held =
          waiting
              && lastEnd != Long.MIN_VALUE
              && due - lastEnd <= 0
              && start - due >= gapNanos(phase);
      own.started(phase.index(), due, start, t0 + phase.endOffsetNanos(), held);
      if (held) {
        own.holdingSend(phase.index()); // this sender's previous send: it holds one message at most
      }
      Message message = new Message(sequence, settings.keys().key(settings.seed(), sequence), due);
      lastEnd = Sends.sync(run, settings.sender(), message, own, phase.index(), System.nanoTime());
      if (Thread.currentThread().isInterrupted()) {
        run.halt(Ending.STOPPED, Thread.currentThread().getName() + " was interrupted");
        return;
      }
    }
  }

  /** The mean gap between two messages of {@code phase}; 0 for a burst or a pause. */
  private static long gapNanos(LoadPhase phase) {
    double rate = phase.expectedRatePerSecond();
    return rate > 0 && Double.isFinite(rate) ? (long) (1e9 / rate) : 0;
  }

  @Override
  public void interruptSenders(Thread driverThread) {
    Thread current = Thread.currentThread();
    for (Thread worker : workers) {
      if (worker != current) {
        worker.interrupt();
      }
    }
    // the driver thread never blocks in the target in this mode: the halt unparks it
  }

  @Override
  public int aliveSenderThreads() {
    int alive = 0;
    for (Thread worker : workers) {
      if (worker.isAlive()) {
        alive++;
      }
    }
    return alive;
  }

  @Override
  public boolean sendsOnDriverThread() {
    return false;
  }

  @Override
  public List<SendStats> stats() {
    return stats;
  }

  @Override
  public AsyncOutcomes async() {
    return null;
  }

  @Override
  public long maxWaitingForSender() {
    return maxWaiting;
  }
}
