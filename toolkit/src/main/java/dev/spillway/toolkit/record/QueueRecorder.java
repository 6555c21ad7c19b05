package dev.spillway.toolkit.record;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import dev.spillway.toolkit.probe.QueueProbe;
import dev.spillway.toolkit.util.Preconditions;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.apiguardian.api.API;

/**
 * Samples the depth of any number of {@link QueueProbe}s on one daemon thread at a fixed interval,
 * and records the {@link TraceEvent}s of the run; {@link #stop()} returns what it saw as an
 * immutable {@link QueueTrace}.
 *
 * <pre>{@code
 * QueueRecorder recorder = QueueRecorder.sampling(queue.probe()).every(Duration.ofMillis(1)).start();
 * ... // drive load; a sentinel or driver reports events to the recorder (it is an EventSink)
 * QueueTrace trace = recorder.stop();
 * Growth growth = trace.series("orders").growth();
 * }</pre>
 *
 * <p><b>Pacing.</b> Ticks are due at {@code start + k · interval} ({@link System#nanoTime()}
 * deadlines), so lateness never accumulates. On this kind of machine a park wakes ~50–60 µs late,
 * so each sample is typically that late; when the thread falls more than one interval behind (a
 * slow probe, a busy machine) it skips the missed ticks and counts them ({@link
 * QueueTrace#skippedTicks()}) instead of sampling in a burst. All probes are read at each tick, one
 * after the other; each sample's time is the midpoint of the probe's read.
 *
 * <p><b>Bounded memory.</b> Each probe keeps at most {@code maxSamplesPerProbe} points in two
 * primitive arrays (16 bytes a point). When they are full, neighbouring pairs of points are merged
 * into the one with the larger depth and from then on each point holds the largest of twice as many
 * samples, so memory stays bounded for any run length and the sampled high-water mark is never lost
 * (see {@link DepthSeries}). Events are kept up to {@code maxEvents}; later ones are counted as
 * dropped.
 *
 * <p><b>Failing probes.</b> A probe that throws (or returns a negative depth) costs that probe that
 * sample, not the recorder: the failure is counted in its series, and a {@link TraceEvent.Kind#MARK
 * MARK} event is recorded when a streak of failures starts and when the probe recovers. Only a
 * {@link VirtualMachineError} (out of memory, stack overflow) ends the sampling thread.
 *
 * <p>A recorder runs once: {@link #start()}, then {@link #stop()} (or {@link #close()}); it cannot
 * be restarted. Events may be recorded before it starts; those recorded after it stopped are
 * counted as dropped.
 *
 * <p>Thread-safety: all methods are thread-safe. {@link #record(TraceEvent)} never blocks on the
 * sampling thread for longer than one append.
 */
@API(status = EXPERIMENTAL, since = "0.1")
public final class QueueRecorder implements EventSink, AutoCloseable {

  private static final System.Logger LOG = System.getLogger(QueueRecorder.class.getName());

  /** The probe the sampling thread is reading now, or -1: named when the thread will not stop. */
  private volatile int reading = -1;

  /** The default sampling interval: 1 ms. */
  public static final Duration DEFAULT_INTERVAL = Duration.ofMillis(1);

  /** The shortest sampling interval accepted: 100 µs. */
  public static final Duration MIN_INTERVAL = Duration.ofNanos(100_000);

  /** The longest sampling interval accepted: 1 s. */
  public static final Duration MAX_INTERVAL = Duration.ofSeconds(1);

  /** The default bound on the points kept per probe: 100,000 (1.6 MB a probe). */
  public static final int DEFAULT_MAX_SAMPLES_PER_PROBE = 100_000;

  /** The smallest bound on points per probe accepted: 16. */
  public static final int MIN_MAX_SAMPLES_PER_PROBE = 16;

  /** The largest bound on points per probe accepted: 50,000,000 (800 MB a probe). */
  public static final int MAX_MAX_SAMPLES_PER_PROBE = 50_000_000;

  /** The default bound on the events kept: 10,000. */
  public static final int DEFAULT_MAX_EVENTS = 10_000;

  /** The largest bound on events accepted: 1,000,000. */
  public static final int MAX_MAX_EVENTS = 1_000_000;

