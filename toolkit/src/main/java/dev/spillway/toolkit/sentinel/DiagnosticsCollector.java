package dev.spillway.toolkit.sentinel;

import dev.spillway.toolkit.probe.QueueProbe;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.function.Supplier;

/**
 * Gathers a breach's {@link Diagnostics}: reads every probe (the watched one first, then the ones
 * to rank it among), keeps the top N by depth, and takes the consumer thread's stack.
 *
 * <p>Thread-safety: safe for concurrent use if the probes and the thread supplier are.
 */
final class DiagnosticsCollector {

  private final List<QueueProbe> probes;
  private final int topN;
  private final Supplier<Thread> consumer;

  /**
   * @param probes the probes to rank, the watched one first, without duplicates
   * @param consumer supplies the consumer thread to sample, or null for none; may return null
   */
  DiagnosticsCollector(List<QueueProbe> probes, int topN, Supplier<Thread> consumer) {
    this.probes = List.copyOf(probes);
    this.topN = topN;
    this.consumer = consumer;
  }

  Diagnostics collect() {
    List<ProbeDepth> read = new ArrayList<>(probes.size());
    List<String> unreadable = new ArrayList<>();
    for (QueueProbe probe : probes) {
      try {
        read.add(new ProbeDepth(probe.name(), probe.depth()));
      } catch (RuntimeException e) {
        unreadable.add(probe.name() + " (" + e + ")");
      }
    }
    read.sort(Comparator.comparingLong(ProbeDepth::depth).reversed()); // stable: ties keep order
    List<ProbeDepth> ranking = read.subList(0, Math.min(topN, read.size()));
    if (consumer == null) {
      return new Diagnostics(ranking, unreadable, "", List.of());
    }
    try {
      Thread thread = consumer.get();
      if (thread == null) {
        return new Diagnostics(ranking, unreadable, "", List.of());
      }
      StackTraceElement[] stack = thread.getStackTrace();
      List<StackTraceElement> frames =
          Arrays.asList(stack).subList(0, Math.min(stack.length, Diagnostics.MAX_FRAMES));
      String described = "'" + thread.getName() + "' (" + thread.getState() + ")";
      return new Diagnostics(ranking, unreadable, described, frames);
    } catch (RuntimeException e) {
      return new Diagnostics(ranking, unreadable, "unavailable (" + e + ")", List.of());
    }
  }

  @Override
  public String toString() {
    return "DiagnosticsCollector[probes=" + probes + ", topN=" + topN + "]";
  }
}
