package dev.spillway.junit.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.spillway.toolkit.autopsy.AutopsyReport;
import dev.spillway.toolkit.autopsy.GcFigures;
import dev.spillway.toolkit.autopsy.GcPause;
import dev.spillway.toolkit.autopsy.TimeShares;
import dev.spillway.toolkit.ledger.MessageLedger;
import dev.spillway.toolkit.record.DepthSeries;
import dev.spillway.toolkit.record.QueueTrace;
import dev.spillway.toolkit.verdict.GcActivity;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** How an autopsy's collections are placed on the trace a verdict reads a GC spiral from. */
class JudgeGcActivityTest {

  private static final long TRACE_START = 5_000_000_000L;

  private static QueueTrace trace() {
    long[] t = {0, 1_000_000_000L, 2_000_000_000L};
    long[] d = {0, 10, 20};
    return new QueueTrace(
        "rec",
        Instant.EPOCH,
        TRACE_START,
        Duration.ofSeconds(2),
        Duration.ofSeconds(1),
        List.of(DepthSeries.of("q", t, d)),
        List.of(),
        0,
        0);
  }

  private static AutopsyReport autopsy(Duration window, GcPause... pauses) {
    return new AutopsyReport(
        Optional.empty(),
        window,
        Duration.ofMillis(10),
        List.of(),
        0,
        TimeShares.NONE,
        List.of(),
        new GcFigures(Duration.ZERO, 0, List.of(pauses)),
        OptionalLong.empty(),
        List.of());
  }

  private static GcPause pause(long atMillis) {
    return new GcPause(
        Duration.ofMillis(atMillis), Duration.ofMillis(5), "Copy", OptionalLong.of(1024));
  }

  @Test
  void pauses_areShiftedFromTheAutopsyWindowToTheTrace() {
    AtomicLong now = new AtomicLong(TRACE_START);
    MessageLedger ledger = MessageLedger.builder().nanoClock(now::get).build();
    ledger.sent();
    now.addAndGet(250_000_000L);

    // the window opened 300 ms into the trace and lasted 1.5 s
    GcActivity gc =
        Judge.gcActivity(
            autopsy(Duration.ofMillis(1500), pause(0), pause(700)),
            TRACE_START + 300_000_000L,
            trace(),
            ledger);

    assertThat(gc.from()).isEqualTo(Duration.ofMillis(300));
    assertThat(gc.to()).isEqualTo(Duration.ofMillis(1800));
    assertThat(gc.pauses())
        .extracting(GcPause::at)
        .containsExactly(Duration.ofMillis(300), Duration.ofMillis(1000));
    assertThat(gc.pauses().get(0).heapUsedAfter()).hasValue(1024);
    assertThat(gc.served()).isEqualTo(ledger.rateSeries());
  }

  @Test
  void pausesBeforeTheTraceStarted_areLeftOut() {
    // the window opened 400 ms before the trace: a pause at 100 ms is before it, one at 600 ms
    // is 200 ms into it
    GcActivity gc =
        Judge.gcActivity(
            autopsy(Duration.ofSeconds(1), pause(100), pause(600)),
            TRACE_START - 400_000_000L,
            trace(),
            MessageLedger.create());

    assertThat(gc.from()).isEqualTo(Duration.ZERO);
    assertThat(gc.to()).isEqualTo(Duration.ofMillis(600));
    assertThat(gc.pauses()).extracting(GcPause::at).containsExactly(Duration.ofMillis(200));
  }
}
