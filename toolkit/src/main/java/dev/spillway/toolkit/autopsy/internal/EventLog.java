package dev.spillway.toolkit.autopsy.internal;

import static org.apiguardian.api.API.Status.INTERNAL;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apiguardian.api.API;

/**
 * The events of the watched threads (and the JVM's collections) an autopsy keeps, reduced to what
 * its report needs, with times in nanoseconds since the epoch. Bounded: beyond {@link #capacity()}
 * entries, further samples, waits and allocations are counted as dropped, not kept. Thread-safe
 * (the JFR stream's thread writes, the report reads after the stream stopped).
 */
@API(status = INTERNAL, since = "0.1")
public final class EventLog {

  /** An execution sample: the application frame and the top frame of its stack. */
  public record Sample(long at, long thread, String app, String top) {}

  /** A wait with its duration and the frames of its stack. */
  public record Wait(long start, long end, long thread, WaitKind kind, String app, String top) {}

  /** A garbage collection: its id, start, stop-the-world pauses and collector's name. */
  public record Gc(long id, long at, long pauseNanos, String name) {}

  /** An allocation sample: the bytes it weighs. */
  public record Alloc(long at, long thread, long bytes) {}

  private final int capacity;
  private final List<Sample> samples = new ArrayList<>();
  private final List<Wait> waits = new ArrayList<>();
  private final List<Gc> gcs = new ArrayList<>();
  private final List<Alloc> allocs = new ArrayList<>();
  private final Map<Long, Long> heapAfter = new HashMap<>();
  private final Map<Long, Long> threadEnds = new HashMap<>();
  private final Map<Long, String> threadNames = new HashMap<>();
  private final Map<String, String> interned = new HashMap<>();
  private long dropped;
  private long truncatedStacks;

  /** A log that keeps at most {@code capacity} samples, waits and allocations together. */
  public EventLog(int capacity) {
    this.capacity = capacity;
  }

  /** The most entries it keeps. */
  public int capacity() {
    return capacity;
  }

  private boolean room() {
    if (samples.size() + waits.size() + allocs.size() < capacity) {
      return true;
    }
    dropped++;
    return false;
  }

  private String intern(String frame) {
    return frame == null ? null : interned.computeIfAbsent(frame, f -> f);
  }

  /** Names a watched thread. */
  public synchronized void thread(long thread, String name) {
    threadNames.putIfAbsent(thread, name);
  }

  /** Keeps a sample. */
  public synchronized void sample(long at, long thread, String app, String top) {
    if (room()) {
      samples.add(new Sample(at, thread, intern(app), intern(top)));
    }
  }

  /** Keeps a wait. */
  public synchronized void waited(
      long start, long end, long thread, WaitKind kind, String app, String top) {
    if (room()) {
      waits.add(new Wait(start, end, thread, kind, intern(app), intern(top)));
    }
  }

  /** Keeps an allocation sample. */
  public synchronized void allocated(long at, long thread, long bytes) {
    if (room()) {
      allocs.add(new Alloc(at, thread, bytes));
    }
  }

  /** Keeps a collection. */
  public synchronized void collected(long id, long at, long pauseNanos, String name) {
    gcs.add(new Gc(id, at, pauseNanos, name));
  }

  /** Keeps the heap used after the collection {@code gcId}. */
  public synchronized void heapAfter(long gcId, long used) {
    heapAfter.put(gcId, used);
  }

  /** Notes that a watched thread ended at {@code at}. */
  public synchronized void threadEnded(long thread, long at) {
    threadEnds.put(thread, at);
  }

  /** Notes a stack JFR truncated (its application frame may be missing). */
  public synchronized void truncatedStack() {
    truncatedStacks++;
  }

  /** A copy of what was kept. */
  public synchronized Contents contents() {
    return new Contents(
        List.copyOf(samples),
        List.copyOf(waits),
        List.copyOf(gcs),
        List.copyOf(allocs),
        Map.copyOf(heapAfter),
        Map.copyOf(threadEnds),
        Map.copyOf(threadNames),
        dropped,
        truncatedStacks);
  }

  /** What a log held at one moment. */
  public record Contents(
      List<Sample> samples,
      List<Wait> waits,
      List<Gc> gcs,
      List<Alloc> allocs,
      Map<Long, Long> heapAfter,
      Map<Long, Long> threadEnds,
      Map<Long, String> threadNames,
      long dropped,
      long truncatedStacks) {}
}
