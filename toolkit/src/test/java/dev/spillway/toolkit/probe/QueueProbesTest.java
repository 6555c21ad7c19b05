package dev.spillway.toolkit.probe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.ForkJoinTask;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class QueueProbesTest {

  /**
   * What each probe knows of its queue's bound: a capacity, no bound at all, or nothing (an early
   * stop calls OVERFLOWED only for a queue whose bound is known).
   */
  @Nested
  class Bounds {

    @Test
    void theJdksBlockingQueues_sayTheirCapacity_orThatTheyHaveNone() {
      QueueProbe bounded = QueueProbes.blockingQueue("a", new ArrayBlockingQueue<>(100));
      QueueProbe unbounded = QueueProbes.blockingQueue("l", new LinkedBlockingQueue<>());
      QueueProbe linkedOf10 = QueueProbes.blockingQueue("l10", new LinkedBlockingQueue<>(10));

      assertThat(bounded.capacity()).hasValue(100);
      assertThat(bounded.unbounded()).isFalse();
      assertThat(unbounded.capacity()).isEmpty();
      assertThat(unbounded.unbounded()).isTrue();
      assertThat(linkedOf10.capacity()).hasValue(10);
      assertThat(linkedOf10.unbounded()).isFalse();
    }

    @Test
    void aThreadPoolsProbe_knowsItsWorkQueuesBound() {
      ThreadPoolExecutor bounded =
          new ThreadPoolExecutor(1, 1, 0, TimeUnit.SECONDS, new ArrayBlockingQueue<>(100));
      ThreadPoolExecutor unbounded =
          new ThreadPoolExecutor(1, 1, 0, TimeUnit.SECONDS, new LinkedBlockingQueue<>());
      try {
        assertThat(QueueProbes.threadPool("b", bounded).capacity()).hasValue(100);
        assertThat(QueueProbes.threadPool("u", unbounded).unbounded()).isTrue();
        assertThat(QueueProbes.threadPool("u", unbounded).capacity()).isEmpty();
      } finally {
        bounded.shutdownNow();
        unbounded.shutdownNow();
      }
    }

    @Test
    void aProbeOverALambda_knowsNothing_untilItIsDeclared() {
      QueueProbe lambda = QueueProbe.of("mailbox", () -> 3);
      assertThat(lambda.capacity()).isEmpty();
      assertThat(lambda.unbounded()).isFalse();

      QueueProbe declared = QueueProbes.unbounded(lambda);
      assertThat(declared.unbounded()).isTrue();
      assertThat(declared.capacity()).isEmpty();
      assertThat(declared.depth()).isEqualTo(3);
      assertThat(declared.name()).isEqualTo("mailbox");
      assertThat(declared.toString()).endsWith("(unbounded)");

      QueueProbe sized = QueueProbes.withCapacity(lambda, 64);
      assertThat(sized.capacity()).hasValue(64);
      assertThat(sized.unbounded()).isFalse();
    }

    @Test
    void declaringAProbeWithACapacityUnbounded_isRejectedNamingIt() {
      QueueProbe sized = QueueProbes.withCapacity(QueueProbe.of("appender", () -> 0), 64);

      assertThatThrownBy(() -> QueueProbes.unbounded(sized))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessage(
              "probe 'appender' capacity must be none for an unbounded queue, but was"
                  + " OptionalLong[64]");
    }

    @Test
    void aTotal_hasTheSumOfItsPartsCapacities_andIsUnboundedOnlyWhenEveryPartIs() {
      QueueProbe a = QueueProbes.withCapacity(QueueProbe.of("a", () -> 1), 10);
      QueueProbe b = QueueProbes.withCapacity(QueueProbe.of("b", () -> 2), 20);
      QueueProbe free = QueueProbes.unbounded(QueueProbe.of("free", () -> 0));
      QueueProbe unknown = QueueProbe.of("unknown", () -> 0);

      assertThat(QueueProbes.total("ab", a, b).capacity()).hasValue(30);
      assertThat(QueueProbes.total("ab", a, b).unbounded()).isFalse();
      assertThat(QueueProbes.total("free", free, free).unbounded()).isTrue();
      // one bounded part may hold the growth; one unknown part leaves the total unknown
      assertThat(QueueProbes.total("mixed", a, free).capacity()).isEmpty();
      assertThat(QueueProbes.total("mixed", a, free).unbounded()).isFalse();
      assertThat(QueueProbes.total("unknown", free, unknown).unbounded()).isFalse();
      assertThat(QueueProbes.total("unknown", free, unknown).capacity()).isEmpty();
    }
  }

  @Nested
  class BlockingQueues {

    @Test
    void blockingQueue_readsSizeAtEachCall() {
      ArrayBlockingQueue<String> queue = new ArrayBlockingQueue<>(10);
      QueueProbe probe = QueueProbes.blockingQueue("orders", queue);

      assertThat(probe.name()).isEqualTo("orders");
      assertThat(probe.depth()).isZero();
      queue.add("a");
      queue.add("b");
      assertThat(probe.depth()).isEqualTo(2);
      queue.poll();
      assertThat(probe.depth()).isEqualTo(1);
    }

    @Test
    void blockingQueue_toStringNamesProbeAndSource() {
      QueueProbe probe = QueueProbes.blockingQueue("orders", new LinkedBlockingQueue<>());

      assertThat(probe.toString()).contains("orders", "LinkedBlockingQueue");
    }
  }

  @Nested
  class ExecutorsAndPools {

    @Test
    void threadPool_countsWaitingTasksButNotTheRunningOne() throws Exception {
      ThreadPoolExecutor executor =
          new ThreadPoolExecutor(1, 1, 0, TimeUnit.SECONDS, new LinkedBlockingQueue<>());
      CountDownLatch started = new CountDownLatch(1);
      CountDownLatch release = new CountDownLatch(1);
      try {
        QueueProbe probe = QueueProbes.threadPool("pool", executor);
        executor.execute(
            () -> {
              started.countDown();
              awaitQuietly(release);
            });
        started.await();
        for (int i = 0; i < 3; i++) {
          executor.execute(() -> {});
        }

        assertThat(probe.depth()).isEqualTo(3);

        release.countDown();
        await().atMost(Duration.ofSeconds(5)).until(() -> probe.depth() == 0);
      } finally {
        release.countDown();
        executor.shutdownNow();
      }
    }

    @Test
    void forkJoinPool_countsQueuedSubmissionsAndForkedTasksNotYetStarted() {
      ForkJoinPool pool = new ForkJoinPool(1);
      CountDownLatch release = new CountDownLatch(1);
      try {
        QueueProbe probe = QueueProbes.forkJoinPool("fj", pool);
        // the only worker runs this task: it forks 3 subtasks into its own queue, then blocks
        pool.execute(
            () -> {
              for (int i = 0; i < 3; i++) {
                ForkJoinTask.adapt(() -> {}).fork();
              }
              awaitQuietly(release);
            });
        await().atMost(Duration.ofSeconds(5)).until(() -> pool.getQueuedTaskCount() == 3);
        // two more submitted from outside wait in the submission queue
        pool.execute(() -> {});
        pool.execute(() -> {});

        assertThat(probe.depth()).isEqualTo(3 + 2);

        release.countDown();
        await().atMost(Duration.ofSeconds(5)).until(() -> probe.depth() == 0);
      } finally {
        release.countDown();
        pool.shutdownNow();
      }
    }
  }

  @Nested
  class AnyCollection {

    @Test
    void collection_readsSizeOfAnyCollection() {
      ArrayDeque<Integer> deque = new ArrayDeque<>(List.of(1, 2, 3));
      ConcurrentLinkedQueue<Integer> lockFree = new ConcurrentLinkedQueue<>(List.of(1, 2));

      assertThat(QueueProbes.collection("deque", deque).depth()).isEqualTo(3);
      assertThat(QueueProbes.collection("clq", lockFree).depth()).isEqualTo(2);
      deque.clear();
      assertThat(QueueProbes.collection("deque", deque).depth()).isZero();
    }
  }

  @Nested
  class Functions {

    @Test
    void of_readsTheSupplierAtEachCall() {
      AtomicLong depth = new AtomicLong(7);
      QueueProbe probe = QueueProbes.of("counter", depth::get);

      assertThat(probe.depth()).isEqualTo(7);
      depth.set(9);
      assertThat(probe.depth()).isEqualTo(9);
    }

    @Test
    void of_whenSupplierReturnsNegative_throwsNamingTheProbe() {
      QueueProbe probe = QueueProbes.of("broken", () -> -1);

      assertThatThrownBy(probe::depth)
          .isInstanceOf(ProbeException.class)
          .hasMessageContaining("'broken'")
          .hasMessageContaining("returned -1");
    }

    @Test
    void of_whenSupplierThrows_wrapsNamingTheProbeAndKeepsTheCause() {
      IllegalStateException boom = new IllegalStateException("boom");
      QueueProbe probe =
          QueueProbes.of(
              "failing",
              () -> {
                throw boom;
              });

      assertThatThrownBy(probe::depth)
          .isInstanceOf(ProbeException.class)
          .hasMessageContaining("'failing'")
          .hasMessageContaining("boom")
          .hasCause(boom);
    }

    @Test
    void of_whenSupplierThrowsProbeException_letsItPassUnchanged() {
      ProbeException original = new ProbeException("remote down");
      QueueProbe probe =
          QueueProbes.of(
              "remote",
              () -> {
                throw original;
              });

      assertThatThrownBy(probe::depth).isSameAs(original);
    }
  }

  @Nested
  class Totals {

    @Test
    void total_sumsItsParts() {
      AtomicLong a = new AtomicLong(2);
      QueueProbe total =
          QueueProbes.total(
              "all",
              QueueProbes.of("p0", a::get),
              QueueProbes.of("p1", () -> 5),
              QueueProbes.collection("p2", List.of(1, 2, 3)));

      assertThat(total.name()).isEqualTo("all");
      assertThat(total.depth()).isEqualTo(10);
      a.set(12);
      assertThat(total.depth()).isEqualTo(20);
      assertThat(total.toString()).contains("all", "p0", "p1", "p2");
    }

    @Test
    void total_copiesTheArraySoLaterChangesDoNotLeakIn() {
      QueueProbe[] parts = {QueueProbes.of("p0", () -> 1), QueueProbes.of("p1", () -> 2)};
      QueueProbe total = QueueProbes.total("all", parts);
      parts[1] = QueueProbes.of("p1", () -> 100);

      assertThat(total.depth()).isEqualTo(3);
    }

    @Test
    void total_whenAPartFails_namesTheTotalAndThePart() {
      QueueProbe total =
          QueueProbes.total(
              "all",
              QueueProbes.of("p0", () -> 1),
              QueueProbes.of(
                  "p1",
                  () -> {
                    throw new ProbeException("endpoint down");
                  }));

      assertThatThrownBy(total::depth)
          .isInstanceOf(ProbeException.class)
          .hasMessageContaining("'all'")
          .hasMessageContaining("'p1'")
          .hasMessageContaining("endpoint down");
    }

    @Test
    void total_whenAnUncheckedPartIsNegative_throws() {
      QueueProbe total = QueueProbes.total("all", QueueProbe.of("raw", () -> -4));

      assertThatThrownBy(total::depth)
          .isInstanceOf(ProbeException.class)
          .hasMessageContaining("'raw' returned -4");
    }

    @Test
    void total_whenTheSumOverflows_throws() {
      QueueProbe total =
          QueueProbes.total(
              "all", QueueProbes.of("a", () -> Long.MAX_VALUE), QueueProbes.of("b", () -> 1));

      assertThatThrownBy(total::depth)
          .isInstanceOf(ProbeException.class)
          .hasMessageContaining("'all'")
          .hasMessageContaining("exceeds");
    }
  }

  @Nested
  class Rejections {

    @Test
    void everyFactory_rejectsABlankName() {
      List<Runnable> factories = new ArrayList<>();
      factories.add(() -> QueueProbes.blockingQueue(" ", new LinkedBlockingQueue<>()));
      factories.add(() -> QueueProbes.threadPool(" ", newPool()));
      factories.add(() -> QueueProbes.forkJoinPool(" ", ForkJoinPool.commonPool()));
      factories.add(() -> QueueProbes.collection(" ", List.of()));
      factories.add(() -> QueueProbes.of(" ", () -> 0));
      factories.add(() -> QueueProbes.total(" ", QueueProbes.of("a", () -> 0)));

      for (Runnable factory : factories) {
        assertThatThrownBy(factory::run)
            .isInstanceOf(IllegalArgumentException.class)
            .hasMessage("probe name must not be blank, but was ' '");
      }
    }

    @Test
    void everyFactory_rejectsANullName() {
      assertThatThrownBy(() -> QueueProbes.collection(null, List.of()))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessage("probe name must not be null");
    }

    @Test
    void blockingQueue_rejectsNullQueue() {
      assertThatThrownBy(() -> QueueProbes.blockingQueue("q", null))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessage("queue must not be null");
    }

    @Test
    void threadPool_rejectsNullExecutor() {
      assertThatThrownBy(() -> QueueProbes.threadPool("q", null))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessage("executor must not be null");
    }

    @Test
    void forkJoinPool_rejectsNullPool() {
      assertThatThrownBy(() -> QueueProbes.forkJoinPool("q", null))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessage("pool must not be null");
    }

    @Test
    void collection_rejectsNullCollection() {
      assertThatThrownBy(() -> QueueProbes.collection("q", null))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessage("collection must not be null");
    }

    @Test
    void of_rejectsNullSupplier() {
      assertThatThrownBy(() -> QueueProbes.of("q", null))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessage("depth supplier must not be null");
    }

    @Test
    void total_rejectsNoProbes() {
      assertThatThrownBy(() -> QueueProbes.total("all"))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessage("number of probes must be >= 1, but was 0");
    }

    @Test
    void total_rejectsNullArrayAndNullElements() {
      assertThatThrownBy(() -> QueueProbes.total("all", (QueueProbe[]) null))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessage("probes must not be null");
      assertThatThrownBy(() -> QueueProbes.total("all", QueueProbes.of("a", () -> 0), null))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessage("probes[1] must not be null");
    }

    private ThreadPoolExecutor newPool() {
      ThreadPoolExecutor pool =
          new ThreadPoolExecutor(1, 1, 0, TimeUnit.SECONDS, new LinkedBlockingQueue<>());
      pool.shutdown();
      return pool;
    }
  }

  private static void awaitQuietly(CountDownLatch latch) {
    try {
      latch.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
