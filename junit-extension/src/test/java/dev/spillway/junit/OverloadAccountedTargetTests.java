package dev.spillway.junit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.spillway.toolkit.target.ExecutorTarget;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.RejectedExecutionHandler;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.platform.engine.TestExecutionResult.Status;

/**
 * {@link OverloadHarness#target(dev.spillway.toolkit.target.AccountedTarget)}: one call watches the
 * target's queues, takes its books and its in-flight count, and the target is closed when the test
 * ends — its executor gets its own rejection handler back, even when the test fails.
 */
class OverloadAccountedTargetTests {

  @AfterEach
  void noThreadOfOursOutlivesTheFixture() {
    assertThat(Fixtures.spillwayThreads()).isEmpty();
  }

  @Test
  void aTarget_isFloodedInOneCall_andClosedWhenTheTestEnds() {
    Fixtures.Outcome outcome = Fixtures.run(Targets.class, "executor");

    assertThat(outcome.status()).isEqualTo(Status.SUCCESSFUL);
    OverloadResult result = Targets.result.get();
    assertThat(result.highWaterMarks()).containsOnlyKeys("orders");
    assertThat(result.books().ledger()).isEqualTo("orders"); // the target's own ledger
    assertThat(result.books().sent()).isEqualTo(result.load().sent());
    assertThat(result.books().isBalanced()).isTrue();
    assertThat(Targets.pool.get().getRejectedExecutionHandler()).isSameAs(Targets.ORIGINAL);
  }

  @Test
  void aTarget_isClosed_alsoWhenTheTestFails() {
    Fixtures.Outcome outcome = Fixtures.run(Targets.class, "failing");

    assertThat(outcome.status()).isEqualTo(Status.FAILED);
    assertThat(outcome.message()).isEqualTo("the test failed after configuring its target");
    assertThat(Targets.pool.get().getRejectedExecutionHandler()).isSameAs(Targets.ORIGINAL);
  }

  @Fixture
  static class Targets {

    static final RejectedExecutionHandler ORIGINAL = new ThreadPoolExecutor.AbortPolicy();
    static final AtomicReference<ThreadPoolExecutor> pool = new AtomicReference<>();
    static final AtomicReference<OverloadResult> result = new AtomicReference<>();

    private static ExecutorTarget target(OverloadHarness harness) throws Exception {
      ThreadPoolExecutor executor =
          new ThreadPoolExecutor(1, 1, 0, TimeUnit.SECONDS, new ArrayBlockingQueue<>(10), ORIGINAL);
      pool.set(executor);
      harness.closeAfterTest(
          () -> {
            executor.shutdownNow();
            executor.awaitTermination(5, TimeUnit.SECONDS);
          });
      ExecutorTarget target = ExecutorTarget.of("orders", executor, message -> {});
      assertThat(target.queues()).extracting(q -> q.name()).isEqualTo(List.of("orders"));
      return target;
    }

    @OverloadTest
    @ConstantLoad(rate = 100, duration = "300ms")
    void executor(OverloadHarness harness) throws Exception {
      harness.target(target(harness));
      result.set(harness.run());
      assertThat(pool.get().getRejectedExecutionHandler()).isNotSameAs(ORIGINAL); // not yet
    }

    @OverloadTest
    @ConstantLoad(rate = 100, duration = "300ms")
    void failing(OverloadHarness harness) throws Exception {
      harness.target(target(harness));
      throw new AssertionError("the test failed after configuring its target");
    }
  }
}
