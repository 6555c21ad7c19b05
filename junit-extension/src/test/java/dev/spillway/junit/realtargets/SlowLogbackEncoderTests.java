package dev.spillway.junit.realtargets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.withinPercentage;

import ch.qos.logback.classic.AsyncAppender;
import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.util.LogbackMDCAdapter;
import ch.qos.logback.core.OutputStreamAppender;
import dev.spillway.junit.ConstantLoad;
import dev.spillway.junit.ExpectVerdict;
import dev.spillway.junit.Fixture;
import dev.spillway.junit.Fixtures;
import dev.spillway.junit.OverloadHarness;
import dev.spillway.junit.OverloadResult;
import dev.spillway.junit.OverloadTest;
import dev.spillway.junit.RecordAutopsy;
import dev.spillway.junit.SlowMethod;
import dev.spillway.toolkit.autopsy.AutopsyReport;
import dev.spillway.toolkit.inject.method.MethodInjection;
import dev.spillway.toolkit.ledger.RateBucket;
import dev.spillway.toolkit.record.Growth;
import dev.spillway.toolkit.verdict.Verdict;
import java.io.OutputStream;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.platform.engine.TestExecutionResult.Status;

/**
 * {@link SlowMethod} and the autopsy on code nobody here wrote: Logback's own {@code
 * LayoutWrappingEncoder.encode}, called inside its {@code OutputStreamAppender} on the {@code
 * AsyncAppender}'s worker thread, slowed by 5 ms so that the worker serves about 200 events a
 * second. The test counts the truth itself: the lines Logback wrote to the stream.
 */
@Tag("realtargets")
class SlowLogbackEncoderTests {

  @AfterEach
  void noThreadOfOursOutlivesTheFixture_andNoClassStaysWoven() {
    assertThat(Fixtures.spillwayThreads()).isEmpty();
    assertThat(MethodInjection.wovenMethods()).isEmpty();
  }

  @Test
  void aSlowEncoderInsideLogback_overflowsTheAsyncAppenderAtArrivalMinusServiceRate() {
    RealRun run = RealRun.of(SlowEncoder.class, "encodeTakes5ms");

    assertThat(run.outcome().status()).as(run.describe()).isEqualTo(Status.SUCCESSFUL);
    OverloadResult result = run.measured();
    assertThat(result.verdict()).as(run.describe()).isEqualTo(Verdict.OVERFLOWED);
    // λ and μ from the ledger's whole buckets over the window the verdict fitted growth over, and
    // the backlog's growth over exactly that span
    Growth judged = result.assessment().growth();
    long origin = result.trace().startNanos();
    RateBucket window =
        SlowEncoder.ledger
            .get()
            .ledger()
            .wholeBuckets(origin + judged.from().toNanos(), origin + judged.to().toNanos())
            .orElseThrow();
    Duration from = result.trace().offsetOf(window.startNanos());
    Growth growth = result.trace().series("orders").growth(from, from.plus(window.length()));
    double excess = window.arrivalPerSecond() - window.servicePerSecond();
    String figures =
        String.format(
            "over %s: λ = %.1f/s, μ = %.1f/s, growth %.1f/s",
            window.length(),
            window.arrivalPerSecond(),
            window.servicePerSecond(),
            growth.slopePerSecond());
    System.out.println("[slow logback encoder] " + figures + ", λ − μ " + Math.round(excess));
    assertThat(window.length()).as(figures).isGreaterThanOrEqualTo(Duration.ofMillis(800));
    // 5 ms in every encode is the worker's service time: μ cannot exceed 200/s
    assertThat(window.servicePerSecond()).as(figures).isPositive().isLessThanOrEqualTo(202);
    assertThat(excess).as(figures).isGreaterThan(50);
    assertThat(growth.slopePerSecond()).as(figures).isCloseTo(excess, withinPercentage(20));
    // the autopsy of Logback's worker thread names Logback's encoder, two appenders deep
    AutopsyReport autopsy = result.autopsy().orElseThrow();
    assertThat(autopsy.topMethod().orElseThrow().shortName())
        .as(autopsy.summary())
        .isEqualTo("LayoutWrappingEncoder.encode");
    assertThat(autopsy.topMethod().get().share()).as(autopsy.summary()).isGreaterThan(0.5);
    // the truth: every event the books processed is a line Logback wrote, and every event sent
    // was processed (nothing shed: the queue of 1,024 never filled)
    assertThat(run.truth().runs()).as(run.describe()).isEqualTo(result.books().processed());
    assertThat(run.truth().handed()).as(run.describe()).isEqualTo(result.books().sent());
    assertThat(result.books().processed()).isEqualTo(result.books().sent());
  }

  /** The fixture: an async appender whose real file-style appender encodes slowly. */
  @Fixture
  static class SlowEncoder {

    static final AtomicReference<LogbackAsyncTarget> ledger = new AtomicReference<>();

    @OverloadTest(grace = "10s")
    @ConstantLoad(rate = 300, duration = "2500ms")
    @SlowMethod(
        typeName = "ch.qos.logback.core.encoder.LayoutWrappingEncoder",
        method = "encode",
        delay = "5ms")
    @ExpectVerdict(Verdict.OVERFLOWED)
    @RecordAutopsy
    void encodeTakes5ms(OverloadHarness harness) throws Exception {
      LoggerContext context = new LoggerContext();
      context.setName("slow-encoder");
      context.setMDCAdapter(new LogbackMDCAdapter()); // what SLF4J's binding would give it
      harness.closeAfterTest(context::stop);
      LineCount lines = new LineCount();
      PatternLayoutEncoder encoder = new PatternLayoutEncoder();
      encoder.setContext(context);
      encoder.setPattern("%d{HH:mm:ss.SSS} %-5level %logger - %msg%n");
      encoder.start();
      OutputStreamAppender<ILoggingEvent> file = new OutputStreamAppender<>();
      file.setContext(context);
      file.setName("file");
      file.setEncoder(encoder);
      file.setOutputStream(lines);
      file.start();
      AsyncAppender async = new AsyncAppender();
      async.setContext(context);
      async.setName("orders");
      async.setQueueSize(1024); // room for the run's whole backlog: no push-back, no discard
      harness.closeAfterTest(async::stop);
      LogbackAsyncTarget logback = LogbackAsyncTarget.start("orders", async, file, Level.WARN);
      ledger.set(logback);
      HandedCount target = new HandedCount(logback);
      harness.target(target);
      harness.autopsyOf(t -> t.getName().startsWith("AsyncAppender-Worker-"));
      RealRun.play(harness, () -> Truth.counts(target.handed(), 0, lines.lines(), 0, 0));
    }
  }

  /** Counts the lines written to it, and keeps nothing. */
  private static final class LineCount extends OutputStream {

    private final AtomicLong lines = new AtomicLong();

    @Override
    public void write(int b) {
      if (b == '\n') {
        lines.incrementAndGet();
      }
    }

    @Override
    public void write(byte[] bytes, int offset, int length) {
      for (int i = offset; i < offset + length; i++) {
        write(bytes[i]);
      }
    }

    long lines() {
      return lines.get();
    }
  }
}
