package dev.spillway.benchmarks;

import dev.spillway.toolkit.autopsy.Autopsy;
import java.time.Duration;
import java.util.Arrays;
import java.util.Locale;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * What an {@link Autopsy} (JFR: samples every 10 ms, every wait with its stack) costs the consumer
 * it watches: the consumer's throughput with and without the recording, in alternating rounds of
 * the same run; the figure is the median of the per-pair ratios, with half the interquartile range
 * as its noise. Two consumers: one that hands off through a small blocking queue (it parks on
 * nearly every message: the worst case, one wait event with its stack per park), and one that
 * parses (CPU only: the samples' cost alone).
 *
 * <p>Run: {@code ./mvnw -q -B -o -pl toolkit,sample-targets,benchmarks package -DskipTests && java
 * -cp benchmarks/target/benchmarks.jar dev.spillway.benchmarks.AutopsyCost}
 */
public final class AutopsyCost {

  private AutopsyCost() {}

  /** The loss in % (median of the pairs; negative: faster with the autopsy) and its noise. */
  record Result(String consumer, double perSecondWithout, double lossPercent, double noise) {}

  public static void main(String[] args) throws InterruptedException {
    int pairs = args.length > 0 ? Integer.parseInt(args[0]) : 7;
    Duration round = Duration.ofMillis(args.length > 1 ? Long.parseLong(args[1]) : 1000);
    for (String consumer : new String[] {"handoff", "parse"}) {
      Result r = measure(consumer, pairs, round);
      System.out.printf(
          Locale.ROOT,
          "%-8s %,12.0f msg/s without; with the autopsy %+.1f%% (± %.1f%%, %d pairs of %d ms)%n",
          r.consumer(),
          r.perSecondWithout(),
          -r.lossPercent(),
          r.noise(),
          pairs,
          round.toMillis());
    }
  }

  static Result measure(String consumer, int pairs, Duration round) throws InterruptedException {
    rate(consumer, round, false); // warm-up, and JFR's first start
    rate(consumer, round, true);
    double[] ratios = new double[pairs];
    double without = 0;
    for (int p = 0; p < pairs; p++) {
      double plain = rate(consumer, round, false);
      double watched = rate(consumer, round, true);
      without += plain;
      ratios[p] = watched / plain;
    }
    Arrays.sort(ratios);
    return new Result(
        consumer,
        without / pairs,
        100 * (1 - ratios[pairs / 2]),
        100 * (ratios[(3 * pairs) / 4] - ratios[pairs / 4]) / 2);
  }

  /** Messages per second the consumer handled in {@code round}. */
  private static double rate(String consumer, Duration round, boolean autopsied)
      throws InterruptedException {
    BlockingQueue<Integer> queue = new ArrayBlockingQueue<>(16);
    AtomicBoolean running = new AtomicBoolean(true);
    AtomicLong handled = new AtomicLong();
    Autopsy autopsy = autopsied ? Autopsy.every(Duration.ofMillis(10)).start() : null;
    Thread producer =
        new Thread(
            () -> {
              try {
                while (running.get()) {
                  queue.put(1);
                }
              } catch (InterruptedException e) {
                // stopped
              }
            });
    Thread worker =
        new Thread(
            () -> {
              if (autopsy != null) {
                autopsy.watchCurrentThread();
              }
              long x = 1;
              try {
                while (running.get()) {
                  queue.take();
                  if (consumer.equals("parse")) {
                    for (int i = 0; i < 20_000; i++) {
                      x = x * 6364136223846793005L + 1442695040888963407L;
                    }
                  }
                  handled.incrementAndGet();
                }
              } catch (InterruptedException e) {
                // stopped
              }
              if (x == 42) {
                System.out.print("");
              }
            });
    producer.start();
    worker.start();
    Thread.sleep(round.toMillis());
    long n = handled.get();
    running.set(false);
    producer.interrupt();
    worker.interrupt();
    producer.join();
    worker.join();
    if (autopsy != null) {
      autopsy.stop();
    }
    return n / (round.toNanos() / 1e9);
  }
}