  private enum State {
    NEW,
    RUNNING,
    STOPPED
  }

  private final String name;
  private final long intervalNanos;
  private final List<ProbeTrack> tracks;

  private final Object lock = new Object(); // guards state, tracks, skipped, thread, finalTrace
  private State state = State.NEW;
  private Thread thread;
  private long startNanos;
  private Instant startTime;
  private long skippedTicks;
  private QueueTrace finalTrace;
  private volatile boolean stopping;

  private final EventBuffer events;

  private QueueRecorder(Builder b) {
    this.name = b.name;
    this.intervalNanos = b.interval.toNanos();
    this.events = new EventBuffer(b.maxEvents);
    List<ProbeTrack> t = new ArrayList<>();
    for (QueueProbe p : b.probes) {
      t.add(new ProbeTrack(p, b.maxSamplesPerProbe));
    }
    this.tracks = List.copyOf(t);
  }

  /**
   * Starts describing a recorder of these probes (names must be unique).
   *
   * @param first a probe; not null
   * @param more more probes; none null
   */
  public static Builder sampling(QueueProbe first, QueueProbe... more) {
    Preconditions.notNull(more, "probes");
    List<QueueProbe> all = new ArrayList<>();
    all.add(first);
    all.addAll(Arrays.asList(more));
    return sampling(all); // checks each probe, naming its position
  }

  /**
   * Starts describing a recorder of these probes.
   *
   * @param probes at least one probe, none null, names unique
   */
  public static Builder sampling(List<? extends QueueProbe> probes) {
    Preconditions.notEmpty(probes, "probes");
    Set<String> names = new HashSet<>();
    for (int i = 0; i < probes.size(); i++) {
      QueueProbe p = Preconditions.notNull(probes.get(i), "probes[" + i + "]");
      String n = Preconditions.notBlank(p.name(), "probes[" + i + "] name");
      Preconditions.check(names.add(n), "probe name", "unique in a recorder", n);
    }
    return new Builder(
        List.copyOf(probes),
        "recorder",
        DEFAULT_INTERVAL,
        DEFAULT_MAX_SAMPLES_PER_PROBE,
        DEFAULT_MAX_EVENTS);
  }

  /**
   * Starts the sampling thread; the first sample is taken at once.
   *
   * @return this recorder
   * @throws IllegalStateException when it was already started
   */
  public QueueRecorder start() {
    synchronized (lock) {
      if (state != State.NEW) {
        throw new IllegalStateException(
            "recorder '" + name + "' was already started; a recorder runs once");
      }
      startTime = Instant.now();
      startNanos = System.nanoTime();
      thread = new Thread(this::run, "spillway-recorder-" + name);
      thread.setDaemon(true);
      state = State.RUNNING;
      thread.start();
    }
    return this;
  }

  /** Whether the sampling thread is running. */
  public boolean isRunning() {
    synchronized (lock) {
      return state == State.RUNNING && thread.isAlive();
    }
  }

  /** The recorder's name (its thread is {@code spillway-recorder-<name>}). */
  public String name() {
    return name;
  }

  /** The sampling interval. */
  public Duration interval() {
    return Duration.ofNanos(intervalNanos);
  }

  /**
   * What was recorded so far, while the recording goes on (or the final trace once stopped).
   *
   * @throws IllegalStateException when the recorder was never started
   */
  public QueueTrace snapshot() {
    synchronized (lock) {
      if (state == State.NEW) {
        throw new IllegalStateException("recorder '" + name + "' has not been started");
      }
      if (state == State.STOPPED) {
        return finalTrace;
      }
      return trace(System.nanoTime());
    }
  }

