package dev.spillway.junit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.spillway.toolkit.load.Message;
import dev.spillway.toolkit.load.Outcome;
import dev.spillway.toolkit.load.Sender;
import dev.spillway.toolkit.record.InstrumentedQueue;
import dev.spillway.toolkit.verdict.Verdict;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Consumer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.jupiter.api.extension.ParameterResolutionException;
import org.junit.platform.engine.TestExecutionResult.Status;

/** The watchdog, the clean-up, and misuse of the harness. */
class OverloadLifecycleTests {

  @Nested
  class Watchdog {

    @Test
    void aDeadlockedTarget_isEndedByTheDriversDeadline_andTheTestSaysSo() {
      Fixtures.Outcome outcome = Fixtures.run(Deadlocks.class, "deadlockedTarget");

      assertThat(outcome.message())
          .startsWith(
              "the watchdog ended the load: it did not end within its planned duration + grace"
                  + " (planned 300 ms + grace 500 ms elapsed);")
          .contains("1 sends did not finish");
      // planned 300 ms + grace 500 ms, then the stop: well within a few seconds
      assertThat(outcome.took()).isLessThan(Duration.ofSeconds(4));
      assertThat(Fixtures.spillwayThreads()).isEmpty();
    }

    @Test
    void aBodyThatBlocksForever_isInterruptedAtItsDeadline_withTheStackWhereItWas() {
      Fixtures.Outcome outcome = Fixtures.run(Deadlocks.class, "bodyBlocksForever");

      assertThat(outcome.message())
          .startsWith(
              "Spillway watchdog: overload test 'bodyBlocksForever' did not end by its deadline,"
                  + " 300 ms after it started (setup timeout 300 ms after the test started); the load"
                  + " was stopped and the test body interrupted. The body was blocked at:")
          .contains("java.util.concurrent.CountDownLatch.await")
          .contains("OverloadLifecycleTests$Deadlocks.bodyBlocksForever");
      assertThat(outcome.took()).isLessThan(Duration.ofSeconds(3));
      assertThat(Fixtures.spillwayThreads()).isEmpty();
    }

    @Test
    void aTargetThatIgnoresInterrupts_failsTheTest_namingTheThreadLeftBehind() {
      try {
        Fixtures.Outcome outcome = Fixtures.run(Deadlocks.class, "stubbornTarget");

        assertThat(outcome.message())
            .startsWith("the watchdog ended the load")
            .contains("1 thread(s) were still stuck in the target");
        // JUnit reports the failure to close the store next to the test's own failure
        assertThat(allCauses(outcome.failure().orElseThrow()))
            .anySatisfy(
                e ->
                    assertThat(e)
                        .isInstanceOf(IllegalStateException.class)
                        .hasMessageStartingWith(
                            "threads of overload test 'stubbornTarget' still alive 2 s after it"
                                + " ended (stuck in code that ignores interrupts?):")
                        .hasMessageContaining("spillway-load-stubbornTarget"));
      } finally {
        Deadlocks.release = true;
      }
      await().atMost(Duration.ofSeconds(2)).until(() -> Fixtures.spillwayThreads().isEmpty());
    }
  }

  /** {@code failure}, its causes and its suppressed exceptions, recursively. */
  static List<Throwable> allCauses(Throwable failure) {
    List<Throwable> all = new java.util.ArrayList<>();
    java.util.Deque<Throwable> todo = new java.util.ArrayDeque<>(List.of(failure));
    while (!todo.isEmpty()) {
      Throwable t = todo.pop();
      if (!all.contains(t)) {
        all.add(t);
        if (t.getCause() != null) {
          todo.push(t.getCause());
        }
        todo.addAll(List.of(t.getSuppressed()));
      }
    }
    return all;
  }

  @Fixture
  static class Deadlocks {

    static volatile boolean release;

    @OverloadTest(grace = "500ms")
    @ConstantLoad(rate = 100, duration = "300ms")
    @AllowSilentLoss("the target deadlocks before anything is processed")
    void deadlockedTarget(OverloadHarness harness) {
      CountDownLatch never = new CountDownLatch(1);
      harness
          .watch(InstrumentedQueue.unbounded("mailbox"))
          .sendTo(
              message -> {
                never.await();
                return Outcome.ACCEPTED;
              });
    }

    @OverloadTest(setupTimeout = "300ms")
    void bodyBlocksForever(OverloadHarness harness) throws InterruptedException {
      new CountDownLatch(1).await();
    }

