package dev.spillway.toolkit.record;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Single-thread semantics of {@link InstrumentedMpscQueue}; concurrency is in its own test. */
class InstrumentedMpscQueueTest {

  @Test
  void offerAndPoll_keepFifoOrder() {
    InstrumentedMpscQueue<String> q = InstrumentedMpscQueue.bounded("q", 4);
    q.offer("a");
    q.offer("b");
    q.offer("c");

    assertThat(q.peek()).isEqualTo("a");
    assertThat(q.poll()).isEqualTo("a");
    assertThat(q.poll()).isEqualTo("b");
    assertThat(q.poll()).isEqualTo("c");
    assertThat(q.poll()).isNull();
  }

  @Test
  void offer_whenFull_returnsFalseAndKeepsDepth_atTheExactCapacity() {
    InstrumentedMpscQueue<Integer> q = InstrumentedMpscQueue.bounded("q", 5); // ring of 8 slots
    for (int i = 0; i < 5; i++) {
      assertThat(q.offer(i)).isTrue();
    }

    assertThat(q.offer(5)).isFalse();
    assertThat(q.size()).isEqualTo(5);
    assertThat(q.highWaterMark()).isEqualTo(5);
    assertThat(q.poll()).isZero();
    assertThat(q.offer(5)).isTrue();
    assertThat(q.offer(6)).isFalse();
  }

  @Test
  void poll_andPeek_whenEmpty_returnNull_andPeekDoesNotTake() {
    InstrumentedMpscQueue<String> q = InstrumentedMpscQueue.bounded("q", 2);
    assertThat(q.poll()).isNull();
    assertThat(q.peek()).isNull();
    assertThat(q.isEmpty()).isTrue();

    q.offer("m");

    assertThat(q.peek()).isEqualTo("m");
    assertThat(q.size()).isOne();
    assertThat(q.isEmpty()).isFalse();
  }

  @Test
  void capacityOne_holdsOneMessageAtATime() {
    InstrumentedMpscQueue<String> q = InstrumentedMpscQueue.bounded("q", 1);
    for (int i = 0; i < 1000; i++) {
      assertThat(q.offer("x" + i)).isTrue();
      assertThat(q.offer("refused")).isFalse();
      assertThat(q.poll()).isEqualTo("x" + i);
      assertThat(q.poll()).isNull();
    }
    assertThat(q.highWaterMark()).isOne();
  }

  /**
   * A seeded random walk of offers and polls, checked step by step against an {@link ArrayDeque}
   * with the same capacity: every offer's result, every poll's message, the depth, and the
   * high-water mark, which on one thread is exact. Small capacities wrap the ring many times.
   */
  @ParameterizedTest
  @ValueSource(ints = {1, 2, 3, 5, 8, 100})
  void randomWalk_onOneThread_matchesABoundedDequeExactly_includingTheHighWaterMark(int capacity) {
    InstrumentedMpscQueue<Integer> q = InstrumentedMpscQueue.bounded("q", capacity);
    ArrayDeque<Integer> model = new ArrayDeque<>();
    Random random = new Random(capacity);
    long maxDepth = 0;
    int next = 0;
    for (int step = 0; step < 50_000; step++) {
      // drift up or down for a while, so the walk visits both empty and full often
      boolean fill = (step / (capacity * 3 + 7)) % 2 == 0;
      if (random.nextInt(10) < (fill ? 7 : 3)) {
        boolean admitted = model.size() < capacity;
        assertThat(q.offer(next)).isEqualTo(admitted);
        if (admitted) {
          model.addLast(next);
        }
        next++;
      } else {
        assertThat(q.poll()).isEqualTo(model.pollFirst());
      }
      maxDepth = Math.max(maxDepth, model.size());
      assertThat(q.size()).isEqualTo(model.size());
      assertThat(q.highWaterMark()).isEqualTo(maxDepth);
    }
    assertThat(maxDepth).isEqualTo(capacity);
    assertThat(next).isGreaterThan(10 * capacity);
  }

