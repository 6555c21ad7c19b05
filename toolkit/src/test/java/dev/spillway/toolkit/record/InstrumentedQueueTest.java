package dev.spillway.toolkit.record;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class InstrumentedQueueTest {

  private static final Duration WAIT = Duration.ofSeconds(10);

  @Test
  void highWaterMark_withConcurrentProducersAndNoConsumer_equalsTheTotalOffered() throws Exception {
    InstrumentedQueue<Integer> q = InstrumentedQueue.unbounded("q");
    int producers = 4;
    int each = 20_000;
    runConcurrently(
        producers,
        p -> {
          for (int i = 0; i < each; i++) {
            q.offer(i);
          }
        });

    assertThat(q.highWaterMark()).isEqualTo((long) producers * each);
    assertThat(q.size()).isEqualTo(producers * each);
  }

  @Test
  void highWaterMark_withConcurrentProducersAndAConsumer_equalsTheLargestDepthAnyListenerSaw()
      throws Exception {
    InstrumentedQueue<Integer> q = InstrumentedQueue.unbounded("q");
    AtomicLong maxSeen = new AtomicLong();
    q.addDepthListener(
        new DepthListener() {
          @Override
          public void afterEnqueue(long depth) {
            maxSeen.accumulateAndGet(depth, Math::max);
          }

          @Override
          public void afterDequeue(long depth, int count) {}
        });
    int producers = 4;
    int each = 20_000;
    AtomicInteger consumed = new AtomicInteger();
    Thread consumer =
        new Thread(
            () -> {
              try {
                while (consumed.get() < producers * each) {
                  q.take();
                  consumed.incrementAndGet();
                }
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
              }
            });
    consumer.start();
    runConcurrently(
        producers,
        p -> {
          for (int i = 0; i < each; i++) {
            q.offer(i);
          }
        });
    consumer.join(WAIT.toMillis());

    assertThat(consumed.get()).isEqualTo(producers * each);
    assertThat(q.size()).isZero();
    // every enqueue reports its exact depth, so the largest reported is the true maximum
    assertThat(q.highWaterMark()).isEqualTo(maxSeen.get()).isPositive();
  }

  @Test
  void boundedQueue_withManyProducers_neverExceedsItsCapacityAndOfferFailsExactlyWhenFull()
      throws Exception {
    int capacity = 100;
    InstrumentedQueue<Integer> q = InstrumentedQueue.bounded("q", capacity);
    AtomicLong accepted = new AtomicLong();
    AtomicLong refused = new AtomicLong();
    AtomicLong maxDepth = new AtomicLong();
    q.addDepthListener(
        new DepthListener() {
          @Override
          public void afterEnqueue(long depth) {
            maxDepth.accumulateAndGet(depth, Math::max);
          }

          @Override
          public void afterDequeue(long depth, int count) {}
        });
    int producers = 6;
    int each = 10_000;
    runConcurrently(
        producers,
        p -> {
          for (int i = 0; i < each; i++) {
            if (q.offer(i)) {
              accepted.incrementAndGet();
            } else {
              refused.incrementAndGet();
            }
            if (i % 7 == 0) {
              q.poll();
            }
          }
        });

    assertThat(maxDepth.get()).isLessThanOrEqualTo(capacity);
    assertThat(q.highWaterMark()).isEqualTo(capacity);
    assertThat(accepted.get() + refused.get()).isEqualTo((long) producers * each);
    assertThat(refused.get()).isPositive();
    // offer refuses only when full: fill what is left, then exactly the next offer fails
    int space = q.remainingCapacity();
    for (int i = 0; i < space; i++) {
      assertThat(q.offer(-1)).isTrue();
    }
    assertThat(q.offer(-2)).isFalse();
    assertThat(q.size()).isEqualTo(capacity);
  }

  @Test
  void put_whenFull_waitsAndIsWokenByATake() throws Exception {
    InstrumentedQueue<String> q = InstrumentedQueue.bounded("q", 1);
    q.put("first");
    CountDownLatch done = new CountDownLatch(1);
    Thread producer =
        new Thread(
            () -> {
              try {
                q.put("second");
                done.countDown();
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
              }
            });
    producer.start();
    await().atMost(WAIT).until(() -> producer.getState() == Thread.State.WAITING);
    assertThat(done.getCount()).isOne();

    assertThat(q.take()).isEqualTo("first");

    assertThat(done.await(WAIT.toMillis(), TimeUnit.MILLISECONDS)).isTrue();
    assertThat(q.poll()).isEqualTo("second");
    assertThat(q.highWaterMark()).isOne();
  }

  @Test
  void put_whenInterruptedWhileWaiting_throwsAndKeepsTheDepth() throws Exception {
    InstrumentedQueue<String> q = InstrumentedQueue.bounded("q", 1);
    q.put("first");
    AtomicReference<Throwable> thrown = new AtomicReference<>();
    Thread producer =
        new Thread(
            () -> {
              try {
                q.put("second");
              } catch (InterruptedException e) {
                thrown.set(e);
              }
            });
    producer.start();
    await().atMost(WAIT).until(() -> producer.getState() == Thread.State.WAITING);
    producer.interrupt();
    producer.join(WAIT.toMillis());

    assertThat(thrown.get()).isInstanceOf(InterruptedException.class);
    assertThat(q.size()).isOne();
  }

  @Test
  void offerWithTimeout_whenFull_returnsFalseAfterTheTimeout() throws Exception {
    InstrumentedQueue<String> q = InstrumentedQueue.bounded("q", 1);
    q.offer("a");
    assertThat(q.offer("b", 5, TimeUnit.MILLISECONDS)).isFalse();
    assertThat(q.size()).isOne();
  }

  @Test
  void take_whenEmpty_waitsForAnOffer() throws Exception {
    InstrumentedQueue<String> q = InstrumentedQueue.unbounded("q");
    AtomicReference<String> got = new AtomicReference<>();
    Thread consumer =
        new Thread(
            () -> {
              try {
                got.set(q.take());
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
              }
            });
    consumer.start();
    await().atMost(WAIT).until(() -> consumer.getState() == Thread.State.WAITING);
    q.offer("m");
    consumer.join(WAIT.toMillis());
    assertThat(got.get()).isEqualTo("m");
    assertThat(q.poll(1, TimeUnit.MILLISECONDS)).isNull();
  }

  @Test
  void listeners_areToldOfEveryChangeWithTheExactDepth() throws Exception {
    InstrumentedQueue<String> q = InstrumentedQueue.bounded("q", 10);
    List<String> seen = new ArrayList<>();
    AutoCloseable handle =
        q.addDepthListener(
            new DepthListener() {
              @Override
              public void afterEnqueue(long depth) {
                seen.add("+" + depth);
              }

              @Override
              public void afterDequeue(long depth, int count) {
                seen.add("-" + count + "=" + depth);
              }
            });
    q.offer("a");
    q.put("b");
    q.offer("c", 1, TimeUnit.SECONDS);
    q.offer("d");
    q.poll();
    q.take();
    q.remove("d");
    q.offer("e");
    q.drainTo(new ArrayList<>(), 1);
    q.offer("f");
    q.clear();
    handle.close();
    q.offer("ignored");

    assertThat(seen)
        .containsExactly(
            "+1", "+2", "+3", "+4", "-1=3", "-1=2", "-1=1", "+2", "-1=1", "+2", "-2=0");
  }

  @Test
  void listeners_areNotToldOfFailedOrEmptyOperations() {
    InstrumentedQueue<String> q = InstrumentedQueue.bounded("q", 1);
    AtomicInteger calls = new AtomicInteger();
    q.offer("a");
    q.addDepthListener(
        new DepthListener() {
          @Override
          public void afterEnqueue(long depth) {
            calls.incrementAndGet();
          }

          @Override
          public void afterDequeue(long depth, int count) {
            calls.incrementAndGet();
          }
        });
    q.offer("refused");
    q.remove("absent");
    q.poll();
    q.poll();
    q.clear();
    q.drainTo(new ArrayList<>());

    assertThat(calls.get()).isOne(); // only the successful poll
  }

  @Test
  void iteratorRemove_removesThatMessageAndLowersTheDepth() {
    InstrumentedQueue<String> q = InstrumentedQueue.unbounded("q");
    q.addAll(List.of("a", "b", "c"));
    Iterator<String> it = q.iterator();
    assertThat(it.next()).isEqualTo("a");
    assertThat(it.next()).isEqualTo("b");
    it.remove();

    assertThat(q).containsExactly("a", "c");
    assertThat(q.size()).isEqualTo(2);
    assertThatThrownBy(it::remove).isInstanceOf(IllegalStateException.class);
  }

  @Test
  void iteratorRemove_ofAMessageAConsumerTookMeanwhile_doesNotCountItTwice() {
    InstrumentedQueue<String> q = InstrumentedQueue.unbounded("q");
    q.addAll(List.of("a", "b"));
    Iterator<String> it = q.iterator();
    it.next();
    assertThat(q.poll()).isEqualTo("a");

    it.remove();

    assertThat(q.size()).isOne();
    assertThat(q).containsExactly("b");
  }

  @Test
  void iteratorRemove_removesTheVeryInstanceNotAnEqualOne() {
    InstrumentedQueue<String> q = InstrumentedQueue.unbounded("q");
    String first = new String("x");
    String second = new String("x");
    q.offer(first);
    q.offer(second);
    Iterator<String> it = q.iterator();
    it.next();
    it.next();
    it.remove();

    assertThat(q.peek()).isSameAs(first);
    assertThat(q.size()).isOne();
  }

  @Test
  void removeIf_goesThroughTheIteratorAndKeepsTheDepthExact() {
    InstrumentedQueue<Integer> q = InstrumentedQueue.unbounded("q");
    for (int i = 0; i < 10; i++) {
      q.offer(i);
    }
    q.removeIf(i -> i % 2 == 0);
    assertThat(q).containsExactly(1, 3, 5, 7, 9);
    assertThat(q.size()).isEqualTo(5);
  }

  @Test
  void drainTo_movesAtMostMaxInOrderAndFreesSpaceForWaitingProducers() throws Exception {
    InstrumentedQueue<Integer> q = InstrumentedQueue.bounded("q", 3);
    q.addAll(List.of(1, 2, 3));
    List<Integer> target = new ArrayList<>();

    assertThat(q.drainTo(target, 2)).isEqualTo(2);
    assertThat(target).containsExactly(1, 2);
    assertThat(q.size()).isOne();
    assertThat(q.remainingCapacity()).isEqualTo(2);
    assertThat(q.drainTo(target)).isOne();
    assertThat(q.drainTo(target)).isZero();
    assertThat(q.drainTo(target, 0)).isZero();
    assertThat(target).containsExactly(1, 2, 3);
  }

  @Test
  void drainTo_itself_isRejected() {
    InstrumentedQueue<Integer> q = InstrumentedQueue.unbounded("q");
    assertThatThrownBy(() -> q.drainTo(q))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("target collection must be another collection");
  }

  @Test
  void clear_emptiesTheQueueAndWakesEveryWaitingProducer() throws Exception {
    InstrumentedQueue<Integer> q = InstrumentedQueue.bounded("q", 2);
    q.addAll(List.of(1, 2));
    CountDownLatch bothIn = new CountDownLatch(2);
    List<Thread> producers = new ArrayList<>();
    for (int i = 0; i < 2; i++) {
      int v = 10 + i;
      Thread t =
          new Thread(
              () -> {
                try {
                  q.put(v);
                  bothIn.countDown();
                } catch (InterruptedException e) {
                  Thread.currentThread().interrupt();
                }
              });
      producers.add(t);
      t.start();
    }
    await()
        .atMost(WAIT)
        .until(() -> producers.stream().allMatch(t -> t.getState() == Thread.State.WAITING));

    q.clear();

    assertThat(bothIn.await(WAIT.toMillis(), TimeUnit.MILLISECONDS)).isTrue();
    assertThat(q).containsExactlyInAnyOrder(10, 11);
  }

  @Test
  void afterAFloodDrains_theQueueStillWorksAndKeepsItsHighWaterMark() {
    InstrumentedQueue<Integer> q = InstrumentedQueue.unbounded("q");
    int flood = InstrumentedQueue.SHRINK_ABOVE * 3;
    for (int i = 0; i < flood; i++) {
      q.offer(i);
    }
    for (int i = 0; i < flood; i++) {
      assertThat(q.poll()).isEqualTo(i);
    }
    q.offer(42);
    assertThat(q.poll()).isEqualTo(42);
    assertThat(q.highWaterMark()).isEqualTo(flood);
  }

  @Test
  void resetHighWaterMark_startsFromTheCurrentDepth() {
    InstrumentedQueue<Integer> q = InstrumentedQueue.unbounded("q");
    q.addAll(List.of(1, 2, 3));
    q.poll();
    q.resetHighWaterMark();
    assertThat(q.highWaterMark()).isEqualTo(2);
  }

  @Test
  void probe_readsTheDepthUnderTheQueuesName() {
    InstrumentedQueue<Integer> q = InstrumentedQueue.bounded("orders", 5);
    q.offer(1);
    assertThat(q.probe().name()).isEqualTo("orders");
    assertThat(q.probe().depth()).isOne();
    assertThat(q.isBounded()).isTrue();
    assertThat(InstrumentedQueue.unbounded("u").isBounded()).isFalse();
    assertThat(InstrumentedQueue.unbounded("u").remainingCapacity()).isEqualTo(Integer.MAX_VALUE);
    // the probe knows the bound: a capacity, or none at all
    assertThat(q.probe().capacity()).hasValue(5);
    assertThat(q.probe().unbounded()).isFalse();
    assertThat(InstrumentedQueue.unbounded("u").probe().unbounded()).isTrue();
    assertThat(InstrumentedQueue.unbounded("u").probe().capacity()).isEmpty();
    assertThat(q.toString())
        .isEqualTo("InstrumentedQueue[name=orders, capacity=5, depth=1, highWaterMark=1]");
  }

  @Test
  void contains_andRemove_useEquality() {
    InstrumentedQueue<String> q = InstrumentedQueue.unbounded("q");
    q.offer("a");
    assertThat(q.contains("a")).isTrue();
    assertThat(q.contains(null)).isFalse();
    assertThat(q.remove(null)).isFalse();
    assertThat(q.remove(new String("a"))).isTrue();
    assertThat(q.isEmpty()).isTrue();
  }

  @Test
  void creation_withBadArguments_isRejectedWithTheRule() {
    assertThatThrownBy(() -> InstrumentedQueue.bounded("q", 0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("queue capacity must be > 0, but was 0");
    assertThatThrownBy(() -> InstrumentedQueue.unbounded(" "))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("queue name must not be blank, but was ' '");
    InstrumentedQueue<String> q = InstrumentedQueue.unbounded("q");
    assertThatThrownBy(() -> q.offer(null)).hasMessage("message must not be null");
    assertThatThrownBy(() -> q.addDepthListener(null))
        .hasMessage("depth listener must not be null");
  }

  /** Runs {@code body} on {@code threads} threads released together; rethrows their failures. */
  private static void runConcurrently(int threads, ThrowingIntConsumer body) throws Exception {
    CyclicBarrier start = new CyclicBarrier(threads);
    ConcurrentLinkedQueue<Throwable> failures = new ConcurrentLinkedQueue<>();
    List<Thread> all = new ArrayList<>();
    for (int i = 0; i < threads; i++) {
      int index = i;
      Thread t =
          new Thread(
              () -> {
                try {
                  start.await();
                  body.accept(index);
                } catch (Throwable e) {
                  failures.add(e);
                }
              });
      all.add(t);
      t.start();
    }
    for (Thread t : all) {
      t.join(WAIT.toMillis());
      assertThat(t.isAlive()).as("thread finished").isFalse();
    }
    assertThat(failures).isEmpty();
  }

  @FunctionalInterface
  private interface ThrowingIntConsumer {
    void accept(int index) throws Exception;
  }
}
