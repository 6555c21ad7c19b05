package dev.spillway.junit.examples;

import static java.util.concurrent.TimeUnit.SECONDS;
import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.AsyncAppender;
import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.util.LogbackMDCAdapter;
import ch.qos.logback.core.AppenderBase;
import dev.spillway.junit.ExpectVerdict;
import dev.spillway.junit.OverloadHarness;
import dev.spillway.junit.OverloadResult;
import dev.spillway.junit.OverloadTest;
import dev.spillway.junit.SpikeLoad;
import dev.spillway.junit.realtargets.Log4jAsyncTarget;
import dev.spillway.junit.realtargets.LogbackAsyncTarget;
import dev.spillway.toolkit.ledger.InFlight;
import dev.spillway.toolkit.ledger.MessageLedger;
import dev.spillway.toolkit.load.Message;
import dev.spillway.toolkit.load.Outcome;
import dev.spillway.toolkit.load.Sender;
import dev.spillway.toolkit.probe.QueueProbe;
import dev.spillway.toolkit.probe.QueueProbes;
import dev.spillway.toolkit.target.AccountedTarget;
import dev.spillway.toolkit.target.ExecutorTarget;
import dev.spillway.toolkit.verdict.Verdict;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.logging.log4j.core.Appender;
import org.apache.logging.log4j.core.LogEvent;
import org.apache.logging.log4j.core.appender.AbstractAppender;
import org.apache.logging.log4j.core.config.Property;
import reactor.core.publisher.Sinks;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;

/**
 * The examples of the README's "Real components as targets", run as the overload tests they are.
 * {@link ReadmeSnippetTest} keeps the README's copies identical to these.
 */
class RealTargetExamplesTest {

  // README-SNIPPET-START executor-target
  @OverloadTest
  @SpikeLoad(base = 150, peak = 250, at = "500ms", hold = "4s", duration = "5s")
  @ExpectVerdict(Verdict.SHED)
  void aPoolWithABoundedQueue_shedsTheSpike(OverloadHarness harness) {
    ThreadPoolExecutor pool =
        new ThreadPoolExecutor(1, 1, 0, SECONDS, new ArrayBlockingQueue<>(100)); // AbortPolicy
    harness.closeAfterTest(pool::shutdownNow);
    // one call: sends, the work queue (capacity 100), the books, every message in flight
    harness.target(ExecutorTarget.of("orders", pool, order -> handle(order)));
  }

