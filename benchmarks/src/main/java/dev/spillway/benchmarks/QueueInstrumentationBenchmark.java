package dev.spillway.benchmarks;

import dev.spillway.toolkit.record.InstrumentedQueue;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
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
 * What instrumentation costs: offer+poll on one thread, bare queues against the same queue shape
 * wrapped as an {@link InstrumentedQueue} (exact depth and high-water mark at enqueue).
 *
 * <p>Run: {@code ./mvnw -q -pl benchmarks -am package -DskipTests && java -jar
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
    "ArrayBlockingQueue",
    "Instrumented-unbounded",
    "Instrumented-bounded"
  })
  public String queue;

  private BlockingQueue<Integer> q;
  private final Integer message = 42;

  /** Creates the queue under test. */
  @Setup
  public void setUp() {
    q =
        switch (queue) {
          case "LinkedBlockingQueue" -> new LinkedBlockingQueue<>();
          case "ArrayBlockingQueue" -> new ArrayBlockingQueue<>(1024);
          case "Instrumented-unbounded" -> InstrumentedQueue.unbounded("bench");
          case "Instrumented-bounded" -> InstrumentedQueue.bounded("bench", 1024);
          default ->
              throw new IllegalArgumentException("queue must be a known name, but was " + queue);
        };
  }

  /** One message in, one message out, on the same thread. */
  @Benchmark
  public Integer offerPoll() {
    q.offer(message);
    return q.poll();
  }
}
