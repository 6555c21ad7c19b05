package dev.spillway.benchmarks;

import dev.spillway.toolkit.inject.Delay;
import dev.spillway.toolkit.inject.Injector;
import dev.spillway.toolkit.inject.method.MethodInjection;
import dev.spillway.toolkit.inject.method.MethodInjector;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * P7, method injection: what a call of a method costs when no injection is active, and when one is
 * active but injects nothing. Each fork is its own JVM, so a state's class has never been woven
 * unless the state says so:
 *
 * <ul>
 *   <li>{@code plain}: the method as compiled, never woven;
 *   <li>{@code restored}: woven by a {@link MethodInjector} and restored by closing it before the
 *       measurement (the state a test leaves behind): the goal is the cost of {@code plain};
 *   <li>{@code woven-idle}: woven, with an open injection that injects nothing ({@link
 *       Delay#none()}): the advice's dispatch and the injection's bookkeeping (a clock read, a
 *       counter) on every call.
 * </ul>
 *
 * <p>Run: {@code ./mvnw -q -B -pl benchmarks -am package -DskipTests && java -jar
 * benchmarks/target/benchmarks.jar MethodInjectionBenchmark}
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 2, jvmArgsAppend = "-XX:+EnableDynamicAgentLoading")
@State(Scope.Thread)
public class MethodInjectionBenchmark {

  /** The method's state. */
  @Param({"plain", "restored", "woven-idle"})
  public String state;

  private final Repository repository = new Repository();
  private MethodInjection open;
  private long order;

  /** Weaves (and restores) the method as the state says. */
  @Setup(Level.Trial)
  public void setUp() {
    MethodInjector idle =
        MethodInjector.on(Repository.class, "insert")
            .using(Injector.named("idle").withDelay(Delay.none()));
    switch (state) {
      case "plain" -> {}
      case "restored" -> idle.install().close();
      case "woven-idle" -> open = idle.install();
      default -> throw new IllegalArgumentException("state must be plain, restored or woven-idle");
    }
  }

  /** Closes the open injection, if any. */
  @TearDown(Level.Trial)
  public void tearDown() {
    if (open != null) {
      open.close();
    }
  }

  /** One call of the method. */
  @Benchmark
  public long insert() {
    return repository.insert(order++);
  }

  /** The method measured: a final class with no interface, a little real work. */
  static final class Repository {
    private long sum;

    long insert(long order) {
      sum += order * 31 + 7;
      return sum;
    }
  }
}
