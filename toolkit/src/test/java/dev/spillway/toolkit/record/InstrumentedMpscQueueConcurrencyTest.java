package dev.spillway.toolkit.record;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@link InstrumentedMpscQueue} under several producers and one consumer: nothing lost or
 * duplicated, per-producer order, bounds of the depth, and the guarantees of the high-water mark.
 * Producers and the consumer yield while the queue is full or empty, so the tests stay fast on a
 * shared 2-core machine.
 */
class InstrumentedMpscQueueConcurrencyTest {

  private static final Duration WAIT = Duration.ofSeconds(60);
  private static final int SEQ = 1_000_000; // message = producer * SEQ + sequence number

  @ParameterizedTest(name = "watched by a listener: {0}")
  @ValueSource(booleans = {false, true})
  void fourProducersAndOneConsumer_loseNothing_duplicateNothing_andKeepEachProducersOrder(
      boolean watched) throws Exception {
    int capacity = 100; // a ring of 128 slots: wraps thousands of times
    int producers = 4;
    int each = 200_000;
    InstrumentedMpscQueue<Integer> q = InstrumentedMpscQueue.bounded("q", capacity);
    DepthRange enqueued = new DepthRange();
    DepthRange dequeued = new DepthRange();
    if (watched) {
      q.addDepthListener(
          new DepthListener() {
            @Override
            public void afterEnqueue(long depth) {
              enqueued.add(depth);
            }

            @Override
            public void afterDequeue(long depth, int count) {
              dequeued.add(depth);
            }
          });
    }
    ConcurrentLinkedQueue<String> violations = new ConcurrentLinkedQueue<>();
    AtomicBoolean done = new AtomicBoolean();
    int[] nextSeq = new int[producers];
    Thread consumer =
        thread(
            "consumer",
            () -> {
              for (int received = 0; received < producers * each; ) {
                Integer m = q.poll();
                if (m == null) {
                  Thread.yield();
                  continue;
                }
                received++;
                int p = m / SEQ;
                if (m % SEQ != nextSeq[p]) {
                  violations.add("producer " + p + ": got " + m % SEQ + ", not " + nextSeq[p]);
                }
                nextSeq[p] = m % SEQ + 1;
                checkDepth(q.size(), capacity, violations);
              }
            },
            violations);
    Thread observer =
        thread(
            "observer",
            () -> {
              long lastMark = 0;
              while (!done.get()) {
                checkDepth(q.size(), capacity, violations);
                long mark = q.highWaterMark();
                if (mark < lastMark || mark > capacity) {
                  violations.add("mark " + mark + " after " + lastMark);
                }
                lastMark = mark;
                checkIterationOrder(q, producers, capacity, violations);
                Thread.yield();
              }
            },
            violations);
    consumer.start();
    observer.start();
    runConcurrently(
        producers,
        p -> {
          for (int i = 0; i < each; i++) {
            while (!q.offer(p * SEQ + i)) {
              Thread.yield();
            }
          }
        });
    consumer.join(WAIT.toMillis());
    done.set(true);
    observer.join(WAIT.toMillis());

    assertThat(consumer.isAlive()).as("consumer finished").isFalse();
    assertThat(violations).isEmpty();
    assertThat(nextSeq).containsOnly(each);
    assertThat(q.poll()).isNull();
    assertThat(q.isEmpty()).isTrue();
    assertThat(q.size()).isZero();
    assertThat(q.highWaterMark()).isBetween(1L, (long) capacity);
    if (watched) {
      // guarantee 4: with listeners the mark is exactly the largest depth they were told of
      assertThat(q.highWaterMark()).isEqualTo(enqueued.max.get());
      assertThat(enqueued.min.get()).isGreaterThanOrEqualTo(1);
      assertThat(dequeued.min.get()).isGreaterThanOrEqualTo(0);
      assertThat(dequeued.max.get()).isLessThanOrEqualTo(capacity); // producers refill at once
      assertThat(enqueued.count.get()).isEqualTo((long) producers * each);
      assertThat(dequeued.count.get()).isEqualTo((long) producers * each);
    }
  }

  @Test
  void producersAlone_reachAnExactMark_andOfferFailsExactlyAtCapacity() throws Exception {
    InstrumentedMpscQueue<Integer> large = InstrumentedMpscQueue.bounded("large", 200_000);
    runConcurrently(
        4,
        p -> {
          for (int i = 0; i < 50_000; i++) {
            large.offer(i);
          }
        });
    assertThat(large.size()).isEqualTo(200_000);
    assertThat(large.highWaterMark()).isEqualTo(200_000);

    InstrumentedMpscQueue<Integer> small = InstrumentedMpscQueue.bounded("small", 1000);
    AtomicLong accepted = new AtomicLong();
    runConcurrently(
        4,
        p -> {
          for (int i = 0; i < 10_000; i++) {
            if (small.offer(i)) {
              accepted.incrementAndGet();
            }
          }
        });
    assertThat(accepted.get()).isEqualTo(1000);
    assertThat(small.size()).isEqualTo(1000);
    assertThat(small.highWaterMark()).isEqualTo(1000);
  }

