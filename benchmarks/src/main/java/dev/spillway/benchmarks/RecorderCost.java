package dev.spillway.benchmarks;

import dev.spillway.toolkit.probe.QueueProbe;
import dev.spillway.toolkit.record.InstrumentedQueue;
import dev.spillway.toolkit.record.QueueRecorder;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.LockSupport;

/**
 * P3: what a {@link QueueRecorder} sampling 16 probes at 1 kHz costs. Its CPU share is the CPU time
 * of the recorder's thread ({@link ThreadMXBean#getThreadCpuTime}) over the wall time. Its effect
 * on a target is the target's throughput (offer+poll on one of the 16 instrumented queues, one
 * thread per core so the recorder has to take its CPU from the target) with and without the
 * recorder, in alternating rounds of the same run; the figure is the median of the per-pair ratios.
 *
 * <p>Run: {@code ./mvnw -q -B -pl benchmarks -am package -DskipTests && java -cp
 * benchmarks/target/benchmarks.jar dev.spillway.benchmarks.RecorderCost}
 */
public final class RecorderCost {

  static final int PROBES = 16;

  private RecorderCost() {}

  /**
   * CPU share of one core in %; the target's throughput loss in % (median of the pairs; negative:
   * faster with the recorder) and half the interquartile range of the per-pair losses (the noise).
   */
  record Result(double cpuPercent, double lossPercent, double noisePercent, int pairs) {}

  static Result measure(int pairs, Duration round) {
    List<InstrumentedQueue<Integer>> queues = new ArrayList<>();
    List<QueueProbe> probes = new ArrayList<>();
    for (int i = 0; i < PROBES; i++) {
      InstrumentedQueue<Integer> q = InstrumentedQueue.unbounded("p3-" + i);
      queues.add(q);
      probes.add(q.probe());
    }
    int threads = Runtime.getRuntime().availableProcessors();
    ThreadMXBean mx = ManagementFactory.getThreadMXBean();
    double[] ratios = new double[pairs];
    long cpu = 0;
    long wall = 0;
    target(queues, threads, round); // warm-up
    for (int p = 0; p < pairs; p++) {
      double without = target(queues, threads, round);
      QueueRecorder recorder =
          QueueRecorder.sampling(probes)
              .named("p3")
              .every(Duration.ofMillis(1))
              .maxSamplesPerProbe(1_000_000)
              .start();
      Thread t = recorderThread();
      long c0 = mx.getThreadCpuTime(t.getId());
      long w0 = System.nanoTime();
      double with = target(queues, threads, round);
      long c1 = mx.getThreadCpuTime(t.getId());
      long w1 = System.nanoTime();
      recorder.stop();
      cpu += c1 - c0;
      wall += w1 - w0;
      ratios[p] = with / without;
    }
    Arrays.sort(ratios);
    double median = ratios[pairs / 2];
    double iqr = ratios[(3 * pairs) / 4] - ratios[pairs / 4];
    return new Result(100.0 * cpu / wall, 100.0 * (1 - median), 100.0 * iqr / 2, pairs);
  }

  /**
   * The floor under the recorder's CPU share: a thread that does nothing but wake every {@code
   * interval} on the same deadline schedule ({@code parkNanos} until the next tick), in % of one
   * core over {@code during}.
   */
  static double wakeUpFloorPercent(Duration interval, Duration during) {
    long step = interval.toNanos();
    AtomicBoolean stop = new AtomicBoolean();
    Thread t =
        new Thread(
            () -> {
              long next = System.nanoTime();
              while (!stop.get()) {
                long wait = next - System.nanoTime();
                if (wait > 0) {
                  LockSupport.parkNanos(wait);
                  continue;
                }
                next += step;
              }
            },
            "p3-floor");
    t.setDaemon(true);
    ThreadMXBean mx = ManagementFactory.getThreadMXBean();
    t.start();
    try {
      Thread.sleep(100);
      long c0 = mx.getThreadCpuTime(t.getId());
      long w0 = System.nanoTime();
      Thread.sleep(during.toMillis());
      long c1 = mx.getThreadCpuTime(t.getId());
      long w1 = System.nanoTime();
      stop.set(true);
      t.join();
      return 100.0 * (c1 - c0) / (w1 - w0);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
  }

  private static Thread recorderThread() {
    for (Thread t : Thread.getAllStackTraces().keySet()) {
      if (t.getName().equals("spillway-recorder-p3")) {
        return t;
      }
    }
    throw new IllegalStateException("recorder thread must be running, but was not found");
  }

  /** Offer+poll pairs per second of {@code threads} threads during {@code round}. */
  private static double target(List<InstrumentedQueue<Integer>> queues, int threads, Duration d) {
    AtomicBoolean stop = new AtomicBoolean();
    long[] counts = new long[threads * 16]; // padded: one slot per 128 bytes
    Thread[] workers = new Thread[threads];
    for (int i = 0; i < threads; i++) {
      InstrumentedQueue<Integer> q = queues.get(i % queues.size());
      int slot = i * 16;
      workers[i] =
          new Thread(
              () -> {
                Integer m = 1;
                long n = 0;
                while (!stop.get()) {
                  for (int k = 0; k < 1000; k++) {
                    q.offer(m);
                    m = q.poll();
                  }
                  n += 1000;
                }
                counts[slot] = n;
              },
              "p3-target-" + i);
    }
    long t0 = System.nanoTime();
    for (Thread w : workers) {
      w.start();
    }
    try {
      Thread.sleep(d.toMillis());
      stop.set(true);
      for (Thread w : workers) {
        w.join();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
    long elapsed = System.nanoTime() - t0;
    long total = 0;
    for (int i = 0; i < threads; i++) {
      total += counts[i * 16];
    }
    return total * 1e9 / elapsed;
  }

  /** Prints the CPU share and the throughput loss. */
  public static void main(String[] args) {
    boolean quick = Profile.quick();
    Result r = measure(quick ? 3 : 21, Duration.ofMillis(quick ? 200 : 300));
    System.out.printf(
        "recorder 16 probes @1 kHz: CPU %.2f %% of one core; target throughput loss %.2f %%"
            + " ± %.2f %% (median of %d pairs ± half the IQR)%n",
        r.cpuPercent(), r.lossPercent(), r.noisePercent(), r.pairs());
    System.out.printf(
        "floor: a thread only waking at 1 kHz uses %.2f %% of one core%n",
        wakeUpFloorPercent(Duration.ofMillis(1), Duration.ofSeconds(quick ? 1 : 3)));
  }
}
