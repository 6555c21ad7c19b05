package dev.spillway.toolkit.sentinel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import dev.spillway.toolkit.probe.QueueProbe;
import dev.spillway.toolkit.record.EventSink;
import dev.spillway.toolkit.record.InstrumentedQueue;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class SentinelValidationTest {

  private final InstrumentedQueue<Integer> queue = InstrumentedQueue.unbounded("orders");
  private final QueueProbe probe = QueueProbe.of("p", () -> 0);

  private SentinelBuilder builder() {
    return Sentinel.watching(queue).enableAt(10).disableAt(5);
  }

  @Test
  void watchingAndPolling_rejectNull() {
    assertThatIllegalArgumentException()
        .isThrownBy(() -> Sentinel.watching(null))
        .withMessage("queue must not be null");
    assertThatIllegalArgumentException()
        .isThrownBy(() -> Sentinel.polling(null))
        .withMessage("probe must not be null");
  }

  @Test
  void enableAt_rejectsZero() {
    assertThatIllegalArgumentException()
        .isThrownBy(() -> Sentinel.watching(queue).enableAt(0))
        .withMessage("enable threshold must be > 0, but was 0");
  }

  @Test
  void enableAt_rejectsADepthABoundedQueueCanNeverReach() {
    InstrumentedQueue<Integer> bounded = InstrumentedQueue.bounded("mailbox", 100);
    assertThatIllegalArgumentException()
        .isThrownBy(() -> Sentinel.watching(bounded).enableAt(101))
        .withMessage(
            "enable threshold must be <= the capacity 100 of queue 'mailbox', but was 101");
    assertThat(Sentinel.watching(bounded).enableAt(100)).isNotNull();
  }

  @Test
  void disableAt_rejectsNegative() {
    assertThatIllegalArgumentException()
        .isThrownBy(() -> Sentinel.watching(queue).enableAt(10).disableAt(-1))
        .withMessage("disable threshold must be >= 0, but was -1");
  }

  @Test
  void disableAt_rejectsADepthNotBelowEnable_namingBothValues() {
    assertThatIllegalArgumentException()
        .isThrownBy(() -> Sentinel.watching(queue).enableAt(500).disableAt(500))
        .withMessage("disable threshold must be < enable threshold 500, but was 500");
    assertThatIllegalArgumentException()
        .isThrownBy(() -> Sentinel.watching(queue).enableAt(250).disableAt(500))
        .withMessage("disable threshold must be < enable threshold 250, but was 500");
  }

  @Test
  void every_rejectsIntervalsOutsideOneMillisecondToOneMinute() {
    IntervalStage stage = Sentinel.polling(probe);
    assertThatIllegalArgumentException()
        .isThrownBy(() -> stage.every(Duration.ofMillis(2).minusNanos(1_000_001)))
        .withMessage("polling interval must be in [PT0.001S, PT1M], but was PT0.000999999S");
    assertThatIllegalArgumentException()
        .isThrownBy(() -> stage.every(Duration.ofSeconds(61)))
        .withMessage("polling interval must be in [PT0.001S, PT1M], but was PT1M1S");
    assertThatIllegalArgumentException()
        .isThrownBy(() -> stage.every(null))
        .withMessage("polling interval must not be null");
    assertThatIllegalArgumentException()
        .isThrownBy(() -> stage.every(500, TimeUnit.MICROSECONDS))
        .withMessage("polling interval must be in [PT0.001S, PT1M], but was PT0.0005S");
    assertThatIllegalArgumentException()
        .isThrownBy(() -> stage.every(0, TimeUnit.MILLISECONDS))
        .withMessage("polling interval must be > 0, but was 0");
    assertThatIllegalArgumentException()
        .isThrownBy(() -> stage.every(Long.MAX_VALUE, TimeUnit.DAYS))
        .withMessageStartingWith("polling interval must be in [PT0.001S, PT1M], but was PT");
    assertThatIllegalArgumentException()
        .isThrownBy(() -> stage.every(5, null))
        .withMessage("polling interval unit must not be null");
    assertThat(stage.every(1, TimeUnit.MINUTES)).isNotNull();
    assertThat(stage.every(Duration.ofMillis(1))).isNotNull();
  }

  @Test
  void builderOptions_rejectBadValues() {
    assertThatIllegalArgumentException()
        .isThrownBy(() -> builder().named(" "))
        .withMessage("sentinel name must not be blank, but was ' '");
    assertThatIllegalArgumentException()
        .isThrownBy(() -> builder().mitigate(null))
        .withMessage("mitigation must not be null");
    assertThatIllegalArgumentException()
        .isThrownBy(() -> builder().events())
        .withMessage("event sinks must be at least one sink, but was none");
    assertThatIllegalArgumentException()
        .isThrownBy(() -> builder().events(EventSink.NONE, null))
        .withMessage("event sinks[1] must not be null");
    assertThatIllegalArgumentException()
        .isThrownBy(() -> builder().rankAmong(null))
        .withMessage("probes to rank among must not be null");
    assertThatIllegalArgumentException()
        .isThrownBy(() -> builder().rankAmong(Arrays.asList(probe, null)))
        .withMessage("probes to rank among[1] must not be null");
    assertThatIllegalArgumentException()
        .isThrownBy(() -> builder().topN(0))
        .withMessage("top N must be in [1, 1000], but was 0");
    assertThatIllegalArgumentException()
        .isThrownBy(() -> builder().topN(1001))
        .withMessage("top N must be in [1, 1000], but was 1001");
    assertThatIllegalArgumentException()
        .isThrownBy(() -> builder().consumerThread(null))
        .withMessage("consumer thread must not be null");
    assertThatIllegalArgumentException()
        .isThrownBy(() -> builder().consumerThreadFrom(null))
        .withMessage("consumer thread supplier must not be null");
    assertThatIllegalArgumentException()
        .isThrownBy(() -> builder().retainBreaches(0))
        .withMessage("retained breaches must be in [1, 1000000], but was 0");
  }

  @Test
  void closeTimeout_rejectsNonPositiveAndOverAnHour() {
    assertThatIllegalArgumentException()
        .isThrownBy(() -> builder().closeTimeout(null))
        .withMessage("close timeout must not be null");
    assertThatIllegalArgumentException()
        .isThrownBy(() -> builder().closeTimeout(Duration.ZERO))
        .withMessage("close timeout must be in [PT0.001S, PT1H], but was PT0S");
    assertThatIllegalArgumentException()
        .isThrownBy(() -> builder().closeTimeout(Duration.ofMinutes(61)))
        .withMessage("close timeout must be in [PT0.001S, PT1H], but was PT1H1M");
    assertThatIllegalArgumentException()
        .isThrownBy(() -> builder().closeTimeout(0, TimeUnit.SECONDS))
        .withMessage("close timeout must be > 0, but was 0");
    assertThatIllegalArgumentException()
        .isThrownBy(() -> builder().closeTimeout(5, null))
        .withMessage("close timeout unit must not be null");
    assertThat(builder().closeTimeout(1, TimeUnit.HOURS).toString()).contains("closeTimeout=PT1H");
    assertThat(builder().toString()).contains("closeTimeout=PT5S");
  }

  @Test
  void builder_isImmutable_eachStepReturnsANewBuilder() {
    SentinelBuilder base = builder();
    SentinelBuilder named = base.named("other");

    assertThat(named).isNotSameAs(base);
    try (Sentinel a = base.mitigate(Mitigation.none()).start();
        Sentinel b = named.mitigate(Mitigation.none()).start()) {
      assertThat(a.name()).isEqualTo("orders");
      assertThat(b.name()).isEqualTo("other");
      assertThat(a.enableThreshold()).isEqualTo(10);
      assertThat(a.disableThreshold()).isEqualTo(5);
      assertThat(a.source()).isEqualTo("orders");
      assertThat(a.pollingInterval()).isEqualTo(Duration.ZERO);
    }
  }

  @Test
  void aRejectedDefinition_startsNoThreadAndAttachesNothing() {
    long before = sentinelThreads();
    assertThatIllegalArgumentException().isThrownBy(() -> builder().topN(-3).start());
    assertThatIllegalArgumentException()
        .isThrownBy(() -> Sentinel.polling(probe).every(Duration.ZERO).enableAt(1).disableAt(0));

    assertThat(sentinelThreads()).isEqualTo(before);
  }

  @Test
  void mitigationFactories_rejectNull() {
    assertThatIllegalArgumentException()
        .isThrownBy(() -> Mitigation.log(null))
        .withMessage("logger must not be null");
    assertThatIllegalArgumentException()
        .isThrownBy(() -> Mitigation.restart(null))
        .withMessage("consumer restart must not be null");
    assertThatIllegalArgumentException()
        .isThrownBy(() -> Mitigation.callback(null))
        .withMessage("breach callback must not be null");
    assertThatIllegalArgumentException()
        .isThrownBy(() -> Mitigation.none().and(null))
        .withMessage("next mitigation must not be null");
  }

  @Test
  void mitigations_combineInOrder() {
    Mitigation m = Mitigation.log().and(Mitigation.shed()).and(Mitigation.none());

    assertThat(m.sheds()).isTrue();
    assertThat(Mitigation.log().sheds()).isFalse();
    assertThat(m.toString()).startsWith("Mitigation[log(").endsWith(", shed]");
  }

  @Test
  void records_validateTheirComponents() {
    Diagnostics empty = new Diagnostics(List.of(), List.of(), "", List.of());
    assertThatIllegalArgumentException()
        .isThrownBy(() -> new RestartOutcome(-1, 0))
        .withMessage("dropped message count must be >= 0, but was -1");
    assertThatIllegalArgumentException()
        .isThrownBy(() -> new RestartOutcome(0, -2))
        .withMessage("redelivered message count must be >= 0, but was -2");
    assertThatIllegalArgumentException()
        .isThrownBy(() -> new ProbeDepth("q", -1))
        .withMessage("probe depth must be >= 0, but was -1");
    assertThatIllegalArgumentException()
        .isThrownBy(() -> new MitigationResult(" ", true, "", RestartOutcome.NOTHING))
        .withMessage("mitigation action must not be blank, but was ' '");
    assertThatIllegalArgumentException()
        .isThrownBy(
            () ->
                new Diagnostics(
                    List.of(),
                    List.of(),
                    "t",
                    Collections.nCopies(65, new StackTraceElement("C", "m", "C.java", 1))))
        .withMessage("consumer stack size must be <= 64, but was 65");
    assertThatIllegalArgumentException()
        .isThrownBy(() -> new Breach(1, Instant.EPOCH, 0, "q", 10, 5, 5, empty, List.of()))
        .withMessage("enable threshold must be > disable threshold 5, but was 5");
    assertThatIllegalArgumentException()
        .isThrownBy(() -> new Breach(0, Instant.EPOCH, 0, "q", 10, 10, 5, empty, List.of()))
        .withMessage("excursion must be > 0, but was 0");
    assertThat(new Breach(1, Instant.EPOCH, 0, "q", 10, 10, 5, empty, List.of()).toString())
        .contains("excursion=1", "depth=10", "enableThreshold=10", "disableThreshold=5");
  }

  private static long sentinelThreads() {
    return Thread.getAllStackTraces().keySet().stream()
        .filter(t -> t.getName().startsWith("spillway-sentinel-"))
        .count();
  }
}
