package dev.spillway.toolkit.load;

import static java.time.Duration.ofMillis;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The driver handing messages to a bounded pool of blocking senders. */
class LoadDriverPoolTest {

  @Test
  void pool_sendsEveryPlannedMessageOnce_fromItsSenderThreads() {
    LoadProfile profile =
        LoadProfile.builder().constant(5000).perSecond().during(ofMillis(200)).build();
    Recording target = new Recording();

    LoadReport report =
        LoadDriver.drive(profile).named("fast").sendWithPool(3, target.sender()).run();

    assertThat(report.mode()).isEqualTo(SendMode.POOL);
    assertThat(report.senderThreads()).isEqualTo(3);
    assertThat(report.sent()).isEqualTo(1000);
    assertThat(report.accepted()).isEqualTo(1000);
    assertThat(report.ending()).isEqualTo(Ending.COMPLETED);
    assertThat(report.stuckThreads()).isZero();
    Set<Long> sequences =
        target.received.stream().map(r -> r.message().sequence()).collect(Collectors.toSet());
    assertThat(sequences).hasSize(1000).allMatch(s -> s >= 0 && s < 1000);
    assertThat(target.received)
        .allMatch(r -> r.receivedNanoTime() >= r.message().intendedNanoTime());
    assertThat(target.received.stream().map(Recording.Received::thread).collect(Collectors.toSet()))
        .allMatch(name -> name.startsWith("spillway-load-sender-fast-"));
  }

  @Test
  void pool_runsAsManySendsAtOnceAsItHasThreads_andNeverMore() {
    LoadProfile profile = LoadProfile.builder().burst(40).build();
    AtomicInteger inFlight = new AtomicInteger();
    AtomicInteger maxInFlight = new AtomicInteger();
    CountDownLatch allFourBusy = new CountDownLatch(4);
    Sender slow =
        message -> {
          maxInFlight.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
          allFourBusy.countDown();
          allFourBusy.await(5, TimeUnit.SECONDS); // the first four sends meet here
          Recording.blockFor(ofMillis(1));
          inFlight.decrementAndGet();
          return Outcome.ACCEPTED;
        };

    LoadReport report = LoadDriver.drive(profile).sendWithPool(4, slow).run();

    assertThat(report.sent()).isEqualTo(40);
    assertThat(allFourBusy.getCount()).isZero();
    assertThat(maxInFlight.get()).isEqualTo(4);
  }

  @Test
  void aSlowPool_fallsBehind_andTheReportSaysByHowMuch() {
    // 2 senders × 5 ms each serve at most ~400/s; the profile asks 1000/s for 300 ms
    LoadProfile profile =
        LoadProfile.builder().constant(1000).perSecond().during(ofMillis(300)).build();
    Duration service = ofMillis(5);
    Sender slow =
        message -> {
          Recording.blockFor(service);
          return Outcome.ACCEPTED;
        };

    LoadReport report = LoadDriver.drive(profile).sendWithPool(2, slow).run();

    assertThat(report.sent()).isEqualTo(300);
    assertThat(report.accepted()).isEqualTo(300);
    assertThat(report.ending()).isEqualTo(Ending.COMPLETED);
    // the last message (due at 299 ms) cannot start before 149 sends of 5 ms on each sender
    Duration floor = ofMillis(149 * 5 - 299);
    assertThat(report.lateness().max()).isGreaterThanOrEqualTo(floor);
    // queued messages still measure latency from their intended time
    assertThat(report.latency().max()).isGreaterThanOrEqualTo(floor.plus(service));
    assertThat(report.maxWaitingForSender()).isPositive();
    PhaseReport phase = report.phases().get(0);
    assertThat(phase.achievedRatePerSecond()).isLessThan(0.5 * phase.intendedRatePerSecond());
    assertThat(report.backPressure())
        .hasValueSatisfying(
            pressure -> {
              assertThat(pressure.maxLateness()).isGreaterThanOrEqualTo(floor);
              assertThat(pressure.maxWaitingForSender()).isPositive();
              assertThat(pressure.messagesLate()).isPositive();
              assertThat(pressure.slowestPhase())
                  .map(PhaseReport::name)
                  .contains("constant 1000/s for 300 ms");
            });
    assertThat(report.summary())
        .contains("BACK-PRESSURE", "waited for a free sender", "achieved", "of 1000/s intended");
  }

  @Test
  void aSenderThreadThatGetsInterrupted_stopsTheRun_insteadOfSwallowingTheInterrupt() {
    LoadProfile profile =
        LoadProfile.builder().constant(1000).perSecond().during(ofMillis(500)).build();
    Sender interruptsItself =
        message -> {
          if (message.sequence() == 5) {
            Thread.currentThread().interrupt();
          }
          return Outcome.ACCEPTED;
        };

    LoadReport report =
        LoadDriver.drive(profile).named("irq").sendWithPool(2, interruptsItself).run();

    assertThat(report.ending()).isEqualTo(Ending.STOPPED);
    assertThat(report.endingDetail()).matches("spillway-load-sender-irq-\\d was interrupted");
    assertThat(report.accepted()).isGreaterThanOrEqualTo(6);
    assertThat(report.notSent()).isPositive();
  }
}
