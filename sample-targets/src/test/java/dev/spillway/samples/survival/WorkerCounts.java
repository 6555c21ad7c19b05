package dev.spillway.samples.survival;

import dev.spillway.samples.Downstream;
import dev.spillway.samples.Event;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * A downstream that counts, apart from any design's books, how many events each consumer thread
 * handled, and which threads handled the events of one key.
 */
final class WorkerCounts implements Downstream {

  private final Downstream inner;
  private final String watchedKey;
  private final Map<String, LongAdder> handled = new ConcurrentHashMap<>();
  private final Set<String> watchedKeyThreads = ConcurrentHashMap.newKeySet();

  WorkerCounts(Downstream inner, String watchedKey) {
    this.inner = inner;
    this.watchedKey = watchedKey;
  }

  @Override
  public void handle(Event event) throws Exception {
    inner.handle(event);
    String thread = Thread.currentThread().getName();
    handled.computeIfAbsent(thread, t -> new LongAdder()).increment();
    if (event.key().equals(watchedKey)) {
      watchedKeyThreads.add(thread);
    }
  }

  /** Events handled per consumer thread. */
  Map<String, Long> perThread() {
    Map<String, Long> counts = new ConcurrentHashMap<>();
    handled.forEach((thread, n) -> counts.put(thread, n.sum()));
    return counts;
  }

  /** The threads that handled an event of the watched key. */
  Set<String> watchedKeyThreads() {
    return Set.copyOf(watchedKeyThreads);
  }
}
