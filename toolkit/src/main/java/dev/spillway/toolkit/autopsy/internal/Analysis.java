package dev.spillway.toolkit.autopsy.internal;

import static org.apiguardian.api.API.Status.INTERNAL;

import dev.spillway.toolkit.autopsy.AutopsyReport;
import dev.spillway.toolkit.autopsy.GcFigures;
import dev.spillway.toolkit.autopsy.GcPause;
import dev.spillway.toolkit.autopsy.MethodShare;
import dev.spillway.toolkit.autopsy.TimeShares;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.TreeMap;
import org.apiguardian.api.API;

/**
 * The arithmetic of an autopsy's report over a window {@code [from, to)} of its log.
 *
 * <ol>
 *   <li>Each watched thread's wall time: from the window's start (or its registration, if later) to
 *       the window's end (or the thread's end, if earlier); their sum is the threads' time.
 *   <li>Waits: each wait event's duration, clipped to the window and to its thread's time, counts
 *       as its kind and goes to its stack's application frame ({@link Frames}).
 *   <li>Running: each execution sample stands for the thread's time outside its recorded waits up
 *       to its last sample or wait, divided by its number of samples (JFR samples only a few
 *       threads per period, so a busy thread may get fewer samples than periods; after its last
 *       event the thread was in a wait still in progress when the recording stopped, whose event
 *       was never written, and that time is not mistaken for running); it goes to its application
 *       frame, and counts as that method's own time when the application frame is the top frame.
 *   <li>With fewer than {@code minSamples} samples, the running time is not given to methods (it
 *       stays in the running share) and a limit says so.
 * </ol>
 */
@API(status = INTERNAL, since = "0.1")
public final class Analysis {

  private Analysis() {}

  /** When a watched thread starts to count: its registration time, or the window's start. */
  public interface Registrations {
    /** The epoch nanos when {@code thread} was registered, or {@link Long#MIN_VALUE}. */
    long registeredAt(long thread);

    /** The threads registered one by one, by id, with their names. */
    Map<Long, String> registered();
  }

  private static final class Tally {
    double total;
    double self;
    double waiting;
    final Map<String, Double> tops = new HashMap<>();

    void add(double nanos, String top, boolean self, boolean wait) {
      total += nanos;
      if (self) {
        this.self += nanos;
      } else if (top != null) {
        tops.merge(top, nanos, Double::sum);
      }
      if (wait) {
        waiting += nanos;
      }
    }
  }

  /** The report of {@code log} over {@code [from, to)} (epoch nanos). */
  public static AutopsyReport report(
      EventLog.Contents log,
      long from,
      long to,
      Duration samplePeriod,
      int topMethods,
      int minSamples,
      Registrations registrations,
      boolean allocationMeasured,
      List<String> limits) {
    List<String> notes = new ArrayList<>(limits);
    long window = Math.max(0, to - from);
    Map<Long, long[]> spans = new TreeMap<>();
    Map<Long, String> threadNames = new HashMap<>(registrations.registered());
    threadNames.putAll(log.threadNames());
    for (Long thread : threadNames.keySet()) {
      long start = Math.max(from, registrations.registeredAt(thread));
      long end = Math.min(to, log.threadEnds().getOrDefault(thread, Long.MAX_VALUE));
      if (end > start) {
        spans.put(thread, new long[] {start, end});
      }
    }
    Map<String, Tally> methods = new LinkedHashMap<>();
    double[] waits = new double[WaitKind.values().length];
    Map<Long, Double> waitedBy = new HashMap<>();
    for (EventLog.Wait w : log.waits()) {
      long[] span = spans.get(w.thread());
      if (span == null) {
        continue;
      }
      long d = Math.min(w.end(), span[1]) - Math.max(w.start(), span[0]);
      if (d <= 0) {
        continue;
      }
      waits[w.kind().ordinal()] += d;
      waitedBy.merge(w.thread(), (double) d, Double::sum);
      if (w.app() != null) {
        methods.computeIfAbsent(w.app(), m -> new Tally()).add(d, w.top(), false, true);
      }
    }
    Map<Long, Integer> samplesBy = new HashMap<>();
    List<EventLog.Sample> inWindow = new ArrayList<>();
    for (EventLog.Sample s : log.samples()) {
      long[] span = spans.get(s.thread());
      if (span != null && s.at() >= span[0] && s.at() < span[1]) {
        inWindow.add(s);
        samplesBy.merge(s.thread(), 1, Integer::sum);
      }
    }
    Map<Long, Long> lastSeen = new HashMap<>();
    for (EventLog.Sample s : inWindow) {
      lastSeen.merge(s.thread(), s.at(), Math::max);
    }
    for (EventLog.Wait w : log.waits()) {
      long[] span = spans.get(w.thread());
      if (span != null && w.end() > span[0]) {
        lastSeen.merge(w.thread(), Math.min(w.end(), span[1]), Math::max);
      }
    }
    double running = 0;
    Map<Long, Double> weights = new HashMap<>();
    for (Map.Entry<Long, Integer> e : samplesBy.entrySet()) {
      long[] span = spans.get(e.getKey());
      long seen = lastSeen.getOrDefault(e.getKey(), span[0]);
      double free = Math.max(0, seen - span[0] - waitedBy.getOrDefault(e.getKey(), 0.0));
      double weight = free / e.getValue();
      weights.put(e.getKey(), weight);
      running += weight * e.getValue();
    }
    boolean rank = inWindow.size() >= minSamples;
    if (rank) {
      for (EventLog.Sample s : inWindow) {
        if (s.app() != null) {
          methods
              .computeIfAbsent(s.app(), m -> new Tally())
              .add(weights.get(s.thread()), s.top(), s.app().equals(s.top()), false);
        }
      }
    }
    double threadTime = 0;
    for (long[] span : spans.values()) {
      threadTime += span[1] - span[0];
    }
    if (!rank && threadTime > 0 && running / threadTime >= 0.05) {
      notes.add(
          "only "
              + inWindow.size()
              + " execution samples (fewer than "
              + minSamples
              + "): the running time is not split between methods");
    }
    if (spans.isEmpty()) {
      notes.add("no watched thread was seen in the window: no time to split");
    }
    TimeShares time = shares(threadTime, running, waits);
    List<MethodShare> top = top(methods, threadTime, topMethods);
    if (log.dropped() > 0) {
      notes.add(
          log.dropped()
              + " events were not kept (the log holds "
              + "at most its capacity): the figures miss them");
    }
    if (log.truncatedStacks() > 0) {
      notes.add(
          log.truncatedStacks()
              + " stacks were truncated by JFR: their application frame may be too deep to see");
    }
    List<String> names = new ArrayList<>();
    for (Long thread : spans.keySet()) {
      names.add(threadNames.get(thread));
    }
    return new AutopsyReport(
        Optional.empty(),
        Duration.ofNanos(window),
        samplePeriod,
        names,
        inWindow.size(),
        time,
        top,
        gc(log, from, to),
        allocationMeasured ? allocated(log, spans) : OptionalLong.empty(),
        notes);
  }

