package dev.spillway.junit.realtargets;

import static org.assertj.core.api.Assertions.assertThat;

import dev.spillway.junit.Fixture;
import dev.spillway.junit.Fixtures;
import dev.spillway.junit.OverloadHarness;
import dev.spillway.junit.OverloadResult;
import dev.spillway.toolkit.ledger.CauseCount;
import dev.spillway.toolkit.ledger.LedgerSnapshot;
import dev.spillway.toolkit.load.Message;
import dev.spillway.toolkit.verdict.Verdict;
import java.time.Duration;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.BufferOverflowStrategy;
import reactor.core.publisher.Sinks;

/**
 * A Project Reactor pipeline — a sink the sender emits into with {@code tryEmitNext}, one
 * subscriber taking 5 ms per element on a single-thread scheduler of its own ({@code publishOn}) —
 * under the seed spike held 4 s, through the hand-written {@link ReactorPipeline} target: a unicast
 * sink with an unbounded or a bounded buffer queue, a multicast sink with a buffer of 100, and a
 * buffer-less sink into {@code onBackpressureBuffer(100, onOverflow, strategy)}.
 *
 * <p>The test counts, apart from Spillway, what every {@code tryEmitNext} answered (a {@link
 * CountingSink}) and every run of the work; after the run it completes the sink and waits for the
 * subscriber to see the end of the stream, so that every element emitted has reached the work or
 * been given up by the pipeline. Elements emitted and never run are what the pipeline dropped.
 */
@Tag("realtargets")
class ReactorPipelineTests {

  @AfterEach
  void noThreadOfOursOutlivesTheFixture() {
    assertThat(Fixtures.spillwayThreads()).isEmpty();
  }

  @Test
  void aUnicastSinkWithAnUnboundedBuffer_isOverflowed_neverLost() {
    unbounded(RealRun.of(Pipelines.class, "unboundedSink"));
  }

  static void unbounded(RealRun run) {
    OverloadResult result = Checks.verdict(run, Verdict.OVERFLOWED);
    Checks.booksAgree(run, 1);
    assertThat(result.books().shed()).isZero();
    assertThat(run.truth().runs()).as("every element ran").isEqualTo(run.truth().handed());
  }

  @Test
  void aUnicastSinkWithABoundedBuffer_isShed_andEveryRefusalIsTheEmitResult() {
    bounded(RealRun.of(Pipelines.class, "boundedSink"));
  }

  static void bounded(RealRun run) {
    OverloadResult result = Checks.verdict(run, Verdict.SHED);
    Checks.booksAgree(run, 1);
    LedgerSnapshot books = result.books();
    assertThat(books.rejected()).as(run.describe()).isPositive();
    assertThat(books.dropped()).isZero();
    assertThat(books.rejectionReasons())
        .extracting(CauseCount::cause)
        .containsExactly("Sinks.EmitResult.FAIL_OVERFLOW");
    assertThat(result.highWaterMark("orders")).isLessThanOrEqualTo(100);
    assertThat(run.truth().vanished()).as("accepted and never run").isZero();
  }

  @Test
  void aMulticastSinkWithABufferOf100_isShed_andHolds128() {
    multicast(RealRun.of(Pipelines.class, "multicastSink"));
  }

  /*
   * Sinks.many().multicast().onBackpressureBuffer(100) makes its queue with Queues.get(100): a
   * queue of 128, the next power of two. The depth read through Scannable is the queue's own size,
   * so the high-water mark shows what the sink really holds before it refuses, not what was asked.
   */
  static void multicast(RealRun run) {
    OverloadResult result = Checks.verdict(run, Verdict.SHED);
    Checks.booksAgree(run, 1);
    LedgerSnapshot books = result.books();
    assertThat(books.rejected()).as(run.describe()).isPositive();
    assertThat(books.rejectionReasons())
        .extracting(CauseCount::cause)
        .containsExactly("Sinks.EmitResult.FAIL_OVERFLOW");
    assertThat(result.highWaterMark("orders")).as(run.describe()).isBetween(101L, 128L);
    assertThat(run.truth().vanished()).as("accepted and never run").isZero();
  }

  @Test
  void anOverflowBufferDroppingTheOldest_isShed_withEveryDropCountedWithItsReason() {
    dropping(RealRun.of(Pipelines.class, "dropOldest"), "the oldest waiting element dropped");
  }

  @Test
  void anOverflowBufferDroppingTheLatest_isShed_withEveryDropCountedWithItsReason() {
    dropping(RealRun.of(Pipelines.class, "dropLatest"), "the newest element dropped");
  }

