package dev.spillway.toolkit.autopsy;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import dev.spillway.toolkit.autopsy.internal.Analysis;
import dev.spillway.toolkit.autopsy.internal.EventLog;
import dev.spillway.toolkit.autopsy.internal.JfrRecorder;
import dev.spillway.toolkit.util.Durations;
import dev.spillway.toolkit.util.Preconditions;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;
import org.apiguardian.api.API;

/**
 * Records what chosen threads — a queue's consumers — do, with the JDK Flight Recorder in-process
 * (a {@code jdk.jfr.consumer.RecordingStream}; no sampler of its own), and reports where their time
 * went ({@link AutopsyReport}).
 *
 * <pre>{@code
 * Autopsy autopsy = Autopsy.every(Duration.ofMillis(10)).start();
 * autopsy.watchThreads(t -> t.getName().startsWith("orders-consumer"));
 * // ... flood the component
 * AutopsyReport report = autopsy.stop();
 * }</pre>
 *
 * <h2>What is recorded</h2>
 *
 * <ul>
 *   <li><b>Execution samples</b> ({@code jdk.ExecutionSample}, and {@code jdk.NativeMethodSample}
 *       for threads in native code) every sample period ({@link #DEFAULT_SAMPLE_PERIOD} 10 ms by
 *       default). A thread running all the time gives at most one sample per period: 100 per second
 *       at 10 ms, so a method's share of the running time from {@code n} samples is known to about
 *       ±√(p(1−p)/n) (±5 points at 100 samples); JFR samples only a few threads per period (5 in
 *       Java code on JDK 17), so watching more busy threads than that lowers each one's rate.
 *   <li><b>Waits</b>, with their stacks and exact durations, however short (threshold 0): {@code
 *       jdk.ThreadSleep}, {@code jdk.ThreadPark}, {@code jdk.JavaMonitorEnter}, {@code
 *       jdk.JavaMonitorWait}. A wait still in progress when the recording stops has no event yet:
 *       its time shows as {@link TimeShares#other()}, never as running.
 *   <li><b>Collections</b> of the whole JVM ({@code jdk.GarbageCollection}: the sum of its pauses;
 *       {@code jdk.GCHeapSummary}: the heap used after it) and <b>allocation samples</b> of the
 *       watched threads ({@code jdk.ObjectAllocationSample}, JDK 16+, whose weights estimate the
 *       bytes allocated).
 * </ul>
 *
 * <h2>Where the time goes: the application frame</h2>
 *
 * <p>Each sample and each wait goes to the first frame of its stack, from the top, whose class is
 * outside the JDK ({@code java.}, {@code javax.}, {@code jdk.}, {@code sun.}, {@code com.sun.}) and
 * Spillway's own code that runs inside consumers ({@code dev.spillway.toolkit.inject.}, {@code
 * dev.spillway.junit.internal.}): a consumer sleeping in {@code Thread.sleep} inside {@code
 * OrderRepository.insert} counts for {@code OrderRepository.insert}, and the report says it was
 * mostly in {@code Thread.sleep} ({@link MethodShare#mostlyIn()}); a sample whose top frame is the
 * method itself is its own time ({@link MethodShare#selfShare()}). A stack made only of such frames
 * goes to its first frame outside the JDK (a harness consumer idle in {@code take()}: {@code
 * ConsumerLoop.loop}), or to its top frame. A sample stands for the thread's time outside recorded
 * waits, up to its last sample or wait, divided by its samples; the time after a thread's last
 * event (a wait still in progress when the recording stopped) is {@link TimeShares#other()}.
 *
 * <h2>Limits</h2>
 *
 * <p>When the JVM has no Flight Recorder (no {@code jdk.jfr} module, or JFR disabled) the report
 * says so ({@link AutopsyReport#unavailable()}) and holds no figures. With fewer than {@link
 * #MIN_SAMPLES} samples in the window, the running time is not split between methods. Events this
 * JVM lacks, stacks JFR truncated, events beyond the log's capacity and a stream that did not
 * deliver its last events are named in {@link AutopsyReport#limits()}. Starting JFR the first time
 * in a JVM takes a few hundred milliseconds; start the autopsy before the load.
 *
 * <p>Thread-safe: threads may be registered from any thread at any time.
 */
@API(status = EXPERIMENTAL, since = "0.1")
public final class Autopsy implements AutoCloseable {

  /** The default period of the execution samples: 10 ms. */
  public static final Duration DEFAULT_SAMPLE_PERIOD = Duration.ofMillis(10);

  /** The shortest sample period: 1 ms. */
  public static final Duration MIN_SAMPLE_PERIOD = Duration.ofMillis(1);

