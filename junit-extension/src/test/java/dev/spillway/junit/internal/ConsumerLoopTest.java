package dev.spillway.junit.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * {@link ConsumerLoop#close()}: an idle loop (in {@code take()}) and an interruptible handler are
 * woken by the interrupt at once; a handler that ignores interrupts holds close for {@link
 * ConsumerLoop#STOP_TIMEOUT}, no longer, and is named. A blocked handler stays blocked for {@link
 * #BLOCKED_FOR} unless released; every test releases it when it ends.
 */
class ConsumerLoopTest {

  private static final Duration BLOCKED_FOR = Duration.ofSeconds(60);

  /** 5 × the stop timeout for a loaded machine, a twelfth of how long the handler blocks. */
  private static final Duration WELL_BEFORE_RELEASE = Duration.ofSeconds(5);

  private final LinkedBlockingQueue<String> queue = new LinkedBlockingQueue<>();
  private final CountDownLatch entered = new CountDownLatch(1);
  private final CountDownLatch release = new CountDownLatch(1);
  private final List<String> warnings = new ArrayList<>();
  private final Logger log = Logger.getLogger(ConsumerLoop.class.getName());
  private final Handler capture =
      new Handler() {
        @Override
        public void publish(LogRecord record) {
          if (record.getLevel().intValue() >= Level.WARNING.intValue()) {
            synchronized (warnings) {
              warnings.add(record.getMessage());
            }
          }
        }

        @Override
        public void flush() {}

        @Override
        public void close() {}
      };

  ConsumerLoopTest() {
    log.addHandler(capture);
  }

  @AfterEach
  void release() {
    release.countDown();
    log.removeHandler(capture);
  }

  private List<String> warnings() {
    synchronized (warnings) {
      return List.copyOf(warnings);
    }
  }

  private static Duration timedClose(ConsumerLoop<?> loop) {
    long start = System.nanoTime();
    loop.close();
    return Duration.ofNanos(System.nanoTime() - start);
  }

  private ConsumerLoop<String> started(String name, Consumer<String> handler) {
    return new ConsumerLoop<>(name, queue, handler).start();
  }

  @Test
  void anIdleLoop_isWokenFromTake_andEndsAtOnce() {
    ConsumerLoop<String> loop = started("spillway-consumer-idle", m -> {});

    Duration took = timedClose(loop);

    assertThat(loop.isAlive()).isFalse();
    assertThat(took).isLessThan(ConsumerLoop.STOP_TIMEOUT);
    assertThat(warnings()).isEmpty();
  }

  @Test
  void anInterruptibleHandler_endsAtTheInterrupt() throws InterruptedException {
    ConsumerLoop<String> loop =
        started(
            "spillway-consumer-interruptible",
            m -> {
              entered.countDown();
              try {
                release.await(BLOCKED_FOR.toMillis(), TimeUnit.MILLISECONDS);
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted");
              }
            });
    queue.add("m");
    assertThat(entered.await(5, TimeUnit.SECONDS)).isTrue();

    Duration took = timedClose(loop);

    assertThat(loop.isAlive()).isFalse();
    assertThat(took).isLessThan(ConsumerLoop.STOP_TIMEOUT);
    assertThat(warnings()).isEmpty();
  }

  @Test
  void aHandlerThatIgnoresInterrupts_holdsCloseForTheStopTimeoutOnly_andIsNamed()
      throws InterruptedException {
    ConsumerLoop<String> loop =
        started(
            "spillway-consumer-stubborn",
            m -> {
              entered.countDown();
              long end = System.nanoTime() + BLOCKED_FOR.toNanos();
              while (release.getCount() > 0 && System.nanoTime() - end < 0) {
                try {
                  release.await(end - System.nanoTime(), TimeUnit.NANOSECONDS);
                } catch (InterruptedException e) {
                  // ignored: a handler stuck in code that does not answer interrupts
                }
              }
            });
    queue.add("m");
    assertThat(entered.await(5, TimeUnit.SECONDS)).isTrue();

    Duration took = timedClose(loop);

    assertThat(took)
        .isGreaterThanOrEqualTo(ConsumerLoop.STOP_TIMEOUT)
        .isLessThan(WELL_BEFORE_RELEASE);
    assertThat(loop.isAlive()).isTrue();
    assertThat(warnings())
        .containsExactly(
            "consumer loop spillway-consumer-stubborn did not end within 1 s of being interrupted"
                + " (its handler ignores interrupts); it is left running (daemon)");
    release.countDown();
    loop.close(); // the handler returns; the loop sees it is stopping and ends
    assertThat(loop.isAlive()).isFalse();
  }
}
