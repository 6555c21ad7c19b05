package dev.spillway.toolkit.examples;

import static java.time.Duration.ofMillis;
import static java.time.Duration.ofSeconds;

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

/**
 * The README's first example, and the main job until the survival suite exists: the seed incident
 * in six seconds. A consumer that takes 5 ms per message (μ ≈ 200/s) gets 150/s, then a spike to
 * 250/s held for 4 s; the toolkit drives, slows, watches and judges.
 *
 * <p>Run: {@code ./mvnw -q -pl toolkit test-compile exec:java@example
 * -Dexec.mainClass=dev.spillway.toolkit.examples.FirstSpike}
 */
public final class FirstSpike {

  private FirstSpike() {}

  /** Runs the example and prints what it found. */
  public static void main(String[] args) throws InterruptedException {
    Assessment assessment = run();
    System.out.println(assessment.summary());
  }

  /** Runs the example and returns the verdict with its explanation. */
  // README-SNIPPET-START first-spike
  public static Assessment run() throws InterruptedException {
    // The component under test: a mailbox served by one consumer thread (a GenServer fed by cast).
    InstrumentedQueue<Message> mailbox = InstrumentedQueue.unbounded("orders");
    MessageLedger ledger = MessageLedger.builder().named("orders").build();
    // Slow: every message costs the consumer 5 ms, so it serves at most ~200/s.
    Injection slow = Injector.named("5ms-handler").withDelay(Delay.fixed(ofMillis(5))).start();
    Thread consumer =
        new Thread(
            () -> {
              while (true) {
                try {
                  mailbox.take();
                } catch (InterruptedException stop) {
                  return; // the run is over
                }
                try {
                  slow.beforeCall(); // the 5 ms of work
                  ledger.processed();
                } catch (InterruptedException stop) {
                  ledger.dropped(); // stopped mid-message: counted, never lost
                  return;
                }
              }
            });
    consumer.start();

    // Drive: 150/s, a spike to 250/s from t = 1 s held for 4 s, then 150/s again until t = 6 s.
    LoadProfile spike =
        LoadProfile.builder()
            .spikeFrom(150)
            .to(250)
            .perSecond()
            .at(ofSeconds(1))
            .holdingFor(ofSeconds(4))
            .during(ofSeconds(6))
            .build();

    // Watch: sample the mailbox every millisecond while the load runs.
    QueueTrace trace;
    try (QueueRecorder recorder = QueueRecorder.sampling(mailbox.probe()).start()) {
      LoadReport load =
          LoadDriver.drive(spike)
              .events(recorder)
              .sendTo(
                  Sender.offering(
                      message -> {
                        ledger.sent();
                        return mailbox.offer(message);
                      }))
              .run();
      trace = recorder.stop();
      System.out.println(load.summary());
    } finally {
      consumer.interrupt();
      consumer.join();
      slow.close();
    }

    // Judge the spike: did the queue grow, how fast, against λ − μ? Is every message accounted for?
    return Verdicts.assess(
        Evidence.of(trace, ledger.snapshot(mailbox.size()))
            .withLoadWindow(ofSeconds(1), ofSeconds(5))
            .withRatesFrom(ledger));
  }
  // README-SNIPPET-END first-spike
}
