package dev.spillway.toolkit.sentinel;

import static dev.spillway.toolkit.sentinel.Fixtures.eventually;
import static dev.spillway.toolkit.sentinel.Fixtures.fillTo;
import static org.assertj.core.api.Assertions.assertThat;

import dev.spillway.toolkit.probe.ProbeException;
import dev.spillway.toolkit.probe.QueueProbe;
import dev.spillway.toolkit.record.InstrumentedQueue;
import java.lang.System.Logger.Level;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;

class SentinelDiagnosticsTest {

  private final InstrumentedQueue<Integer> queue = InstrumentedQueue.unbounded("orders");
  private final List<QueueProbe> others =
      List.of(
          QueueProbe.of("audit", () -> 40),
          QueueProbe.of("billing", () -> 900),
          QueueProbe.of("mail", () -> 3),
          QueueProbe.of("search", () -> 75),
          QueueProbe.of(
              "metrics",
              () -> {
                throw new ProbeException("metrics endpoint down");
              }));

  @Test
  void log_listsTheTopNProbesByDepth_deepestFirst_andTheUnreadableOnes() {
    Fixtures.CapturingLogger logger = new Fixtures.CapturingLogger(Level.INFO);
    try (Sentinel sentinel =
        Sentinel.watching(queue)
            .enableAt(100)
            .disableAt(50)
            .rankAmong(others)
            .topN(3)
            .actionsInline()
            .mitigate(Mitigation.log(logger))
            .start()) {
      fillTo(queue, 100);

      Diagnostics diagnostics = sentinel.breaches().get(0).diagnostics();
      assertThat(diagnostics.ranking())
          .containsExactly(
              new ProbeDepth("billing", 900),
              new ProbeDepth("orders", 100),
              new ProbeDepth("search", 75));
      assertThat(diagnostics.unreadable()).singleElement().asString().contains("metrics", "down");
      assertThat(logger.messages())
          .singleElement()
          .asString()
          .startsWith("WARNING Sentinel 'orders': queue 'orders' reached depth 100")
          .contains(diagnostics.text());
      assertThat(diagnostics.text())
          .containsSubsequence("1. billing: 900", "2. orders: 100", "3. search: 75")
          .doesNotContain("audit")
          .contains("unreadable: metrics");
      assertThat(sentinel.breaches().get(0).results().get(0).detail())
          .isEqualTo("logged at WARNING to 'test-logger'");
    }
  }

  @Test
  void diagnostics_includeTheConsumerThreadsStackFrames() throws Exception {
    CountDownLatch release = new CountDownLatch(1);
    Thread consumer = new Thread(() -> awaitRelease(release), "orders-consumer");
    consumer.setDaemon(true);
    consumer.start();
    eventually().until(() -> consumer.getState() == Thread.State.WAITING);
    Fixtures.CapturingLogger logger = new Fixtures.CapturingLogger(Level.INFO);
    try (Sentinel sentinel =
        Sentinel.watching(queue)
            .enableAt(10)
            .disableAt(5)
            .consumerThread(consumer)
            .mitigate(Mitigation.log(logger))
            .start()) {
      fillTo(queue, 10);

      eventually().until(() -> sentinel.breachCount() == 1);
      Diagnostics diagnostics = sentinel.breaches().get(0).diagnostics();
      assertThat(diagnostics.consumerThread()).isEqualTo("'orders-consumer' (WAITING)");
      assertThat(diagnostics.consumerStack())
          .extracting(StackTraceElement::getMethodName)
          .contains("await", "awaitRelease");
      assertThat(logger.messages())
          .singleElement()
          .asString()
          .contains("consumer thread 'orders-consumer' (WAITING):")
          .contains("SentinelDiagnosticsTest.awaitRelease(");
    } finally {
      release.countDown();
      consumer.join();
    }
  }

  @Test
  void diagnostics_ofAConsumerThatHasEnded_sayNoStack() throws Exception {
    Thread consumer = new Thread(() -> {}, "gone-consumer");
    consumer.start();
    consumer.join();
    try (Sentinel sentinel =
        Sentinel.watching(queue)
            .enableAt(10)
            .disableAt(5)
            .consumerThreadFrom(() -> consumer)
            .actionsInline()
            .mitigate(Mitigation.none())
            .start()) {
      fillTo(queue, 10);

      Diagnostics diagnostics = sentinel.breaches().get(0).diagnostics();
      assertThat(diagnostics.consumerStack()).isEmpty();
      assertThat(diagnostics.text()).contains("'gone-consumer' (TERMINATED): no stack");
    }
  }

  @Test
  void log_withWarningDisabled_saysSoInsteadOfLogging() {
    Fixtures.CapturingLogger logger = new Fixtures.CapturingLogger(Level.ERROR);
    try (Sentinel sentinel =
        Sentinel.watching(queue)
            .enableAt(10)
            .disableAt(5)
            .actionsInline()
            .mitigate(Mitigation.log(logger))
            .start()) {
      fillTo(queue, 10);

      assertThat(logger.messages()).isEmpty();
      assertThat(sentinel.breaches().get(0).results().get(0).detail()).contains("not logged");
    }
  }

  @Test
  void callback_seesTheResultsOfTheMitigationsBeforeIt_andItsFailureIsRecorded() {
    Fixtures.CapturingLogger logger = new Fixtures.CapturingLogger(Level.INFO);
    List<List<String>> seen = new java.util.concurrent.CopyOnWriteArrayList<>();
    try (Sentinel sentinel =
        Sentinel.watching(queue)
            .enableAt(10)
            .disableAt(5)
            .actionsInline()
            .mitigate(
                Mitigation.log(logger)
                    .and(Mitigation.shed())
                    .and(
                        Mitigation.callback(
                            b -> {
                              seen.add(b.results().stream().map(MitigationResult::action).toList());
                              throw new IllegalStateException("pager unreachable");
                            })))
            .start()) {
      fillTo(queue, 10);

      assertThat(seen).containsExactly(List.of("log", "shed"));
      List<MitigationResult> results = sentinel.breaches().get(0).results();
      assertThat(results)
          .extracting(MitigationResult::succeeded)
          .containsExactly(true, true, false);
      assertThat(results.get(2).detail()).contains("pager unreachable");
      assertThat(logger.messages()).hasSize(1);
    }
  }

  private static void awaitRelease(CountDownLatch release) {
    try {
      release.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
