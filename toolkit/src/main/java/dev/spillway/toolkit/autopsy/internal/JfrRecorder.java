package dev.spillway.toolkit.autopsy.internal;

import static org.apiguardian.api.API.Status.INTERNAL;

import java.io.IOException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.LongPredicate;
import jdk.jfr.EventType;
import jdk.jfr.FlightRecorder;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordedStackTrace;
import jdk.jfr.consumer.RecordedThread;
import jdk.jfr.consumer.RecordingStream;
import org.apiguardian.api.API;

/**
 * The JFR side of an autopsy: a {@link RecordingStream} with execution samples (Java and native)
 * every sample period, the wait events with stack traces and no threshold, the collections with the
 * heap after each, allocation samples and thread ends; it keeps the events of the watched threads
 * in an {@link EventLog} as they stream in. The only class (with {@link EndMark}) that touches
 * {@code jdk.jfr}: load it only once {@link #unavailableReason()} has been asked through a class
 * that does not. Thread-safe.
 */
@API(status = INTERNAL, since = "0.1")
public final class JfrRecorder {

  /** The allocation samples JFR may take per second ({@code jdk.ObjectAllocationSample}). */
  static final String ALLOCATION_THROTTLE = "300/s";

  private static final AtomicLong TOKENS = new AtomicLong();

  private final RecordingStream stream;
  private final EventLog log;
  private final long token = TOKENS.incrementAndGet();
  private final CountDownLatch ended = new CountDownLatch(1);
  private final AtomicReference<String> failure = new AtomicReference<>();
  private final List<String> missing;

  private JfrRecorder(RecordingStream stream, EventLog log, List<String> missing) {
    this.stream = stream;
    this.log = log;
    this.missing = missing;
  }

  /** Why JFR cannot record in this JVM; empty when it can. */
  public static Optional<String> unavailableReason() {
    if (!FlightRecorder.isAvailable()) {
      return Optional.of("the Flight Recorder is not available in this JVM");
    }
    return Optional.empty();
  }

  /**
   * Starts a stream that keeps in {@code log} the events of the threads {@code watched} accepts (by
   * Java thread id).
   *
   * @throws IllegalStateException or another runtime exception when JFR refuses to start
   */
  public static JfrRecorder start(Duration samplePeriod, LongPredicate watched, EventLog log) {
    Set<String> known = new HashSet<>();
    for (EventType type : FlightRecorder.getFlightRecorder().getEventTypes()) {
      known.add(type.getName());
    }
    List<String> missing = new ArrayList<>();
    RecordingStream stream = new RecordingStream();
    JfrRecorder recorder = new JfrRecorder(stream, log, missing);
    try {
      recorder.configure(samplePeriod, watched, known);
      stream.startAsync();
    } catch (RuntimeException e) {
      stream.close();
      throw e;
    }
    return recorder;
  }

  private void configure(Duration period, LongPredicate watched, Set<String> known) {
    for (String sampler : List.of("jdk.ExecutionSample", "jdk.NativeMethodSample")) {
      if (enable(known, sampler)) {
        stream.enable(sampler).withPeriod(period).withStackTrace();
        stream.onEvent(sampler, e -> guarded(() -> sample(e, watched)));
      }
    }
    for (WaitKind kind : WaitKind.values()) {
      if (enable(known, kind.event())) {
        stream.enable(kind.event()).withThreshold(Duration.ZERO).withStackTrace();
        stream.onEvent(kind.event(), e -> guarded(() -> waited(e, kind, watched)));
      }
    }
    if (enable(known, "jdk.GarbageCollection")) {
      stream.enable("jdk.GarbageCollection");
      stream.onEvent(
          "jdk.GarbageCollection",
          e ->
              guarded(
                  () ->
                      log.collected(
                          e.getLong("gcId"),
                          nanos(e.getStartTime()),
                          e.getDuration("sumOfPauses").toNanos(),
                          e.getString("name"))));
    }
    if (enable(known, "jdk.GCHeapSummary")) {
      stream.enable("jdk.GCHeapSummary");
      stream.onEvent(
          "jdk.GCHeapSummary",
          e ->
              guarded(
                  () -> {
                    if ("After GC".equals(e.getString("when"))) {
                      log.heapAfter(e.getLong("gcId"), e.getLong("heapUsed"));
                    }
                  }));
    }
    if (enable(known, "jdk.ObjectAllocationSample")) {
      stream.enable("jdk.ObjectAllocationSample").with("throttle", ALLOCATION_THROTTLE);
      stream.onEvent(
          "jdk.ObjectAllocationSample",
          e ->
              guarded(
                  () -> {
                    RecordedThread t = e.getThread();
                    if (t != null && watched.test(t.getJavaThreadId())) {
                      log.allocated(
                          nanos(e.getStartTime()), t.getJavaThreadId(), e.getLong("weight"));
                    }
                  }));
    }
    if (enable(known, "jdk.ThreadEnd")) {
      stream.enable("jdk.ThreadEnd");
      stream.onEvent(
          "jdk.ThreadEnd",
          e ->
              guarded(
                  () -> {
                    RecordedThread t = e.getThread("thread");
                    if (t != null && watched.test(t.getJavaThreadId())) {
                      log.threadEnded(t.getJavaThreadId(), nanos(e.getStartTime()));
                    }
                  }));
    }
    stream.enable(EndMark.class);
    stream.onEvent(
        EndMark.NAME,
        e -> {
          if (e.getLong("token") == token) {
            ended.countDown();
          }
        });
    stream.onError(t -> failure.compareAndSet(null, "the JFR stream failed: " + t));
  }

