package dev.spillway.junit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.spillway.toolkit.load.Message;
import dev.spillway.toolkit.load.Outcome;
import dev.spillway.toolkit.load.SendMode;
import dev.spillway.toolkit.record.InstrumentedQueue;
import dev.spillway.toolkit.record.TraceEvent;
import dev.spillway.toolkit.sentinel.Mitigation;
import dev.spillway.toolkit.sentinel.Sentinel;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The ways to reach a target (asynchronously, through a pool of senders, through a wrapped
 * interface) and the run's timeline, each counted in the books.
 */
class OverloadTargetsTests {

  @AfterEach
  void noThreadOfOursOutlivesTheFixture() {
    assertThat(Fixtures.spillwayThreads()).isEmpty();
  }

  @Test
  void anAsyncTarget_isMeasuredToTheCompletionOfItsStage() {
    Fixtures.Outcome outcome = Fixtures.run(Targets.class, "asyncTarget");

    assertThat(outcome.failure()).isEmpty();
    OverloadResult result = Targets.lastResult.get();
    assertThat(result.load().mode()).isEqualTo(SendMode.ASYNC);
    // each stage completes when the 3 ms consumer is done: latency counts the processing
    assertThat(result.load().latency().p50()).isGreaterThanOrEqualTo(Duration.ofMillis(3));
    assertThat(result.books().sent()).isEqualTo(result.books().processed()).isEqualTo(50);
  }

  @Test
  void aPoolOfSenders_mayBlockOnAFullQueue_andEveryMessageIsAccounted() {
    Fixtures.Outcome outcome = Fixtures.run(Targets.class, "poolTarget");

    assertThat(outcome.failure()).isEmpty();
    OverloadResult result = Targets.lastResult.get();
    assertThat(result.load().mode()).isEqualTo(SendMode.POOL);
    assertThat(result.highWaterMark("mailbox")).isLessThanOrEqualTo(5);
    assertThat(result.books().isBalanced()).isTrue();
    assertThat(result.books().processed()).isEqualTo(result.load().accepted());
  }

  @Test
  void aWrappedInterface_countsTheNamedMethodOnly() {
    Fixtures.Outcome outcome = Fixtures.run(Targets.class, "wrappedInterface");

    assertThat(outcome.failure()).isEmpty();
    OverloadResult result = Targets.lastResult.get();
    assertThat(result.books().processed()).isEqualTo(result.books().sent()).isEqualTo(60);
  }

  @Test
  void aSentinelsEvents_landOnTheRunsTimeline() {
    Fixtures.Outcome outcome = Fixtures.run(Targets.class, "watchedBySentinel");

    assertThat(outcome.failure()).isEmpty();
    OverloadResult result = Targets.lastResult.get();
    assertThat(result.trace().events(TraceEvent.Kind.BREACH))
        .singleElement()
        .satisfies(e -> assertThat(result.trace().offsetOf(e)).isPositive());
    assertThat(result.trace().events(TraceEvent.Kind.PHASE)).hasSize(1);
    assertThat(result.trace().events(TraceEvent.Kind.MARK))
        .extracting(TraceEvent::detail)
        .containsExactly("the consumer marks the timeline");
  }

  /** A handler interface, as a component would define it. */
  interface Handler {
    void handle(Message message);

    String describe();
  }

  @Fixture
  static class Targets {

    static final AtomicReference<OverloadResult> lastResult = new AtomicReference<>();

    @OverloadTest(grace = "2s")
    @ConstantLoad(rate = 100, duration = "500ms")
    @FixedDelay("3ms")
    @DrainsWithin("1s")
    void asyncTarget(OverloadHarness harness) {
      InstrumentedQueue<CompletableFuture<Outcome>> mailbox =
          InstrumentedQueue.unbounded("mailbox");
      harness
          .consume(mailbox, done -> done.complete(Outcome.ACCEPTED))
          .sendAsyncTo(
              message -> {
                CompletableFuture<Outcome> done = new CompletableFuture<>();
                mailbox.offer(done);
                return done;
              });
      lastResult.set(harness.run());
    }

    @OverloadTest(grace = "2s")
    @ConstantLoad(rate = 300, duration = "500ms")
    @FixedDelay("5ms")
    @DrainsWithin("1s")
    void poolTarget(OverloadHarness harness) {
      InstrumentedQueue<Message> mailbox = InstrumentedQueue.bounded("mailbox", 5);
      harness
          .consume(mailbox, message -> {})
          .sendWithPool(
              4,
              message -> {
                mailbox.put(message); // blocks while the mailbox is full
                return Outcome.ACCEPTED;
              });
      lastResult.set(harness.run());
    }

    @OverloadTest(grace = "2s")
    @ConstantLoad(rate = 200, duration = "300ms")
    @FixedDelay("1ms")
    @DrainsWithin("1s")
    void wrappedInterface(OverloadHarness harness) {
      Handler plain =
          new Handler() {
            @Override
            public void handle(Message message) {}

            @Override
            public String describe() {
              return "plain";
            }
          };
      Handler handler = harness.wrap(Handler.class, plain, "handle");
      InstrumentedQueue<Message> mailbox = InstrumentedQueue.unbounded("mailbox");
      harness.watch(mailbox).sendTo(message -> mailbox.offer(message) ? Outcome.ACCEPTED : null);
      Thread consumer =
          new Thread(
              () -> {
                try {
                  while (true) {
                    handler.handle(mailbox.take());
                    handler.describe(); // not a message: not counted
                  }
                } catch (InterruptedException stop) {
                  Thread.currentThread().interrupt();
                }
              },
              "fixture-handler");
      consumer.start();
      harness.closeAfterTest(
          () -> {
            consumer.interrupt();
            consumer.join(1000);
          });
      lastResult.set(harness.run());
      assertThat(handler.describe()).isEqualTo("plain");
    }

    @OverloadTest(grace = "2s")
    @ConstantLoad(rate = 300, duration = "500ms")
    @FixedDelay("5ms")
    @DrainsWithin("2s")
    void watchedBySentinel(OverloadHarness harness) {
      InstrumentedQueue<Message> mailbox = InstrumentedQueue.unbounded("mailbox");
      harness.closeAfterTest(
          Sentinel.watching(mailbox)
              .enableAt(20)
              .disableAt(0)
              .oneShot()
              .mitigate(Mitigation.none())
              .events(harness.events())
              .start());
      AtomicBoolean marked = new AtomicBoolean();
      harness
          .consume(
              mailbox,
              message -> {
                if (marked.compareAndSet(false, true)) {
                  harness.mark("the consumer marks the timeline");
                }
              })
          .sendTo(message -> mailbox.offer(message) ? Outcome.ACCEPTED : Outcome.REJECTED);
      harness.mark("not recorded: the run has not started");
      lastResult.set(harness.run());
    }
  }
}
