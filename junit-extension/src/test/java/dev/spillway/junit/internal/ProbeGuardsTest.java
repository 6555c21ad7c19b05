package dev.spillway.junit.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.spillway.toolkit.probe.ProbeException;
import dev.spillway.toolkit.probe.QueueProbe;
import dev.spillway.toolkit.probe.QueueProbes;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * What counts as a failed read when the run decides whether its books may settle: a read that is
 * merely under way (the recorder reads every millisecond, on the probe's own thread) is not one; a
 * read under way past its limit, or one that threw, is.
 */
class ProbeGuardsTest {

  @Test
  void aReadUnderWay_withinItsLimit_isNotAFailure() throws Exception {
    Blocking probe = new Blocking();
    // a limit of a minute: the read below stays well within it, however slow this machine is
    try (ProbeGuards guards = guard(probe, Duration.ofMinutes(1))) {
      QueueProbe guarded = guards.watched().get(0).probe();
      assertThat(guarded.depth()).isEqualTo(3);

      // a read under way, as the recorder's is much of the time on a busy machine
      CompletableFuture<Long> second = probe.blockNextRead(guarded);
      assertThat(guards.allReadable()).as("a read under way within its limit").isTrue();
      probe.release();
      assertThat(second.get(10, TimeUnit.SECONDS)).isEqualTo(3);
      assertThat(guards.allReadable()).isTrue();
    }
  }

  @Test
  void aReadUnderWay_pastItsLimit_isAFailure_whetherOrNotAnyoneWaitedForIt() throws Exception {
    Blocking probe = new Blocking();
    try (ProbeGuards guards = guard(probe, Duration.ZERO)) { // the shortest limit, 1 s
      QueueProbe guarded = guards.watched().get(0).probe();
      assertThat(guarded.depth()).isEqualTo(3);

      probe.blockNextRead(guarded);
      // nobody waits for the read's answer: the limit alone makes it a failure
      await().atMost(Duration.ofSeconds(10)).until(() -> !guards.allReadable());
      probe.release();
    }
  }

  @Test
  void aGuardedProbe_keepsWhatItsProbeKnowsOfItsBound() throws Exception {
    // lost once: the early stop, which reads the guarded probes, took every plain probe for one of
    // unknown bound, and called a JDK executor's full queue of 100 overflowing
    QueueProbe sized = QueueProbes.blockingQueue("sized", new ArrayBlockingQueue<>(100));
    QueueProbe free = QueueProbes.blockingQueue("free", new LinkedBlockingQueue<>());
    QueueProbe unknown = QueueProbe.of("unknown", () -> 0);
    try (ProbeGuards guards =
        ProbeGuards.of(
            "guards-test",
            Duration.ofMinutes(1),
            Optional.empty(),
            List.of(
                new WatchedQueue("sized", sized, null),
                new WatchedQueue("free", free, null),
                new WatchedQueue("unknown", unknown, null)))) {
      List<WatchedQueue> watched = guards.watched();
      assertThat(watched).allSatisfy(w -> assertThat(w.probe()).isInstanceOf(GuardedProbe.class));
      assertThat(watched.get(0).capacity()).hasValue(100);
      assertThat(watched.get(0).unbounded()).isFalse();
      assertThat(watched.get(1).capacity()).isEmpty();
      assertThat(watched.get(1).unbounded()).isTrue();
      assertThat(watched.get(2).capacity()).isEmpty();
      assertThat(watched.get(2).unbounded()).isFalse();
    }
  }

  private static ProbeGuards guard(QueueProbe probe, Duration grace) {
    return ProbeGuards.of(
        "guards-test", grace, Optional.empty(), List.of(new WatchedQueue("slow", probe, null)));
  }

  /** Answers 3; a read asked to block waits until released. */
  private static final class Blocking implements QueueProbe {
    private final CountDownLatch reading = new CountDownLatch(1);
    private final CountDownLatch released = new CountDownLatch(1);
    private volatile boolean block;

    @Override
    public String name() {
      return "slow";
    }

    @Override
    public long depth() {
      if (block) {
        reading.countDown();
        try {
          released.await();
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      }
      return 3;
    }

    /** Starts a read through {@code guarded} that blocks; returns once it is under way. */
    CompletableFuture<Long> blockNextRead(QueueProbe guarded) throws InterruptedException {
      block = true;
      CompletableFuture<Long> read = new CompletableFuture<>();
      Thread caller =
          new Thread(
              () -> {
                try {
                  read.complete(guarded.depth());
                } catch (RuntimeException e) {
                  read.completeExceptionally(e);
                }
              },
              "guards-test-caller");
      caller.setDaemon(true);
      caller.start();
      assertThat(reading.await(10, TimeUnit.SECONDS)).as("the read is under way").isTrue();
      return read;
    }

    void release() {
      block = false;
      released.countDown();
    }
  }

  @Test
  void aReadThatThrew_isAFailure_evenAfterTheProbeRecovers() {
    AtomicInteger reads = new AtomicInteger();
    QueueProbe flaky =
        QueueProbe.of(
            "flaky",
            () -> {
              if (reads.incrementAndGet() == 1) {
                throw new IllegalStateException("down");
              }
              return 1;
            });
    try (ProbeGuards guards =
        ProbeGuards.of(
            "guards-test",
            Duration.ofSeconds(1),
            Optional.empty(),
            List.of(new WatchedQueue("flaky", flaky, null)))) {
      QueueProbe guarded = guards.watched().get(0).probe();
      assertThatThrownBy(guarded::depth).isInstanceOf(ProbeException.class);
      assertThat(guarded.depth()).isEqualTo(1);
      assertThat(guards.allReadable()).isFalse();
    }
  }
}