  private static TimeShares shares(double threadTime, double running, double[] waits) {
    if (threadTime <= 0) {
      return TimeShares.NONE;
    }
    double sleeping = waits[WaitKind.SLEEP.ordinal()] / threadTime;
    double parked = waits[WaitKind.PARK.ordinal()] / threadTime;
    double blocked = waits[WaitKind.MONITOR_ENTER.ordinal()] / threadTime;
    double monitorWait = waits[WaitKind.MONITOR_WAIT.ordinal()] / threadTime;
    double run = Math.min(running / threadTime, 1);
    double other = Math.max(0, 1 - run - sleeping - parked - blocked - monitorWait);
    return new TimeShares(
        Duration.ofNanos((long) threadTime),
        run,
        Math.min(1, sleeping),
        Math.min(1, parked),
        Math.min(1, blocked),
        Math.min(1, monitorWait),
        other);
  }

  private static List<MethodShare> top(Map<String, Tally> methods, double threadTime, int n) {
    if (threadTime <= 0) {
      return List.of();
    }
    List<MethodShare> all = new ArrayList<>();
    for (Map.Entry<String, Tally> e : methods.entrySet()) {
      Tally t = e.getValue();
      double share = Math.min(1, t.total / threadTime);
      double self = Math.min(share, t.self / threadTime);
      double waiting = Math.min(share - self, t.waiting / threadTime);
      Optional<String> mostlyIn =
          t.tops.entrySet().stream()
              .max(Map.Entry.comparingByValue())
              .filter(top -> top.getValue() > t.self)
              .map(Map.Entry::getKey);
      all.add(new MethodShare(e.getKey(), share, self, Math.max(0, waiting), mostlyIn));
    }
    all.sort(Comparator.comparingDouble(MethodShare::share).reversed());
    return all.subList(0, Math.min(n, all.size()));
  }

  private static GcFigures gc(EventLog.Contents log, long from, long to) {
    List<GcPause> pauses = new ArrayList<>();
    long total = 0;
    for (EventLog.Gc g : log.gcs()) {
      if (g.at() >= from && g.at() < to) {
        Long after = log.heapAfter().get(g.id());
        pauses.add(
            new GcPause(
                Duration.ofNanos(g.at() - from),
                Duration.ofNanos(g.pauseNanos()),
                g.name(),
                after == null ? OptionalLong.empty() : OptionalLong.of(after)));
        total += g.pauseNanos();
      }
    }
    pauses.sort(Comparator.comparing(GcPause::at));
    double share = to > from ? Math.min(1, (double) total / (to - from)) : 0;
    return new GcFigures(Duration.ofNanos(total), share, pauses);
  }

  private static OptionalLong allocated(EventLog.Contents log, Map<Long, long[]> spans) {
    long bytes = 0;
    for (EventLog.Alloc a : log.allocs()) {
      long[] span = spans.get(a.thread());
      if (span != null && a.at() >= span[0] && a.at() < span[1]) {
        bytes += a.bytes();
      }
    }
    return OptionalLong.of(bytes);
  }
}