  /**
   * Stops sampling, waits for the sampling thread to end, and returns the final trace. Calling it
   * again returns the same trace. If the calling thread is interrupted while waiting, its interrupt
   * flag is restored and the trace is returned at once (the sampling thread, a daemon, ends on its
   * own and adds nothing more).
   *
   * @throws IllegalStateException when the recorder was never started
   */
  public QueueTrace stop() {
    Thread sampler;
    synchronized (lock) {
      if (state == State.NEW) {
        throw new IllegalStateException("recorder '" + name + "' has not been started");
      }
      if (state == State.STOPPED) {
        return finalTrace;
      }
      stopping = true;
      sampler = thread;
    }
    LockSupport.unpark(sampler);
    awaitEnd(sampler);
    synchronized (lock) {
      if (state != State.STOPPED) {
        long end = System.nanoTime();
        events.close();
        finalTrace = trace(end);
        state = State.STOPPED;
      }
      return finalTrace;
    }
  }

  /** Stops the recorder if it runs; does nothing if it never started or already stopped. */
  @Override
  public void close() {
    synchronized (lock) {
      if (state != State.RUNNING) {
        return;
      }
    }
    stop();
  }

  /**
   * Records {@code event} on the run's timeline; counted as dropped when the event buffer is full
   * or the recorder has stopped.
   */
  @Override
  public void record(TraceEvent event) {
    events.add(Preconditions.notNull(event, "event"));
  }

  /** Records a {@link TraceEvent.Kind#MARK MARK} event now, from this recorder. */
  public void mark(String detail) {
    record(TraceEvent.now(TraceEvent.Kind.MARK, name, Preconditions.notNull(detail, "detail")));
  }

  @Override
  public String toString() {
    synchronized (lock) {
      return "QueueRecorder[name="
          + name
          + ", interval="
          + interval()
          + ", probes="
          + tracks.stream().map(t -> t.name).toList()
          + ", state="
          + state
          + "]";
    }
  }

  /** Builds the trace up to {@code endNanos}; call with the lock held. */
  private QueueTrace trace(long endNanos) {
    List<DepthSeries> series = new ArrayList<>(tracks.size());
    for (ProbeTrack t : tracks) {
      series.add(t.toSeries());
    }
    return new QueueTrace(
        name,
        startTime,
        startNanos,
        Duration.ofNanos(Math.max(0, endNanos - startNanos)),
        interval(),
        series,
        events.events(),
        events.dropped(),
        skippedTicks);
  }