  /** The longest sample period: 1 s. */
  public static final Duration MAX_SAMPLE_PERIOD = Duration.ofSeconds(1);

  /** How many methods a report ranks. */
  public static final int TOP_METHODS = 10;

  /** The fewest samples in a window for its running time to be split between methods. */
  public static final int MIN_SAMPLES = 20;

  /** How long {@link #stop()} waits for the stream's last events. */
  public static final Duration STOP_TIMEOUT = Duration.ofSeconds(3);

  /** How often the threads are scanned for those a {@link #watchThreads} predicate accepts. */
  public static final Duration THREAD_SCAN = Duration.ofMillis(20);

  /** The most samples, waits and allocation samples kept (about 50 bytes each). */
  public static final int CAPACITY = 500_000;

  private enum State {
    NEW,
    RECORDING,
    STOPPED
  }

  private final Duration samplePeriod;
  private final Map<Long, String> registered = new ConcurrentHashMap<>();
  private final Map<Long, Long> registeredAt = new ConcurrentHashMap<>();
  private final List<Predicate<Thread>> predicates = new CopyOnWriteArrayList<>();
  private final Map<Long, Boolean> decided = new ConcurrentHashMap<>();
  private final EventLog log = new EventLog(CAPACITY);
  private final List<String> limits = new ArrayList<>();
  private State state = State.NEW;
  private JfrRecorder recorder;
  private Thread scanner;
  private String unavailable;
  private long startedAt;
  private long stoppedAt;

  private Autopsy(Duration samplePeriod) {
    this.samplePeriod = samplePeriod;
  }

  /**
   * An autopsy (not started) that samples every {@code samplePeriod}.
   *
   * @param samplePeriod in [{@link #MIN_SAMPLE_PERIOD}, {@link #MAX_SAMPLE_PERIOD}]
   */
  public static Autopsy every(Duration samplePeriod) {
    Preconditions.inRange(samplePeriod, MIN_SAMPLE_PERIOD, MAX_SAMPLE_PERIOD, "sample period");
    return new Autopsy(samplePeriod);
  }

  /**
   * Why an autopsy cannot record in this JVM (no {@code jdk.jfr} module, or the Flight Recorder not
   * available); empty when it can.
   */
  public static Optional<String> unavailableReason() {
    try {
      Class.forName("jdk.jfr.FlightRecorder", false, Autopsy.class.getClassLoader());
    } catch (ClassNotFoundException | LinkageError e) {
      return Optional.of("this JVM has no jdk.jfr module");
    }
    try {
      return JfrRecorder.unavailableReason();
    } catch (LinkageError e) {
      return Optional.of("the Flight Recorder cannot be loaded: " + e);
    }
  }

  /** The period of the execution samples. */
  public Duration samplePeriod() {
    return samplePeriod;
  }

  /**
   * Starts recording. When JFR cannot record, nothing starts and {@link #stop()} returns a report
   * saying why.
   *
   * @throws IllegalStateException when it has started already
   */
  public synchronized Autopsy start() {
    Preconditions.check(state == State.NEW, "autopsy", "started once", "started already");
    state = State.RECORDING;
    startedAt = now();
    Optional<String> why = unavailableReason();
    if (why.isPresent()) {
      unavailable = why.get();
      return this;
    }
    try {
      recorder = JfrRecorder.start(samplePeriod, this::watches, log);
    } catch (RuntimeException | LinkageError e) {
      unavailable = "the Flight Recorder refused to start: " + e;
      return this;
    }
    startedAt = now();
    scan();
    startScanning();
    return this;
  }

  /** Watches {@code thread} from now on (or from the start of the recording, if later). */
  public Autopsy watch(Thread thread) {
    Preconditions.notNull(thread, "thread");
    long id = thread.getId();
    if (registered.putIfAbsent(id, thread.getName()) == null) {
      registeredAt.put(id, now());
    }
    return this;
  }

  /** Watches the calling thread from now on; see {@link #watch(Thread)}. */
  public Autopsy watchCurrentThread() {
    return watch(Thread.currentThread());
  }

  /**
   * Watches every live thread {@code which} accepts, from when it is first seen: a thread of the
   * autopsy ({@code spillway-autopsy-threads}) asks it of each new thread every {@link
   * #THREAD_SCAN} while recording (once per thread), so a thread that lives shorter than that may
   * be missed.
   */
  public Autopsy watchThreads(Predicate<Thread> which) {
    Preconditions.notNull(which, "thread predicate");
    predicates.add(which);
    decided.clear();
    synchronized (this) {
      if (state == State.RECORDING && recorder != null) {
        scan();
        startScanning();
      }
    }
    return this;
  }