  /** The component's work: 5 ms per order, about 200 orders a second on one thread. */
  static void handle(Message order) {
    try {
      Thread.sleep(5);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
  }

  // README-SNIPPET-END executor-target

  // README-SNIPPET-START caller-runs
  @OverloadTest
  @SpikeLoad(base = 150, peak = 250, at = "500ms", hold = "4s", duration = "5s")
  void callerRuns_pushesTheSpikeBackOntoItsCaller(OverloadHarness harness) {
    ThreadPoolExecutor pool =
        new ThreadPoolExecutor(
            1,
            1,
            0,
            SECONDS,
            new ArrayBlockingQueue<>(100),
            new ThreadPoolExecutor.CallerRunsPolicy());
    harness.closeAfterTest(pool::shutdownNow);
    harness.target(ExecutorTarget.of("orders", pool, order -> handle(order)));

    OverloadResult result = harness.run();

    assertThat(result.verdict()).isEqualTo(Verdict.PUSHED_BACK); // not SURVIVED
    assertThat(result.books().byCaller()).isPositive(); // run on the driver's thread, not in μ
    assertThat(result.books().shed()).isZero(); // nothing turned away
  }

  // README-SNIPPET-END caller-runs

  // README-SNIPPET-START discard
  @OverloadTest
  @SpikeLoad(base = 150, peak = 250, at = "500ms", hold = "4s", duration = "5s")
  void discardPolicy_shedsSilently_andTheBooksSaySo(OverloadHarness harness) {
    ThreadPoolExecutor pool =
        new ThreadPoolExecutor(
            1,
            1,
            0,
            SECONDS,
            new ArrayBlockingQueue<>(100),
            new ThreadPoolExecutor.DiscardPolicy());
    harness.closeAfterTest(pool::shutdownNow);
    harness.target(ExecutorTarget.of("orders", pool, order -> handle(order)));

    OverloadResult result = harness.run();

    assertThat(result.verdict()).isEqualTo(Verdict.SHED);
    assertThat(result.books().dropped()).isPositive(); // each discard counted as it happened
    assertThat(result.summary())
        .contains("discarded by DiscardPolicy (queue full): the caller was not told");
  }

  // README-SNIPPET-END discard

  // README-SNIPPET-START logback-async
  @OverloadTest
  @SpikeLoad(base = 150, peak = 250, at = "500ms", hold = "4s", duration = "5s")
  @ExpectVerdict(Verdict.SHED) // INFO is discardable: discarded, each one counted
  void logbacksAsyncAppender_discardsInfoEvents(OverloadHarness harness) {
    LoggerContext context = new LoggerContext();
    context.setMDCAdapter(new LogbackMDCAdapter()); // what the SLF4J binding would set
    AsyncAppender async = new AsyncAppender();
    async.setContext(context);
    async.setQueueSize(64); // discardingThreshold 64 / 5: INFO goes once 53 are queued
    AppenderBase<ILoggingEvent> slow =
        new AppenderBase<>() {
          @Override
          protected void append(ILoggingEvent event) {
            handle(null); // 5 ms per event
          }
        };
    slow.setContext(context);
    slow.start();
    harness.closeAfterTest(context::stop);
    harness.closeAfterTest(async::stop);
    // attaches slow to async through a delivery count, starts async, sends INFO events
    harness.target(LogbackAsyncTarget.start("orders", async, slow, Level.INFO));
  }

  // README-SNIPPET-END logback-async

  // README-SNIPPET-START log4j-async
  @OverloadTest
  @SpikeLoad(base = 150, peak = 250, at = "500ms", hold = "4s", duration = "5s")
  @ExpectVerdict(Verdict.PUSHED_BACK) // blocking=true (the default): the caller waits in put
  void log4jsAsyncAppender_holdsItsCaller(OverloadHarness harness) {
    Appender slow =
        new AbstractAppender("slow", null, null, true, Property.EMPTY_ARRAY) {
          @Override
          public void append(LogEvent event) {
            handle(null); // 5 ms per event
          }
        };
    slow.start();
    // an AsyncAppender with a queue of 100 (Log4j's default: 1024), blocking, delivering to slow
    Log4jAsyncTarget orders = Log4jAsyncTarget.start("orders", slow, 100, true);
    harness.closeAfterTest(orders::stop);
    harness.target(orders);
  }

  // README-SNIPPET-END log4j-async

  // README-SNIPPET-START failed
  @OverloadTest
  @SpikeLoad(base = 150, peak = 250, at = "500ms", hold = "1s", duration = "2s")
  @ExpectVerdict(Verdict.FAILED) // more than 1 % failed: never SURVIVED
  void aPoolWhoseWorkFails_isFailed(OverloadHarness harness) {
    ThreadPoolExecutor pool = new ThreadPoolExecutor(2, 2, 0, SECONDS, new LinkedBlockingQueue<>());
    harness.closeAfterTest(pool::shutdownNow);
    harness.target(
        ExecutorTarget.of(
            "orders",
            pool,
            order -> {
              throw new IllegalStateException("inventory service unavailable");
            }));
  }

  // README-SNIPPET-END failed

  // README-SNIPPET-START reactor-sink
  @OverloadTest
  @SpikeLoad(base = 150, peak = 250, at = "500ms", hold = "4s", duration = "5s")
  @ExpectVerdict(Verdict.SHED)
  void aReactorSinkWithABoundedBuffer_shedsTheSpike(OverloadHarness harness) {
    MessageLedger ledger = MessageLedger.builder().named("orders").build();
    BlockingQueue<Message> buffer = new ArrayBlockingQueue<>(100); // the sink's queue, readable
    Sinks.Many<Message> sink = Sinks.many().unicast().onBackpressureBuffer(buffer);
    AtomicLong inFlight = new AtomicLong();
    Scheduler consumer = Schedulers.newSingle("orders"); // the subscriber's own thread
    harness.closeAfterTest(consumer::dispose);
    // publishOn fuses with a unicast sink and polls `buffer` itself: the pipeline's one queue
    sink.asFlux()
        .publishOn(consumer, 1)
        .subscribe(
            order -> {
              inFlight.incrementAndGet(); // out of the buffer, into flight
              handle(order);
              inFlight.decrementAndGet(); // out of flight before its outcome
              ledger.processed();
            });
    harness.target(
        new AccountedTarget() {
          @Override
          public String name() {
            return "orders";
          }

          @Override
          public Sender sender() {
            return order -> {
              ledger.sent(); // before it can reach the subscriber
              Sinks.EmitResult result = sink.tryEmitNext(order);
              if (result.isSuccess()) {
                return Outcome.ACCEPTED;
              }
              String reason = "Sinks.EmitResult." + result; // FAIL_OVERFLOW: the buffer is full
              ledger.rejected(reason);
              return Outcome.rejected(reason);
            };
          }

          @Override
          public List<QueueProbe> queues() {
            return List.of(QueueProbes.blockingQueue("orders", buffer)); // depth and capacity
          }

          @Override
          public MessageLedger ledger() {
            return ledger;
          }

          @Override
          public InFlight inFlight() {
            return InFlight.counted(inFlight::get);
          }
        });
  }

  // README-SNIPPET-END reactor-sink
}
