package dev.spillway.junit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.spillway.toolkit.load.Message;
import dev.spillway.toolkit.load.Sender;
import dev.spillway.toolkit.record.InstrumentedQueue;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;
import org.junit.platform.engine.TestDescriptor;
import org.junit.platform.engine.TestTag;
import org.junit.platform.engine.support.hierarchical.ExclusiveResource;
import org.junit.platform.engine.support.hierarchical.Node;
import org.junit.platform.testkit.engine.EngineExecutionResults;

/**
 * Overload tests — plain, and each invocation of a repeated or parameterized one — hold an
 * exclusive resource lock, so that two floods never run at once even under JUnit's parallel
 * execution, and carry a tag.
 */
class OverloadLockTests {

  private static final Map<String, String> PARALLEL =
      Map.of(
          "junit.jupiter.execution.parallel.enabled", "true",
          "junit.jupiter.execution.parallel.mode.default", "concurrent",
          "junit.jupiter.execution.parallel.config.strategy", "fixed",
          "junit.jupiter.execution.parallel.config.fixed.parallelism", "2");

  @BeforeEach
  void reset() {
    Floods.intervals.clear();
  }

  @Test
  void everyOverloadTest_locksTheFloodResourceExclusively_andIsTagged() {
    EngineExecutionResults results = Fixtures.runAll(Floods.class, Map.of());

    List<TestDescriptor> tests =
        results.testEvents().started().stream().map(e -> e.getTestDescriptor()).toList();
    assertThat(tests).hasSize(4); // two plain overload tests, two invocations of a repeated one
    for (TestDescriptor test : tests) {
      // a repetition runs inside its template, which holds the lock for all of them
      TestDescriptor holder =
          test.getParent().filter(p -> p.getSource().equals(test.getSource())).orElse(test);
      assertThat(((Node<?>) holder).getExclusiveResources())
          .as("the resources of %s", holder.getDisplayName())
          .contains(
              new ExclusiveResource(OverloadTest.LOCK, ExclusiveResource.LockMode.READ_WRITE));
      assertThat(test.getTags()).contains(TestTag.create(OverloadTest.TAG));
    }
  }

  @Test
  void underParallelExecution_noTwoOverloadTests_norTwoInvocations_everRunAtOnce() {
    EngineExecutionResults results = Fixtures.runAll(Floods.class, PARALLEL);

    results.testEvents().assertStatistics(stats -> stats.started(4).succeeded(4));
    List<long[]> runs = List.copyOf(Floods.intervals);
    assertThat(runs).hasSize(4);
    for (int i = 0; i < runs.size(); i++) {
      for (int j = i + 1; j < runs.size(); j++) {
        long[] a = runs.get(i);
        long[] b = runs.get(j);
        assertThat(a[1] - b[0] <= 0 || b[1] - a[0] <= 0)
            .as("floods %d and %d ran one after the other", i, j)
            .isTrue();
      }
    }
  }

  @Test
  void underTheSameParallelExecution_plainTestsDoRunAtOnce() {
    // the control: without the lock, the same configuration runs both tests together, or the
    // barrier (which needs both) times out
    EngineExecutionResults results = Fixtures.runAll(Unlocked.class, PARALLEL);

    results.testEvents().assertStatistics(stats -> stats.started(2).succeeded(2));
  }

  @Fixture
  static class Floods {

    static final List<long[]> intervals = new CopyOnWriteArrayList<>();

    @OverloadTest(grace = "2s")
    @ConstantLoad(rate = 200, duration = "300ms")
    void first(OverloadHarness harness) {
      flood(harness);
    }

    @OverloadTest(grace = "2s")
    @ConstantLoad(rate = 200, duration = "300ms")
    void second(OverloadHarness harness) {
      flood(harness);
    }

    @RepeatedTest(2)
    @Overload(grace = "2s")
    @ConstantLoad(rate = 200, duration = "300ms")
    void repeated(OverloadHarness harness) {
      flood(harness);
    }

    private static void flood(OverloadHarness harness) {
      long start = System.nanoTime();
      InstrumentedQueue<Message> mailbox = InstrumentedQueue.unbounded("mailbox");
      harness.consume(mailbox, message -> {}).sendTo(Sender.offering(mailbox::offer));
      harness.run();
      intervals.add(new long[] {start, System.nanoTime()});
    }
  }

  @Fixture
  static class Unlocked {

    static final CyclicBarrier together = new CyclicBarrier(2);

    @Test
    void first() throws Exception {
      together.await(5, TimeUnit.SECONDS);
    }

    @Test
    void second() throws Exception {
      together.await(5, TimeUnit.SECONDS);
    }
  }
}