  /** Registers the live threads a predicate accepts that were not asked about yet. */
  private void scan() {
    if (predicates.isEmpty()) {
      return;
    }
    for (Thread thread : LiveThreads.all()) {
      long id = thread.getId();
      if (registered.containsKey(id) || decided.containsKey(id)) {
        continue;
      }
      boolean accepted = false;
      for (Predicate<Thread> p : predicates) {
        accepted |= p.test(thread);
      }
      decided.put(id, accepted);
      if (accepted) {
        watch(thread);
      }
    }
  }

  private void startScanning() {
    if (scanner != null || predicates.isEmpty()) {
      return;
    }
    scanner =
        new Thread(
            () -> {
              while (!Thread.currentThread().isInterrupted()) {
                scan();
                try {
                  Thread.sleep(THREAD_SCAN.toMillis());
                } catch (InterruptedException e) {
                  return; // stopped
                }
              }
            },
            "spillway-autopsy-threads");
    scanner.setDaemon(true);
    scanner.start();
  }

  private void stopScanning() {
    Thread s = scanner;
    if (s != null) {
      s.interrupt();
      try {
        s.join(1_000);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }

  /** Whether the thread {@code id} is watched. */
  private boolean watches(long id) {
    return registered.containsKey(id);
  }

  /**
   * Stops recording, once the stream has delivered its events (at most {@link #STOP_TIMEOUT}), and
   * returns the report of the whole recording.
   *
   * @throws IllegalStateException when it is not recording
   */
  public AutopsyReport stop() {
    synchronized (this) {
      Preconditions.check(
          state == State.RECORDING, "autopsy", "recording to be stopped", state.name());
      state = State.STOPPED;
      stoppedAt = now();
      stopScanning();
      if (recorder != null) {
        try {
          limits.addAll(recorder.stop(STOP_TIMEOUT));
        } catch (InterruptedException e) {
          recorder.close();
          Thread.currentThread().interrupt();
          limits.add("the stop was interrupted: the figures may miss the end of the window");
        }
      }
    }
    return report(Instant.ofEpochSecond(0, startedAt), Instant.ofEpochSecond(0, stoppedAt));
  }

  /**
   * The report of the window {@code [from, to)}, clipped to the recording; once stopped.
   *
   * @throws IllegalStateException when it has not stopped
   * @throws IllegalArgumentException when {@code to} is before {@code from}
   */
  public synchronized AutopsyReport report(Instant from, Instant to) {
    Preconditions.check(state == State.STOPPED, "autopsy", "stopped to report", state.name());
    Preconditions.notNull(from, "window start");
    Preconditions.notNull(to, "window end");
    Preconditions.check(!to.isBefore(from), "window end", "not before its start " + from, to);
    if (unavailable != null) {
      return AutopsyReport.unavailable(unavailable, samplePeriod);
    }
    long start = Math.max(startedAt, nanos(from));
    long end = Math.max(start, Math.min(stoppedAt, nanos(to)));
    Analysis.Registrations registrations =
        new Analysis.Registrations() {
          @Override
          public long registeredAt(long thread) {
            return registeredAt.getOrDefault(thread, Long.MIN_VALUE);
          }

          @Override
          public Map<Long, String> registered() {
            return Map.copyOf(registered);
          }
        };
    return Analysis.report(
        log.contents(),
        start,
        end,
        samplePeriod,
        TOP_METHODS,
        MIN_SAMPLES,
        registrations,
        recorder.measuresAllocation(),
        limits);
  }

  /** When the recording started; empty before it has. */
  public synchronized Optional<Instant> startedAt() {
    return state == State.NEW ? Optional.empty() : Optional.of(Instant.ofEpochSecond(0, startedAt));
  }

  /** Stops the recording, if it runs, without a report. */
  @Override
  public synchronized void close() {
    if (state == State.RECORDING) {
      state = State.STOPPED;
      stoppedAt = now();
      stopScanning();
      if (recorder != null) {
        recorder.close();
      }
    }
  }

  private static long now() {
    return nanos(Instant.now());
  }

  private static long nanos(Instant at) {
    return at.getEpochSecond() * 1_000_000_000L + at.getNano();
  }

  @Override
  public synchronized String toString() {
    return "Autopsy[samplePeriod="
        + Durations.format(samplePeriod)
        + ", state="
        + state
        + ", threads="
        + registered.values()
        + ", predicates="
        + predicates.size()
        + (unavailable != null ? ", unavailable=" + unavailable : "")
        + "]";
  }
}