  @Test
  void highWaterMark_isTheLargestDepth_notTheCurrentOne() {
    InstrumentedMpscQueue<Integer> q = InstrumentedMpscQueue.bounded("q", 1000);
    for (int i = 0; i < 700; i++) {
      q.offer(i);
    }
    for (int i = 0; i < 650; i++) {
      q.poll();
    }
    // the producers' cached consumer index is still 0, 650 behind: a mark taken from that
    // estimate would climb to 800 here
    for (int i = 0; i < 100; i++) {
      q.offer(i);
    }

    assertThat(q.size()).isEqualTo(150);
    assertThat(q.highWaterMark()).isEqualTo(700);
  }

  @Test
  void resetHighWaterMark_startsFromTheCurrentDepth() {
    InstrumentedMpscQueue<Integer> q = InstrumentedMpscQueue.bounded("q", 10);
    q.addAll(List.of(1, 2, 3));
    q.poll();

    q.resetHighWaterMark();

    assertThat(q.highWaterMark()).isEqualTo(2);
    q.offer(4);
    assertThat(q.highWaterMark()).isEqualTo(3);
  }

  @Test
  void add_whenFull_throwsNamingTheQueue() {
    InstrumentedMpscQueue<String> q = InstrumentedMpscQueue.bounded("orders", 1);
    q.add("a");

    assertThatThrownBy(() -> q.add("b"))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("queue 'orders' is full (capacity 1)");
  }

  @Test
  void iterator_returnsTheQueuedMessagesOldestFirst_afterTheRingWrapped() {
    InstrumentedMpscQueue<Integer> q = InstrumentedMpscQueue.bounded("q", 3);
    for (int i = 0; i < 10; i++) {
      q.offer(i);
      q.poll();
    }
    q.addAll(List.of(10, 11, 12));

    assertThat(q).containsExactly(10, 11, 12);
    assertThat(q.contains(11)).isTrue();
    assertThat(q.contains(9)).isFalse();
    assertThat(q.toArray()).containsExactly(10, 11, 12);
    Iterator<Integer> it = q.iterator();
    it.next();
    it.next();
    it.next();
    assertThat(it.hasNext()).isFalse();
    assertThatThrownBy(it::next)
        .isInstanceOf(NoSuchElementException.class)
        .hasMessage("no more messages in this view of queue 'q'");
  }

  @Test
  void iterator_skipsWhatTheConsumerTookMeanwhile_andIgnoresLaterOffers() {
    InstrumentedMpscQueue<Integer> q = InstrumentedMpscQueue.bounded("q", 4);
    q.addAll(List.of(1, 2, 3));
    Iterator<Integer> it = q.iterator();
    assertThat(it.next()).isEqualTo(1); // 2 is already looked up
    q.poll();
    q.poll();
    q.poll();
    q.offer(4);
    q.offer(5); // reuses the slot of 1

    List<Integer> rest = new ArrayList<>();
    it.forEachRemaining(rest::add);

    assertThat(rest).containsExactly(2);
  }

  @Test
  void removalsOtherThanFromTheHead_areUnsupported() {
    InstrumentedMpscQueue<Integer> q = InstrumentedMpscQueue.bounded("q", 4);
    q.addAll(List.of(1, 2));
    String message =
        "queue 'q' gives up messages only from its head (poll), one consumer at a time";

    assertThatThrownBy(() -> q.remove(1)).hasMessage(message);
    assertThatThrownBy(() -> q.removeIf(i -> true)).hasMessage(message);
    assertThatThrownBy(() -> q.removeAll(List.of(1))).hasMessage(message);
    assertThatThrownBy(() -> q.retainAll(List.of(1)))
        .isInstanceOf(UnsupportedOperationException.class);
    Iterator<Integer> it = q.iterator();
    it.next();
    assertThatThrownBy(it::remove).isInstanceOf(UnsupportedOperationException.class);
    assertThat(q).containsExactly(1, 2);
  }

  @Test
  void clear_andRemove_takeFromTheHead() {
    InstrumentedMpscQueue<Integer> q = InstrumentedMpscQueue.bounded("q", 4);
    q.addAll(List.of(1, 2, 3));

    assertThat(q.remove()).isEqualTo(1);
    assertThat(q.element()).isEqualTo(2);
    q.clear();

    assertThat(q.isEmpty()).isTrue();
    assertThat(q.size()).isZero();
    assertThat(q.highWaterMark()).isEqualTo(3);
    assertThatThrownBy(q::remove).isInstanceOf(NoSuchElementException.class);
  }