  static void dropping(RealRun run, String what) {
    OverloadResult result = Checks.verdict(run, Verdict.SHED);
    Checks.booksAgree(run, 1);
    LedgerSnapshot books = result.books();
    assertThat(books.rejected()).as("the sink refused nothing").isZero();
    // exact whatever the settlement: the test counted the end of the stream, every drop before it
    assertThat(books.dropped()).as(run.describe()).isPositive().isEqualTo(run.truth().vanished());
    assertThat(books.dropReasons())
        .extracting(CauseCount::cause)
        .singleElement()
        .asString()
        .contains(what, "the emitter was not told");
    assertThat(result.highWaterMark("orders")).isLessThanOrEqualTo(101);
  }

  @Test
  void anOverflowBufferThatErrors_diesAtTheFirstOverflow_andIsJudgedDied() {
    error(RealRun.of(Pipelines.class, "errorStrategy"));
  }

  /*
   * The truth: at the first overflow the pipeline terminated (the fixture checked the error it
   * ended with, and that the sink never took another element once it had refused one); the 100
   * buffered elements ran, and every later emission was refused with FAIL_ZERO_SUBSCRIBER — about
   * half the load, and every message after it, for good. A dead pipeline holds no backlog: it
   * refuses. DIED, because messages went on arriving for longer than the stall window after the
   * last completion and none was completed (before that rule, Spillway called it SHED).
   */
  static void error(RealRun run) {
    OverloadResult result = Checks.verdict(run, Verdict.DIED);
    assertThat(result.assessment().explanation())
        .startsWith("the consumer stopped: messages went on arriving for ");
    Checks.booksAgree(run, 1);
    LedgerSnapshot books = result.books();
    assertThat(books.dropped()).as("the overflowing element").isEqualTo(1);
    assertThat(books.rejectionReasons())
        .extracting(CauseCount::cause)
        .containsExactly("Sinks.EmitResult.FAIL_ZERO_SUBSCRIBER");
    assertThat(books.rejected()).as(run.describe()).isEqualTo(run.truth().refused()).isPositive();
    assertThat(books.processed()).isEqualTo(run.truth().runs());
  }

  /** The pipelines; each records what the test counted itself in {@link #truth}. */
  @Fixture
  static class Pipelines {

    private final LongAdder runs = new LongAdder();

    private Consumer<Message> work() {
      return message -> {
        Work.fiveMillis(message);
        runs.increment();
      };
    }

    /** Plays the load, then ends the stream and counts the truth. */
    private void play(OverloadHarness harness, ReactorPipeline pipeline, CountingSink<Message> sink)
        throws Exception {
      harness.target(pipeline);
      RealRun.play(
          harness,
          () -> {
            pipeline.completeAndAwait(Duration.ofMinutes(2));
            return Truth.counts(sink.emissions(), sink.refused(), runs.sum(), 0, 0);
          });
    }

    private void unicast(OverloadHarness harness, BlockingQueue<Message> buffer) throws Exception {
      CountingSink<Message> sink =
          new CountingSink<>(Sinks.many().unicast().onBackpressureBuffer(buffer));
      play(harness, ReactorPipeline.ofUnicastSink("orders", sink, buffer, work()), sink);
    }

    private void overflowBuffer(OverloadHarness harness, BufferOverflowStrategy strategy)
        throws Exception {
      CountingSink<Message> sink = new CountingSink<>(Sinks.many().multicast().directBestEffort());
      play(harness, ReactorPipeline.ofOverflowBuffer("orders", sink, 100, strategy, work()), sink);
    }

    @SeedSpike
    void unboundedSink(OverloadHarness harness) throws Exception {
      unicast(harness, new LinkedBlockingQueue<>());
    }

    @SeedSpike
    void boundedSink(OverloadHarness harness) throws Exception {
      unicast(harness, new ArrayBlockingQueue<>(100));
    }

    @SeedSpike
    void multicastSink(OverloadHarness harness) throws Exception {
      CountingSink<Message> sink =
          new CountingSink<>(Sinks.many().multicast().onBackpressureBuffer(100));
      play(harness, ReactorPipeline.ofMulticastSink("orders", sink, work()), sink);
    }

    @SeedSpike
    void dropOldest(OverloadHarness harness) throws Exception {
      overflowBuffer(harness, BufferOverflowStrategy.DROP_OLDEST);
    }

    @SeedSpike
    void errorStrategy(OverloadHarness harness) throws Exception {
      overflowBuffer(harness, BufferOverflowStrategy.ERROR);
    }

    @SeedSpike
    void dropLatest(OverloadHarness harness) throws Exception {
      overflowBuffer(harness, BufferOverflowStrategy.DROP_LATEST);
    }
  }
}