  private boolean enable(Set<String> known, String event) {
    if (known.contains(event)) {
      return true;
    }
    missing.add(event);
    return false;
  }

  private void guarded(Runnable handler) {
    try {
      handler.run();
    } catch (RuntimeException e) { // a field this JVM names otherwise: say so, keep streaming
      failure.compareAndSet(null, "an event could not be read: " + e);
    }
  }

  private void sample(RecordedEvent e, LongPredicate watched) {
    RecordedThread t = e.getThread("sampledThread");
    if (t == null || !watched.test(t.getJavaThreadId())) {
      return;
    }
    log.thread(t.getJavaThreadId(), t.getJavaName());
    List<String> stack = frames(e.getStackTrace());
    log.sample(
        nanos(e.getStartTime()),
        t.getJavaThreadId(),
        Frames.application(stack),
        stack.isEmpty() ? null : stack.get(0));
  }

  private void waited(RecordedEvent e, WaitKind kind, LongPredicate watched) {
    RecordedThread t = e.getThread();
    if (t == null || !watched.test(t.getJavaThreadId())) {
      return;
    }
    log.thread(t.getJavaThreadId(), t.getJavaName());
    List<String> stack = frames(e.getStackTrace());
    log.waited(
        nanos(e.getStartTime()),
        nanos(e.getEndTime()),
        t.getJavaThreadId(),
        kind,
        Frames.application(stack),
        kind.waitsIn());
  }

  private List<String> frames(RecordedStackTrace trace) {
    if (trace == null) {
      return List.of();
    }
    List<String> names = new ArrayList<>();
    for (RecordedFrame f : trace.getFrames()) {
      if (f.getMethod() != null) {
        names.add(f.getMethod().getType().getName() + "." + f.getMethod().getName());
      }
    }
    if (trace.isTruncated()) {
      log.truncatedStack();
    }
    return names;
  }

  static long nanos(Instant at) {
    return at.getEpochSecond() * 1_000_000_000L + at.getNano();
  }

  /**
   * Stops the stream once it has delivered every event committed so far, waiting at most {@code
   * timeout}: JDK 20 and later stop it ({@code RecordingStream.stop()}, which delivers the rest);
   * JDK 17 to 19, which lack that method, dump the recording to a temporary file, which flushes the
   * stream. Closes the stream either way.
   *
   * @return what went wrong, one sentence each: events that may be missing at the end, events this
   *     JVM lacks, events that could not be read; empty when nothing did
   */
  public List<String> stop(Duration timeout) throws InterruptedException {
    List<String> problems = new ArrayList<>();
    try {
      EndMark mark = new EndMark();
      mark.token = token;
      mark.commit();
      Optional<Method> stop = stopMethod();
      if (stop.isPresent()) {
        stop.get().invoke(stream);
      } else {
        Path dump = Files.createTempFile("spillway-autopsy-", ".jfr");
        try {
          stream.dump(dump);
        } finally {
          Files.deleteIfExists(dump);
        }
      }
      if (!ended.await(timeout.toNanos(), TimeUnit.NANOSECONDS)) {
        problems.add(
            "the JFR stream did not deliver its last events within "
                + timeout.toMillis()
                + " ms of the stop: the figures may miss the end of the window");
      }
    } catch (IOException | IllegalAccessException | InvocationTargetException e) {
      problems.add(
          "the JFR stream could not be flushed at the stop ("
              + e
              + "): the figures may"
              + " miss the end of the window");
    } finally {
      stream.close();
    }
    for (String event : missing) {
      problems.add("this JVM has no " + event + " event: what it records is not measured");
    }
    String failed = failure.get();
    if (failed != null) {
      problems.add(failed);
    }
    return problems;
  }

  private static Optional<Method> stopMethod() {
    try {
      return Optional.of(RecordingStream.class.getMethod("stop"));
    } catch (NoSuchMethodException e) {
      return Optional.empty(); // JDK 17 to 19
    }
  }

  /** Whether this JVM has the allocation samples ({@code jdk.ObjectAllocationSample}). */
  public boolean measuresAllocation() {
    return !missing.contains("jdk.ObjectAllocationSample");
  }

  /** Closes the stream without waiting for its last events. */
  public void close() {
    stream.close();
  }
}
