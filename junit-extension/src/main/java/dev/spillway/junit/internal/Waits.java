package dev.spillway.junit.internal;

import static org.apiguardian.api.API.Status.INTERNAL;

import dev.spillway.toolkit.probe.QueueProbe;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.apiguardian.api.API;

/** The wait of a run after its load for the declared drain. Stateless. */
@API(status = INTERNAL, since = "0.1")
public final class Waits {

  private Waits() {}

  /**
   * Waits until every queue {@code spec} applies to has been seen at or below its level, at most
   * its time, noting when each was first seen there. Whether each drained in time is judged by
   * {@link RunBounds} from the times noted, not by the wait: the wait only decides when to stop
   * looking.
   *
   * @return how each queue drained, in the order watched
   */
  public static List<QueueDrain> drain(String test, DrainSpec spec, List<WatchedQueue> watched)
      throws InterruptedException {
    List<WatchedQueue> draining = watched.stream().filter(w -> spec.appliesTo(w.name())).toList();
    Map<String, Duration> drainedAfter = new ConcurrentHashMap<>();
    long start = System.nanoTime();
    Awaiting.until(
        "the drain of test '" + test + "'",
        spec.within(),
        () -> {
          for (WatchedQueue w : draining) {
            if (!drainedAfter.containsKey(w.name()) && depthOrMax(w.probe()) <= spec.level()) {
              drainedAfter.put(w.name(), Duration.ofNanos(System.nanoTime() - start));
            }
          }
          return drainedAfter.size() == draining.size();
        });
    List<QueueDrain> drains = new ArrayList<>();
    for (WatchedQueue w : draining) {
      Optional<Duration> after = Optional.ofNullable(drainedAfter.get(w.name()));
      drains.add(new QueueDrain(w.name(), after, after.isPresent() ? 0 : depthOrMax(w.probe())));
    }
    return drains;
  }

  private static long depthOrMax(QueueProbe probe) {
    try {
      return probe.depth();
    } catch (RuntimeException unreadable) {
      return Long.MAX_VALUE;
    }
  }
}