    @OverloadTest(grace = "200ms")
    @ConstantLoad(rate = 100, duration = "200ms")
    @AllowSilentLoss("the target hangs before anything is processed")
    void stubbornTarget(OverloadHarness harness) {
      release = false;
      harness
          .watch(InstrumentedQueue.unbounded("mailbox"))
          .sendTo(
              message -> {
                while (!release) { // ignores interrupts, until the test lets it go
                  LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(1));
                }
                return Outcome.ACCEPTED;
              });
    }
  }

  @Nested
  class CleanUp {

    @BeforeEach
    void reset() {
      Throwing.closed.clear();
      Throwing.slow.set(null);
    }

    @Test
    void whenTheBodyThrows_everythingIsClosed_inReverseOrder() {
      Fixtures.Outcome outcome = Fixtures.run(Throwing.class, "throwsBeforeTheRun");

      assertThat(outcome.failure()).containsInstanceOf(IllegalStateException.class);
      assertThat(outcome.message()).isEqualTo("boom");
      assertThat(Throwing.closed).containsExactly("second", "first");
      assertThat(Fixtures.spillwayThreads()).isEmpty();
    }

    @Test
    void whenARunFails_theInjectionIsClosed_andNoThreadIsLeft() {
      Fixtures.Outcome outcome = Fixtures.run(Throwing.class, "failsMidRun");

      assertThat(outcome.message()).contains("@QueueBound(max = 5) breached");
      assertThat(Fixtures.spillwayThreads()).isEmpty();
      // the injection (1 s before each call) is closed: the wrapped consumer goes straight through
      long start = System.nanoTime();
      Throwing.slow.get().accept("after the test");
      assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofMillis(500));
    }
  }

  @Fixture
  static class Throwing {

    static final List<String> closed = new CopyOnWriteArrayList<>();
    static final AtomicReference<Consumer<String>> slow = new AtomicReference<>();

    @OverloadTest(grace = "1s")
    @ConstantLoad(rate = 100, duration = "1s")
    @FixedDelay("1s")
    void throwsBeforeTheRun(OverloadHarness harness) {
      InstrumentedQueue<Message> mailbox = InstrumentedQueue.unbounded("mailbox");
      harness.consume(mailbox, message -> {}).sendTo(Sender.offering(mailbox::offer));
      harness.closeAfterTest(() -> closed.add("first"));
      harness.closeAfterTest(() -> closed.add("second"));
      throw new IllegalStateException("boom");
    }

    @OverloadTest(grace = "1s")
    @ConstantLoad(rate = 200, duration = "1s")
    @FixedDelay("1s")
    @QueueBound(max = 5)
    void failsMidRun(OverloadHarness harness) {
      InstrumentedQueue<Message> mailbox = InstrumentedQueue.unbounded("mailbox");
      slow.set(harness.wrapConsumer(message -> {}));
      harness.consume(mailbox, message -> {}).sendTo(Sender.offering(mailbox::offer));
    }
  }

  @Nested
  class Misuse {

    private void assertMisuse(String method, Class<? extends Throwable> type, String message) {
      Fixtures.Outcome outcome = Fixtures.run(Misused.class, method);

      assertThat(outcome.status()).isEqualTo(Status.FAILED);
      assertThat(outcome.failure()).containsInstanceOf(type);
      assertThat(outcome.message()).startsWith(message);
      assertThat(Fixtures.spillwayThreads()).isEmpty();
    }

    @Test
    void aRunWithoutATarget_isRefusedBeforeItStarts() {
      assertMisuse(
          "noTarget",
          IllegalStateException.class,
          "test 'noTarget' has no target: register it with harness.sendTo(...)");
    }

    @Test
    void aRunWithoutAWatchedQueue_isRefusedBeforeItStarts() {
      assertMisuse(
          "nothingWatched",
          IllegalStateException.class,
          "test 'nothingWatched' watches no queue: register at least one");
    }

    @Test
    void aBound_onAQueueThatIsNotWatched_isRefused() {
      assertMisuse(
          "unknownBoundQueue",
          ExtensionConfigurationException.class,
          "@QueueBound requires that queue name a watched queue (one of [mailbox]), but was"
              + " \"audit\"");
    }

    @Test
    void anExpectedVerdict_onAQueueThatIsNotWatched_isRefused() {
      assertMisuse(
          "unknownVerdictQueue",
          ExtensionConfigurationException.class,
          "@ExpectVerdict requires that queue name a watched queue (one of [mailbox]), but was"
              + " \"audit\"");
    }

    @Test
    void aDelay_withNothingWrappedToSlowDown_isRefused() {
      assertMisuse(
          "delayButNothingWrapped",
          ExtensionConfigurationException.class,
          "test 'delayButNothingWrapped' declares @FixedDelay but wraps no component to slow down");
    }

    @Test
    void theSilentLossCheck_withNothingCountingProcessedMessages_isRefused() {
      assertMisuse(
          "nothingCounted",
          ExtensionConfigurationException.class,
          "test 'nothingCounted' checks that no message is lost silently, with books kept by the"
              + " harness, but wraps no consumer");
    }

    @Test
    void bounds_withoutAnyLoad_areRefused() {
      assertMisuse(
          "boundsWithoutLoad",
          ExtensionConfigurationException.class,
          "test 'boundsWithoutLoad' declares bounds but no load ran");
    }

    @Test
    void aSecondRun_isRefused() {
      assertMisuse(
          "runsTwice",
          IllegalStateException.class,
          "harness of test 'runsTwice' has run already: a harness runs once");
    }

    @Test
    void configuringAfterTheRun_isRefused() {
      assertMisuse(
          "watchesAfterTheRun",
          IllegalStateException.class,
          "watch(queue) configures the harness, which must happen before run()");
    }

    @Test
    void aSecondTarget_isRefused() {
      assertMisuse(
          "twoTargets",
          IllegalStateException.class,
          "a harness has one target, and it is already set with sendTo(...)");
    }

    @Test
    void aHarness_outsideTheTestMethod_isRefused() {
      Fixtures.Outcome outcome = Fixtures.run(HarnessInBeforeEach.class, "test");

      assertThat(outcome.failure()).containsInstanceOf(ParameterResolutionException.class);
      assertThat(outcome.message())
          .startsWith("an OverloadHarness can only be a parameter of the @OverloadTest method");
    }
  }

  @Fixture
  static class Misused {

    @OverloadTest
    @ConstantLoad(rate = 100, duration = "1s")
    void noTarget(OverloadHarness harness) {
      InstrumentedQueue<Message> mailbox = InstrumentedQueue.unbounded("mailbox");
      harness.consume(mailbox, message -> {});
    }

    @OverloadTest
    @ConstantLoad(rate = 100, duration = "1s")
    @AllowSilentLoss("nothing is watched anyway")
    void nothingWatched(OverloadHarness harness) {
      harness.sendTo(message -> Outcome.ACCEPTED);
    }

    @OverloadTest
    @ConstantLoad(rate = 100, duration = "1s")
    @QueueBound(max = 10, queue = "audit")
    void unknownBoundQueue(OverloadHarness harness) {
      InstrumentedQueue<Message> mailbox = InstrumentedQueue.unbounded("mailbox");
      harness.consume(mailbox, message -> {}).sendTo(Sender.offering(mailbox::offer));
    }

    @OverloadTest
    @ConstantLoad(rate = 100, duration = "1s")
    @ExpectVerdict(value = Verdict.SHED, queue = "audit")
    void unknownVerdictQueue(OverloadHarness harness) {
      InstrumentedQueue<Message> mailbox = InstrumentedQueue.unbounded("mailbox");
      harness.consume(mailbox, message -> {}).sendTo(Sender.offering(mailbox::offer));
    }

    @OverloadTest
    @ConstantLoad(rate = 100, duration = "1s")
    @FixedDelay("5ms")
    @AllowSilentLoss("nothing is counted here")
    void delayButNothingWrapped(OverloadHarness harness) {
      InstrumentedQueue<Message> mailbox = InstrumentedQueue.unbounded("mailbox");
      harness.watch(mailbox).sendTo(Sender.offering(mailbox::offer));
    }

    @OverloadTest
    @ConstantLoad(rate = 100, duration = "1s")
    void nothingCounted(OverloadHarness harness) {
      InstrumentedQueue<Message> mailbox = InstrumentedQueue.unbounded("mailbox");
      harness.watch(mailbox).sendTo(Sender.offering(mailbox::offer));
    }

    @OverloadTest
    @QueueBound(max = 10)
    void boundsWithoutLoad(OverloadHarness harness) {
      InstrumentedQueue<Message> mailbox = InstrumentedQueue.unbounded("mailbox");
      harness.consume(mailbox, message -> {}).sendTo(Sender.offering(mailbox::offer));
    }

    @OverloadTest(grace = "1s")
    @ConstantLoad(rate = 100, duration = "100ms")
    void runsTwice(OverloadHarness harness) {
      InstrumentedQueue<Message> mailbox = InstrumentedQueue.unbounded("mailbox");
      harness.consume(mailbox, message -> {}).sendTo(Sender.offering(mailbox::offer));
      harness.run();
      harness.run();
    }

    @OverloadTest(grace = "1s")
    @ConstantLoad(rate = 100, duration = "100ms")
    void watchesAfterTheRun(OverloadHarness harness) {
      InstrumentedQueue<Message> mailbox = InstrumentedQueue.unbounded("mailbox");
      harness.consume(mailbox, message -> {}).sendTo(Sender.offering(mailbox::offer));
      harness.run();
      harness.watch(InstrumentedQueue.unbounded("late"));
    }

    @OverloadTest
    void twoTargets(OverloadHarness harness) {
      harness.sendTo(message -> Outcome.ACCEPTED).sendWithPool(2, message -> Outcome.ACCEPTED);
    }
  }

  @Fixture
  static class HarnessInBeforeEach {

    @BeforeEach
    void setUp(OverloadHarness harness) {}

    @OverloadTest
    void test(OverloadHarness harness) {}
  }
}