  /**
   * Guarantee 2: while the consumer does not poll, concurrent offers see the exact depth. Rounds of
   * three producers offering together, then the consumer taking some (seeded), so the mark must
   * equal the largest depth after every round, whatever the producers' stale caches say.
   */
  @Test
  void roundsOfConcurrentOffersThenPolls_keepTheMarkExactlyAtTheLargestDepth() throws Exception {
    InstrumentedMpscQueue<Integer> q = InstrumentedMpscQueue.bounded("q", 5_000);
    Random random = new Random(42);
    long depth = 0;
    long max = 0;
    for (int round = 0; round < 40; round++) {
      int[] counts = {random.nextInt(120), random.nextInt(120), random.nextInt(120)};
      runConcurrently(
          3,
          p -> {
            for (int i = 0; i < counts[p]; i++) {
              q.offer(i);
            }
          });
      depth += Arrays.stream(counts).sum();
      max = Math.max(max, depth);
      assertThat(q.highWaterMark()).as("round %d", round).isEqualTo(max);
      long take = random.nextInt((int) depth + 1);
      for (long i = 0; i < take; i++) {
        assertThat(q.poll()).isNotNull();
      }
      depth -= take;
      assertThat(q.size()).isEqualTo(depth);
    }
    assertThat(max).isGreaterThan(300);
  }

  /**
   * Guarantee 1: the mark is never above the true largest depth, even though the producers' cached
   * consumer index lags far behind. Permits hold the depth at or below 8 in a queue of 4096: a mark
   * taken from the producers' estimate would climb towards 4096.
   */
  @Test
  void withAConcurrentConsumer_theMarkIsNeverAboveTheLargestPossibleDepth() throws Exception {
    int bound = 8;
    InstrumentedMpscQueue<Integer> q = InstrumentedMpscQueue.bounded("q", 4096);
    Semaphore permits = new Semaphore(bound);
    int producers = 3;
    int each = 50_000;
    ConcurrentLinkedQueue<String> failures = new ConcurrentLinkedQueue<>();
    Thread consumer =
        thread(
            "consumer",
            () -> {
              for (int received = 0; received < producers * each; ) {
                if (q.poll() == null) {
                  Thread.yield();
                } else {
                  received++;
                  permits.release(); // after the poll: depth <= permits taken <= bound
                }
              }
            },
            failures);
    consumer.start();
    runConcurrently(
        producers,
        p -> {
          for (int i = 0; i < each; i++) {
            while (!permits.tryAcquire()) {
              Thread.yield();
            }
            if (!q.offer(i)) {
              throw new AssertionError("offer refused at a depth of at most " + bound);
            }
          }
        });
    consumer.join(WAIT.toMillis());

    assertThat(failures).isEmpty();
    assertThat(q.highWaterMark()).isBetween(1L, (long) bound);
  }

  private static void checkDepth(int depth, int capacity, ConcurrentLinkedQueue<String> out) {
    if (depth < 0 || depth > capacity) {
      out.add("depth " + depth + " outside [0, " + capacity + "]");
    }
  }

  /** One weakly consistent iteration: per producer increasing, at most capacity messages. */
  private static void checkIterationOrder(
      InstrumentedMpscQueue<Integer> q,
      int producers,
      int capacity,
      ConcurrentLinkedQueue<String> out) {
    int[] last = new int[producers];
    Arrays.fill(last, -1);
    int n = 0;
    for (int m : q) {
      int p = m / SEQ;
      if (m % SEQ <= last[p]) {
        out.add("iterator: producer " + p + " gave " + m % SEQ + " after " + last[p]);
      }
      last[p] = m % SEQ;
      n++;
    }
    if (n > capacity) {
      out.add("iterator returned " + n + " messages");
    }
  }

  /** The smallest and largest depth reported, and how many reports. */
  private static final class DepthRange {
    final AtomicLong min = new AtomicLong(Long.MAX_VALUE);
    final AtomicLong max = new AtomicLong(Long.MIN_VALUE);
    final AtomicLong count = new AtomicLong();

    void add(long depth) {
      min.accumulateAndGet(depth, Math::min);
      max.accumulateAndGet(depth, Math::max);
      count.incrementAndGet();
    }
  }

  private static Thread thread(String name, Runnable body, ConcurrentLinkedQueue<String> failures) {
    Thread t =
        new Thread(
            () -> {
              try {
                body.run();
              } catch (Throwable e) {
                failures.add(name + " threw " + e);
              }
            },
            "test-" + name);
    t.setDaemon(true);
    return t;
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
              },
              "test-producer-" + i);
      t.setDaemon(true);
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
