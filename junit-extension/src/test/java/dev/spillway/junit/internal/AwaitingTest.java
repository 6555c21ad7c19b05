package dev.spillway.junit.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * {@link Awaiting#until} keeps its deadline even when the condition itself blocks (a probe that
 * hangs): the drain and settle waits of a run are built on it. A blocked condition stays blocked
 * for {@link #BLOCKED_FOR} unless released; every test releases it when it ends.
 */
class AwaitingTest {

  private static final Duration AT_MOST = Duration.ofMillis(300);
  private static final Duration BLOCKED_FOR = Duration.ofSeconds(60);

  /**
   * The deadline, plus the 1 s Awaitility gives its poll thread to end, with room for a loaded
   * machine; a twelfth of how long the condition blocks.
   */
  private static final Duration WELL_BEFORE_RELEASE = Duration.ofSeconds(5);

  private final CountDownLatch release = new CountDownLatch(1);

  @AfterEach
  void releaseTheCondition() {
    release.countDown();
  }

  /** Blocks until released, ignoring interrupts; then says the condition does not hold. */
  private Boolean blockedCondition() {
    long end = System.nanoTime() + BLOCKED_FOR.toNanos();
    while (release.getCount() > 0 && System.nanoTime() - end < 0) {
      try {
        release.await(end - System.nanoTime(), TimeUnit.NANOSECONDS);
      } catch (InterruptedException e) {
        // ignored: a probe stuck in code that does not answer interrupts
      }
    }
    return false;
  }

  @Test
  void aConditionThatBlocks_doesNotHoldTheWaitPastItsDeadline() throws InterruptedException {
    long start = System.nanoTime();

    boolean held = Awaiting.until("a blocked probe", AT_MOST, this::blockedCondition);

    Duration took = Duration.ofNanos(System.nanoTime() - start);
    assertThat(held).isFalse();
    assertThat(took).isGreaterThanOrEqualTo(AT_MOST).isLessThan(WELL_BEFORE_RELEASE);
  }

  @Test
  void aConditionThatHolds_endsTheWaitAtOnce() throws InterruptedException {
    AtomicInteger polls = new AtomicInteger();

    boolean held = Awaiting.until("soon", BLOCKED_FOR, () -> polls.incrementAndGet() >= 3);

    assertThat(held).isTrue();
    assertThat(polls).hasValue(3);
  }

  @Test
  void anInterruptOfTheWaitingThread_endsTheWait_andStaysSet() throws InterruptedException {
    AtomicReference<Throwable> thrown = new AtomicReference<>();
    AtomicReference<Boolean> flagAfter = new AtomicReference<>();
    CountDownLatch polled = new CountDownLatch(1);
    Thread waiter =
        new Thread(
            () -> {
              try {
                Awaiting.until(
                    "never",
                    BLOCKED_FOR,
                    () -> {
                      polled.countDown();
                      return false;
                    });
              } catch (Throwable t) {
                thrown.set(t);
              }
              flagAfter.set(Thread.currentThread().isInterrupted());
            },
            "waiter");
    waiter.start();
    assertThat(polled.await(5, TimeUnit.SECONDS)).as("the wait began").isTrue();
    waiter.interrupt();
    waiter.join(WELL_BEFORE_RELEASE.toMillis());

    assertThat(waiter.isAlive()).isFalse();
    assertThat(thrown.get())
        .isInstanceOf(InterruptedException.class)
        .hasMessage("interrupted while waiting for never");
    assertThat(flagAfter.get()).isTrue();
  }
}