  private void awaitEnd(Thread sampler) {
    long graceMillis = Math.max(1000, 3 * intervalNanos / 1_000_000);
    try {
      sampler.join(graceMillis);
      if (sampler.isAlive()) {
        sampler.interrupt(); // a probe stuck in an interruptible call
        sampler.join(graceMillis);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return;
    }
    if (sampler.isAlive()) {
      int probe = reading;
      LOG.log(
          System.Logger.Level.WARNING,
          "recorder ''{0}'': its sampling thread {1} did not stop within {2} ms{3}; the trace ends"
              + " here and the thread is left running (a daemon)",
          name,
          sampler.getName(),
          String.valueOf(2 * graceMillis),
          probe >= 0 ? ", blocked reading probe '" + tracks.get(probe).probe.name() + "'" : "");
    }
  }

  private void run() {
    long next;
    synchronized (lock) {
      next = startNanos;
    }
    int n = tracks.size();
    long[] times = new long[n];
    long[] depths = new long[n];
    String[] failures = new String[n];
    while (!stopping && !Thread.currentThread().isInterrupted()) {
      long wait = next - System.nanoTime();
      if (wait > 0) {
        LockSupport.parkNanos(this, wait);
        continue;
      }
      for (int i = 0; i < n; i++) {
        reading = i;
        read(tracks.get(i).probe, i, times, depths, failures);
      }
      reading = -1;
      next += intervalNanos;
      long behind = System.nanoTime() - next;
      long missed = behind > intervalNanos ? behind / intervalNanos : 0;
      next += missed * intervalNanos;
      if (!store(times, depths, failures, missed)) {
        return;
      }
    }
  }

  private void read(QueueProbe probe, int i, long[] times, long[] depths, String[] failures) {
    long before = System.nanoTime();
    String failure = null;
    long depth = 0;
    try {
      depth = probe.depth();
      if (depth < 0) {
        failure = "returned a negative depth " + depth;
      }
    } catch (Exception | LinkageError | AssertionError e) {
      failure =
          e.getMessage() == null
              ? e.toString()
              : e.getClass().getSimpleName() + ": " + e.getMessage();
    }
    long after = System.nanoTime();
    times[i] = before + (after - before) / 2;
    depths[i] = depth;
    failures[i] = failure;
  }

  /** Stores one tick's readings; returns false when the recorder has stopped meanwhile. */
  private boolean store(long[] times, long[] depths, String[] failures, long missed) {
    List<TraceEvent> notes = null;
    synchronized (lock) {
      if (state != State.RUNNING) {
        return false;
      }
      skippedTicks += missed;
      for (int i = 0; i < tracks.size(); i++) {
        ProbeTrack t = tracks.get(i);
        if (failures[i] == null) {
          long streak = t.add(times[i] - startNanos, depths[i]);
          if (streak > 0) {
            notes =
                note(
                    notes, times[i], t.name, "probe recovered after " + streak + " failed samples");
          }
        } else if (t.fail(failures[i])) {
          notes = note(notes, times[i], t.name, "probe failed: " + failures[i]);
        }
      }
    }
    if (notes != null) {
      notes.forEach(this::record);
    }
    return true;
  }

  private static List<TraceEvent> note(List<TraceEvent> notes, long at, String probe, String what) {
    List<TraceEvent> list = notes == null ? new ArrayList<>() : notes;
    list.add(new TraceEvent(at, TraceEvent.Kind.MARK, probe, what));
    return list;
  }

  /**
   * An immutable description of a recorder; {@link #start()} builds and starts one. Every setting
   * is checked when it is given.
   */
  public static final class Builder {
    private final List<QueueProbe> probes;
    private final String name;
    private final Duration interval;
    private final int maxSamplesPerProbe;
    private final int maxEvents;

    private Builder(
        List<QueueProbe> probes,
        String name,
        Duration interval,
        int maxSamplesPerProbe,
        int maxEvents) {
      this.probes = probes;
      this.name = name;
      this.interval = interval;
      this.maxSamplesPerProbe = maxSamplesPerProbe;
      this.maxEvents = maxEvents;
    }

    /** Names the recorder (default {@code "recorder"}); the name appears in its thread's name. */
    public Builder named(String name) {
      Preconditions.notBlank(name, "recorder name");
      return new Builder(probes, name, interval, maxSamplesPerProbe, maxEvents);
    }

    /** Samples every {@code interval}, from 100 µs to 1 s (default 1 ms). */
    public Builder every(Duration interval) {
      Preconditions.inRange(interval, MIN_INTERVAL, MAX_INTERVAL, "sampling interval");
      return new Builder(probes, name, interval, maxSamplesPerProbe, maxEvents);
    }

    /** Samples every {@code amount} {@code unit}s, from 100 µs to 1 s (default 1 ms). */
    public Builder every(long amount, TimeUnit unit) {
      Preconditions.notNull(unit, "time unit");
      return every(Duration.of(amount, unit.toChronoUnit()));
    }

    /**
     * Keeps at most {@code max} points per probe, from 16 to 50,000,000 (default 100,000), by
     * downsampling when full.
     */
    public Builder maxSamplesPerProbe(int max) {
      Preconditions.inRange(
          max, MIN_MAX_SAMPLES_PER_PROBE, MAX_MAX_SAMPLES_PER_PROBE, "max samples per probe");
      return new Builder(probes, name, interval, max, maxEvents);
    }

    /** Keeps at most {@code max} events, from 0 to 1,000,000 (default 10,000). */
    public Builder maxEvents(int max) {
      Preconditions.inRange(max, 0, MAX_MAX_EVENTS, "max events");
      return new Builder(probes, name, interval, maxSamplesPerProbe, max);
    }

    /** A recorder with these settings, not started yet. */
    public QueueRecorder build() {
      return new QueueRecorder(this);
    }

    /** A recorder with these settings, started. */
    public QueueRecorder start() {
      return build().start();
    }

    @Override
    public String toString() {
      return "QueueRecorder.Builder[probes="
          + probes.stream().map(QueueProbe::name).toList()
          + ", name="
          + name
          + ", interval="
          + interval
          + ", maxSamplesPerProbe="
          + maxSamplesPerProbe
          + ", maxEvents="
          + maxEvents
          + "]";
    }
  }
}