  @Test
  void probe_readsTheDepthUnderTheQueuesName_andIsAlwaysTheSame() {
    InstrumentedMpscQueue<Integer> q = InstrumentedMpscQueue.bounded("orders", 5);
    q.offer(1);

    assertThat(q.probe()).isSameAs(q.probe());
    assertThat(q.probe().name()).isEqualTo("orders");
    assertThat(q.probe().depth()).isOne();
    assertThat(q.name()).isEqualTo("orders");
    assertThat(q.capacity()).isEqualTo(5);
    assertThat(q.isBounded()).isTrue();
    assertThat(q.toString())
        .isEqualTo("InstrumentedMpscQueue[name=orders, capacity=5, depth=1, highWaterMark=1]");
  }

  @Test
  void listeners_areToldOfEveryChange_withTheExactDepthOnOneThread() throws Exception {
    InstrumentedMpscQueue<String> q = InstrumentedMpscQueue.bounded("q", 3);
    List<String> seen = new ArrayList<>();
    AutoCloseable handle = q.addDepthListener(recording(seen, ""));
    q.offer("a");
    q.offer("b");
    q.poll();
    q.offer("c");
    q.offer("d");
    q.offer("refused");
    q.clear();
    q.poll(); // empty: not reported
    handle.close();
    handle.close();
    q.offer("ignored");
    q.poll();

    assertThat(seen).containsExactly("+1", "+2", "-1=1", "+2", "+3", "-1=2", "-1=1", "-1=0");
  }

  @Test
  void listeners_canBeRemovedOneByOne_andTheMarkStaysExactWhileWatched() throws Exception {
    InstrumentedMpscQueue<Integer> q = InstrumentedMpscQueue.bounded("q", 10);
    List<String> seen = new ArrayList<>();
    AutoCloseable first = q.addDepthListener(recording(seen, "1"));
    AutoCloseable second = q.addDepthListener(recording(seen, "2"));
    q.offer(1);
    first.close();
    q.offer(2);
    second.close();
    q.offer(3);

    assertThat(seen).containsExactly("1+1", "2+1", "2+2");
    assertThat(q.highWaterMark()).isEqualTo(3);
  }

  @Test
  void creation_andArguments_withBadValues_areRejectedWithTheRule() {
    assertThatThrownBy(() -> InstrumentedMpscQueue.bounded("q", 0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("queue capacity must be in [1, 1073741824], but was 0");
    assertThatThrownBy(() -> InstrumentedMpscQueue.bounded("q", -5))
        .hasMessage("queue capacity must be in [1, 1073741824], but was -5");
    assertThatThrownBy(() -> InstrumentedMpscQueue.bounded("q", (1 << 30) + 1))
        .hasMessage("queue capacity must be in [1, 1073741824], but was 1073741825");
    assertThatThrownBy(() -> InstrumentedMpscQueue.bounded(" ", 1))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("queue name must not be blank, but was ' '");
    assertThatThrownBy(() -> InstrumentedMpscQueue.bounded(null, 1))
        .hasMessage("queue name must not be null");
    InstrumentedMpscQueue<String> q = InstrumentedMpscQueue.bounded("q", 1);
    assertThatThrownBy(() -> q.offer(null))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("message must not be null");
    assertThatThrownBy(() -> q.add(null)).hasMessage("message must not be null");
    assertThatThrownBy(() -> q.addDepthListener(null))
        .hasMessage("depth listener must not be null");
    assertThat(q.isEmpty()).isTrue();
  }

  private static DepthListener recording(List<String> seen, String prefix) {
    return new DepthListener() {
      @Override
      public void afterEnqueue(long depth) {
        seen.add(prefix + "+" + depth);
      }

      @Override
      public void afterDequeue(long depth, int count) {
        seen.add(prefix + "-" + count + "=" + depth);
      }
    };
  }
}
