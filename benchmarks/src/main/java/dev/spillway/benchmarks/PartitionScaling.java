package dev.spillway.benchmarks;

import dev.spillway.samples.Designs;
import dev.spillway.samples.Downstream;
import dev.spillway.samples.EventTracker;
import java.time.Duration;

/**
 * P6: the sample target's {@code partitioned(N)} design with a sleep-bound 5 ms downstream, flooded
 * so that every partition always has work; the figure is events processed per second over a window,
 * against N × the singleton's rate. Keys are distinct, so hashing spreads them; every partition is
 * kept busy because each gets many more events than the window can process.
 *
 * <p>Run: {@code ./mvnw -q -B -pl benchmarks -am package -DskipTests && java -cp
 * benchmarks/target/benchmarks.jar dev.spillway.benchmarks.PartitionScaling}
 */
public final class PartitionScaling {

  static final Duration SERVICE_TIME = Duration.ofMillis(5);

  private PartitionScaling() {}

  /** Events per second processed by {@code partitions} partitions (0: the singleton). */
  static double rate(int partitions, Duration window) {
    long perPartitionBacklog = 2 * window.toMillis() / SERVICE_TIME.toMillis() + 50;
    int n = Math.max(1, partitions);
    Downstream downstream = Downstream.inProcess(SERVICE_TIME);
    EventTracker t =
        partitions == 0
            ? Designs.singleton(downstream)
            : Designs.partitioned(partitions, downstream);
    try {
      // 4x the backlog each partition needs, so an unlucky hash still leaves none idle
      for (long i = 0; i < 4 * perPartitionBacklog * n; i++) {
        t.track("key-" + i, "p6");
      }
      sleep(Duration.ofMillis(50)); // every consumer is in its loop
      long p0 = t.books().processed();
      long t0 = System.nanoTime();
      sleep(window);
      long p1 = t.books().processed();
      long t1 = System.nanoTime();
      return (p1 - p0) * 1e9 / (t1 - t0);
    } finally {
      t.close(Duration.ZERO); // the backlog is dropped, not drained
    }
  }

  private static void sleep(Duration d) {
    try {
      Thread.sleep(d.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
  }

  /** Prints the rate for N = 1, 2, 4, 8, 16 against the singleton. */
  public static void main(String[] args) {
    Duration window = Duration.ofMillis(Profile.quick() ? 500 : 2000);
    double single = rate(0, window);
    System.out.printf("singleton: %.1f/s%n", single);
    for (int n : new int[] {1, 2, 4, 8, 16}) {
      double r = rate(n, window);
      System.out.printf("partitioned(%d): %.1f/s = %.3f × N × singleton%n", n, r, r / (n * single));
    }
  }
}
