package dev.spillway.toolkit.load;

import static java.time.Duration.ofMillis;
import static java.time.Duration.ofSeconds;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Runs whose target never answers end at planned duration + grace, and say what was lost. */
class LoadDriverDeadlineTest {

  private static final LoadProfile HUNDRED_MS =
      LoadProfile.builder().constant(1000).perSecond().during(ofMillis(100)).build();
  private static final Duration GRACE = ofMillis(300);

  /** planned + grace + the 250 ms stop timeout, plus a generous margin for a loaded machine. */
  private static final Duration BOUND = ofMillis(100 + 300 + 250).plus(ofSeconds(2));

  private final CountDownLatch never = new CountDownLatch(1);
  private volatile boolean released;

  @AfterEach
  void releaseHungSenders() {
    never.countDown();
    released = true;
  }

  /** Hangs until the test ends, ignoring interrupts. */
  private void hangUninterruptibly() {
    while (!released) {
      LockSupport.parkNanos(ofMillis(1).toNanos());
    }
  }

  private static LoadReport timed(LoadDriver driver) {
    long start = System.nanoTime();
    LoadReport report = driver.run();
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(BOUND);
    return report;
  }

  @Test
  void directSenderThatHangs_isInterruptedAtTheDeadline_andTheRestIsReportedNotSent() {
    Sender hangsAtTen =
        message -> {
          if (message.sequence() == 10) {
            never.await();
          }
          return Outcome.ACCEPTED;
        };

    LoadReport report = timed(LoadDriver.drive(HUNDRED_MS).gracePeriod(GRACE).sendTo(hangsAtTen));

    assertThat(report.ending()).isEqualTo(Ending.DEADLINE);
    assertThat(report.endingDetail()).isEqualTo("planned 100 ms + grace 300 ms elapsed");
    assertThat(report.sent()).isEqualTo(11);
    assertThat(report.accepted()).isEqualTo(10);
    assertThat(report.unfinished()).isEqualTo(1);
    assertThat(report.notSent()).isEqualTo(89);
    assertThat(report.stuckThreads()).isZero();
    assertThat(report.backPressure())
        .hasValueSatisfying(
            pressure -> {
              assertThat(pressure.messagesNotSent()).isEqualTo(89);
              assertThat(pressure.sendsUnfinished()).isEqualTo(1);
            });
    assertThat(report.summary()).contains("DEADLINE", "89 messages not sent");
  }

  @Test
  void directSenderThatIgnoresInterrupts_isAbandoned_andTheWatchdogStillReportsOnTime() {
    Sender hangsAtTen =
        message -> {
          if (message.sequence() == 10) {
            hangUninterruptibly();
          }
          return Outcome.ACCEPTED;
        };

    LoadReport report = timed(LoadDriver.drive(HUNDRED_MS).gracePeriod(GRACE).sendTo(hangsAtTen));

    assertThat(report.ending()).isEqualTo(Ending.DEADLINE);
    assertThat(report.sent()).isEqualTo(11);
    assertThat(report.unfinished()).isEqualTo(1);
    assertThat(report.notSent()).isEqualTo(89);
    assertThat(report.stuckThreads()).isEqualTo(1);
    assertThat(report.summary()).contains("1 thread(s) had not stopped");
  }

  @Test
  void poolSendersThatHang_areInterruptedAtTheDeadline() {
    Sender hangs =
        message -> {
          never.await();
          return Outcome.ACCEPTED;
        };

    LoadReport report =
        timed(LoadDriver.drive(HUNDRED_MS).gracePeriod(GRACE).sendWithPool(3, hangs));

    assertThat(report.ending()).isEqualTo(Ending.DEADLINE);
    assertThat(report.sent()).isEqualTo(3);
    assertThat(report.unfinished()).isEqualTo(3);
    assertThat(report.notSent()).isEqualTo(97);
    assertThat(report.stuckThreads()).isZero();
    assertThat(report.maxWaitingForSender()).isGreaterThan(50);
    assertThat(report.backPressure())
        .hasValueSatisfying(pressure -> assertThat(pressure.messagesNotSent()).isEqualTo(97));
  }

  @Test
  void poolSendersThatIgnoreInterrupts_areReportedStuck() {
    Sender hangs =
        message -> {
          hangUninterruptibly();
          return Outcome.ACCEPTED;
        };

    LoadReport report =
        timed(LoadDriver.drive(HUNDRED_MS).gracePeriod(GRACE).sendWithPool(2, hangs));

    assertThat(report.ending()).isEqualTo(Ending.DEADLINE);
    assertThat(report.unfinished()).isEqualTo(2);
    assertThat(report.stuckThreads()).isEqualTo(2);
  }

  @Test
  void asyncStagesThatNeverComplete_areReportedUnfinishedAtTheDeadline() {
    LoadReport report =
        timed(
            LoadDriver.drive(HUNDRED_MS)
                .gracePeriod(GRACE)
                .sendAsyncTo(message -> new CompletableFuture<>()));

    assertThat(report.mode()).isEqualTo(SendMode.ASYNC);
    assertThat(report.ending()).isEqualTo(Ending.DEADLINE);
    assertThat(report.sent()).isEqualTo(100);
    assertThat(report.unfinished()).isEqualTo(100);
    assertThat(report.notSent()).isZero();
    assertThat(report.backPressure())
        .hasValueSatisfying(pressure -> assertThat(pressure.sendsUnfinished()).isEqualTo(100));
  }

  @Test
  void asyncLatency_runsFromTheIntendedTimeToTheStagesCompletion() {
    LoadProfile profile =
        LoadProfile.builder().constant(500).perSecond().during(ofMillis(100)).build();
    Executor later = CompletableFuture.delayedExecutor(200, TimeUnit.MILLISECONDS);
    AsyncSender answersLater =
        message -> {
          long s = message.sequence();
          if (s == 3) {
            throw new IllegalStateException("refused to start");
          }
          CompletableFuture<Outcome> answer = new CompletableFuture<>();
          later.execute(
              () -> {
                if (s % 7 == 0) {
                  answer.completeExceptionally(new IllegalStateException("lost"));
                } else {
                  answer.complete(s % 5 == 0 ? Outcome.REJECTED : Outcome.ACCEPTED);
                }
              });
          return answer;
        };

    LoadReport report = LoadDriver.drive(profile).sendAsyncTo(answersLater).run();

    assertThat(report.ending()).isEqualTo(Ending.COMPLETED);
    assertThat(report.sent()).isEqualTo(50);
    // failed: 3 (threw) and 0, 7, 14, ..., 49 (8 multiples of 7); rejected: 5, 10, ..., 45 without
    // 35
    assertThat(report.failed()).isEqualTo(9);
    assertThat(report.rejected()).isEqualTo(8);
    assertThat(report.accepted()).isEqualTo(33);
    assertThat(report.latency().count()).isEqualTo(50);
    // latency runs to the completion, 200 ms after the send returned, not to the return itself
    assertThat(report.latency().p50()).isGreaterThanOrEqualTo(ofMillis(200));
  }
}
