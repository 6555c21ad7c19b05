package dev.spillway.benchmarks;

import java.util.Queue;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * P1, one thread: offer+poll on the same thread, bare queues against the toolkit's {@link
 * dev.spillway.toolkit.record.InstrumentedQueue} (one lock, exact depth and high-water mark at
 * enqueue) and its lock-free {@link dev.spillway.toolkit.record.InstrumentedMpscQueue} (the depth
 * is the difference of its indices). See {@link Queues} for the pairs. The lock-free queue's mark
 * is 1 here and every offer's cached estimate is 2 (one poll behind), so each offer reads the
 * consumer index: this is its worst case, where a queue in real use hovers below its mark and skips
 * that read.
 *
 * <p>Run: {@code ./mvnw -q -B -pl benchmarks -am package -DskipTests && java -jar
 * benchmarks/target/benchmarks.jar QueueInstrumentationBenchmark}
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(2)
@State(Scope.Thread)
public class QueueInstrumentationBenchmark {

  /** Which queue is measured. */
  @Param({
    "LinkedBlockingQueue",
    "Instrumented-unbounded",
    "ArrayBlockingQueue",
    "Instrumented-bounded",
    "MpscArrayQueue",
    "Mpsc-bare",
    "Mpsc-instrumented",
    "Mpsc-watched"
  })
  public String queue;

  private Queue<Integer> q;
  private final Integer message = 42;

  /** Creates the queue under test. */
  @Setup
  public void setUp() {
    q = Queues.create(queue);
  }

  /** One message in, one message out, on the same thread. */
  @Benchmark
  public Integer offerPoll() {
    q.offer(message);
    return q.poll();
  }
}
