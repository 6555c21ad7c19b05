package dev.spillway.report;

import static java.time.Duration.ofMillis;
import static org.assertj.core.api.Assertions.assertThat;

import dev.spillway.toolkit.inject.Delay;
import dev.spillway.toolkit.inject.Injection;
import dev.spillway.toolkit.inject.Injector;
import dev.spillway.toolkit.ledger.MessageLedger;
import dev.spillway.toolkit.load.LoadDriver;
import dev.spillway.toolkit.load.LoadProfile;
import dev.spillway.toolkit.load.LoadReport;
import dev.spillway.toolkit.load.Message;
import dev.spillway.toolkit.load.Sender;
import dev.spillway.toolkit.record.InstrumentedQueue;
import dev.spillway.toolkit.record.QueueRecorder;
import dev.spillway.toolkit.record.QueueTrace;
import dev.spillway.toolkit.verdict.Assessment;
import dev.spillway.toolkit.verdict.Evidence;
import dev.spillway.toolkit.verdict.Verdicts;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A short real flood (0.6 s) recorded, judged and reported with the toolkit's own objects. */
class RealRunReportTest {

  @Test
  void aRealRun_becomesAResult_thatRoundTripsAndRenders(@TempDir Path dir) throws Exception {
    InstrumentedQueue<Message> mailbox = InstrumentedQueue.unbounded("mailbox");
    MessageLedger ledger = MessageLedger.builder().named("mailbox").bucket(ofMillis(20)).build();
    Injector slow = Injector.named("2ms-handler").withDelay(Delay.fixed(ofMillis(2)));
    Injection injection = slow.start();
    Thread consumer =
        new Thread(
            () -> {
              while (true) {
                try {
                  mailbox.take();
                } catch (InterruptedException stop) {
                  return;
                }
                try {
                  injection.beforeCall();
                  ledger.processed();
                } catch (InterruptedException stop) {
                  ledger.dropped();
                  return;
                }
              }
            },
            "spillway-test-consumer");
    consumer.setDaemon(true);
    consumer.start();
    LoadProfile profile =
        LoadProfile.builder()
            .constant(200)
            .perSecond()
            .during(ofMillis(200))
            .constant(1000)
            .perSecond()
            .during(ofMillis(400))
            .build();
    QueueTrace trace;
    LoadReport load;
    try (QueueRecorder recorder = QueueRecorder.sampling(mailbox.probe()).start()) {
      load =
          LoadDriver.drive(profile)
              .events(recorder)
              .sendTo(
                  Sender.offering(
                      m -> {
                        ledger.sent();
                        return mailbox.offer(m);
                      }))
              .run();
      trace = recorder.stop();
    } finally {
      consumer.interrupt();
      consumer.join();
      injection.close();
    }
    Assessment assessment =
        Verdicts.assess(
            Evidence.of(trace, ledger.snapshot(mailbox.size()))
                .withLoadWindow(Duration.ZERO, trace.duration()));

    RunResult run =
        RunResult.builder("real flood")
            .design("singleton")
            .scenario("step 200→1000/s")
            .trace(trace)
            .exactHighWaterMark("mailbox", mailbox.highWaterMark())
            .profile(profile)
            .loadReport(load)
            .assessment(assessment)
            .rateBuckets(ledger.rateSeries())
            .injector(slow)
            .bound(BoundCheck.queue("mailbox", 1_000_000, mailbox.highWaterMark()))
            .build();

    assertThat(run.probe("mailbox").bestHighWaterMark()).isEqualTo(mailbox.highWaterMark());
    assertThat(run.probe("mailbox").highWaterMark()).isLessThanOrEqualTo(mailbox.highWaterMark());
    assertThat(run.plan().orElseThrow().loadStart()).isLessThan(trace.duration());
    assertThat(run.plan().get().phases()).hasSize(2);
    assertThat(run.events()).isNotEmpty();
    assertThat(run.ratePoints()).isNotEmpty();
    assertThat(run.ratePoints().stream().mapToLong(RatePoint::sent).sum())
        .isLessThanOrEqualTo(load.sent());
    assertThat(run.verdict()).contains(assessment.verdict());
    assertThat(RunResultJson.read(RunResultJson.write(run))).isEqualTo(run);
    String page = Files.readString(ReportWriter.to(dir).write(run).page());
    assertThat(page)
        .contains("aria-label=\"queue depth of mailbox over time\"")
        .contains("offered λ (sent)");
    ReportWriterTest.assertLoadsNothing(page);
  }
}
