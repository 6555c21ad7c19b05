package dev.spillway.benchmarks;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.Random;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.LongAdder;

/**
 * P1 across threads, measured the way P3 is: in short alternating rounds, so that every queue meets
 * the same background load. Each round runs every queue once, in a shuffled (seeded) order, for a
 * fixed time with N producers and one consumer (yielding while full or empty, as in {@link
 * QueueHandoffBenchmark}); the figure is the median throughput over the rounds with its quartiles.
 * On a shared machine, where a JMH fork of one queue and the next fork of another meet different
 * loads, this compares queues with each other more fairly than back-to-back JMH runs; its absolute
 * figures mean as little as theirs.
 *
 * <p>Run: {@code java -cp benchmarks/target/benchmarks.jar dev.spillway.benchmarks.HandoffPairs
 * [producers=3] [rounds=40] [millis=300] [queues=MpscArrayQueue,Mpsc-bare,Mpsc-instrumented]}
 */
public final class HandoffPairs {

  private HandoffPairs() {}

  /** Runs the rounds and prints one line per queue. */
  public static void main(String[] args) throws InterruptedException {
    int producers = args.length > 0 ? Integer.parseInt(args[0]) : 3;
    int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 40;
    long millis = args.length > 2 ? Long.parseLong(args[2]) : 300;
    String queues = args.length > 3 ? args[3] : "MpscArrayQueue,Mpsc-bare,Mpsc-instrumented";
    Map<String, List<Double>> results = new LinkedHashMap<>();
    for (String q : queues.split(",")) {
      Queues.create(q); // rejects an unknown name before anything runs
      results.put(q, new ArrayList<>());
    }
    for (String q : results.keySet()) {
      run(q, producers, millis); // warm-up: one round each, not counted
    }
    Random random = new Random(1);
    for (int r = 0; r < rounds; r++) {
      List<String> order = new ArrayList<>(results.keySet());
      Collections.shuffle(order, random);
      for (String q : order) {
        results.get(q).add(run(q, producers, millis));
      }
    }
    System.out.printf(
        "%dP+1C, %d rounds of %d ms, load average %s%n",
        producers, rounds, millis, Table.loadAverage());
    for (Map.Entry<String, List<Double>> e : results.entrySet()) {
      List<Double> v = new ArrayList<>(e.getValue());
      Collections.sort(v);
      System.out.printf(
          "%-26s median %7.1f ops/µs (quartiles %.1f – %.1f)%n",
          e.getKey(), v.get(v.size() / 2), v.get(v.size() / 4), v.get(3 * v.size() / 4));
    }
  }

  /** One round: successful offers and polls per µs. */
  static double run(String queue, int producers, long millis) throws InterruptedException {
    Queue<Integer> q = Queues.create(queue);
    boolean bounded = Queues.isBounded(queue);
    AtomicBoolean stop = new AtomicBoolean();
    LongAdder ops = new LongAdder();
    List<Thread> threads = new ArrayList<>();
    Integer message = 42;
    for (int i = 0; i < producers; i++) {
      threads.add(
          thread(
              "producer-" + i,
              () -> {
                long n = 0;
                while (!stop.get()) {
                  if ((bounded || q.size() < QueueHandoffBenchmark.MAX_DEPTH) && q.offer(message)) {
                    n++;
                  } else {
                    Thread.yield();
                  }
                }
                ops.add(n);
              }));
    }
    threads.add(
        thread(
            "consumer",
            () -> {
              long n = 0;
              while (!stop.get()) {
                if (q.poll() != null) {
                  n++;
                } else {
                  Thread.yield();
                }
              }
              ops.add(n);
            }));
    for (Thread t : threads) {
      t.start();
    }
    Thread.sleep(millis);
    stop.set(true);
    for (Thread t : threads) {
      t.join();
    }
    return ops.sum() / (millis * 1000.0);
  }

  private static Thread thread(String name, Runnable body) {
    Thread t = new Thread(body, "spillway-bench-" + name);
    t.setDaemon(true);
    return t;
  }
}
