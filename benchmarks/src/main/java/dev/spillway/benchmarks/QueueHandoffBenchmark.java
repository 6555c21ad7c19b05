package dev.spillway.benchmarks;

import java.util.Queue;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Group;
import org.openjdk.jmh.annotations.GroupThreads;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Control;

/**
 * P1, across threads: producers offer, one consumer polls, on a shared queue; the figure is the
 * group's throughput (ops/µs, higher is better; each op is one successful offer or poll, so
 * pairs/µs is half of it). {@code spsc} is one producer and one consumer (2 threads on the 2
 * cores), {@code mpsc} three producers and one consumer (oversubscribed on 2 cores: it measures
 * contention, not parallelism). Producers yield while a bounded queue is full or an unbounded one
 * is deeper than {@link #MAX_DEPTH} (looked at every 1024 offers), consumers while the queue is
 * empty: they yield rather than spin, because on 2 shared cores a spinning thread often holds the
 * only core its partner needs, and the figure then measures the scheduler's time slice instead of
 * the queue. Compare each instrumented queue with its bare pair ({@link Queues}).
 *
 * <p>Run: {@code ./mvnw -q -B -pl benchmarks -am package -DskipTests && java -jar
 * benchmarks/target/benchmarks.jar QueueHandoffBenchmark}
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(2)
@State(Scope.Group)
public class QueueHandoffBenchmark {

  /** Producers back off above this depth on an unbounded queue. */
  static final int MAX_DEPTH = 4096;

  /** Which queue is measured. */
  @Param({
    "LinkedBlockingQueue-1024",
    "Instrumented-bounded",
    "ArrayBlockingQueue",
    "MpscArrayQueue",
    "Mpsc-bare",
    "Mpsc-instrumented"
  })
  public String queue;

  private Queue<Integer> q;
  private boolean bounded;
  private final Integer message = 42;

  /** Creates the queue under test, fresh for each iteration. */
  @Setup(Level.Iteration)
  public void setUp() {
    q = Queues.create(queue);
    bounded = Queues.isBounded(queue);
  }

  private boolean offer(Control control) {
    while (!bounded && tooDeep()) {
      if (control.stopMeasurement) {
        return false;
      }
      Thread.yield();
    }
    while (!q.offer(message)) {
      if (control.stopMeasurement) {
        return false;
      }
      Thread.yield();
    }
    return true;
  }

  private int offersSinceCheck; // racy between producers: only a brake against unbounded growth
  private boolean deep;

  private boolean tooDeep() {
    // ConcurrentLinkedQueue.size() is O(n): look only every 1024 offers
    if (++offersSinceCheck >= 1024) {
      offersSinceCheck = 0;
      deep = q.size() > MAX_DEPTH;
    }
    return deep;
  }

  private Integer poll(Control control) {
    Integer m;
    while ((m = q.poll()) == null) {
      if (control.stopMeasurement) {
        return null;
      }
      Thread.yield();
    }
    return m;
  }

  /** One producer. */
  @Benchmark
  @Group("spsc")
  @GroupThreads(1)
  public boolean spscOffer(Control control) {
    return offer(control);
  }

  /** Its consumer. */
  @Benchmark
  @Group("spsc")
  @GroupThreads(1)
  public Integer spscPoll(Control control) {
    return poll(control);
  }

  /** Three producers. */
  @Benchmark
  @Group("mpsc")
  @GroupThreads(3)
  public boolean mpscOffer(Control control) {
    return offer(control);
  }

  /** Their consumer. */
  @Benchmark
  @Group("mpsc")
  @GroupThreads(1)
  public Integer mpscPoll(Control control) {
    return poll(control);
  }
}
