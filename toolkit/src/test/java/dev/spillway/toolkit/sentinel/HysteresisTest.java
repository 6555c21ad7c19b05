package dev.spillway.toolkit.sentinel;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.management.ManagementFactory;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class HysteresisTest {

  private final List<Transition> made = new CopyOnWriteArrayList<>();
  private final AtomicLong current = new AtomicLong();

  private Hysteresis rearming() {
    return new Hysteresis(100, 50, false, current::get, made::add);
  }

  @Test
  void transitions_areNumberedInOrder_oddBreachesEvenFallBacks() {
    Hysteresis h = rearming();
    current.set(100);
    h.afterEnqueue(100);
    current.set(50);
    h.afterDequeue(50, 1);
    current.set(120);
    h.afterEnqueue(120);

    assertThat(made).extracting(Transition::number).containsExactly(1L, 2L, 3L);
    assertThat(made).extracting(Transition::breach).containsExactly(true, false, true);
    assertThat(made).extracting(Transition::excursion).containsExactly(1L, 1L, 2L);
    assertThat(made.get(1).rearmed()).isTrue();
  }

  @Test
  void aBreachWhoseQueueAlreadyDrained_fallsBackAtOnce_soItNeverSticksTripped() {
    // a consumer dequeued to 10 and saw the state still armed, before this breach's CAS
    Hysteresis h = rearming();
    current.set(10);

    h.afterEnqueue(100);

    assertThat(made).extracting(Transition::breach).containsExactly(true, false);
    assertThat(made.get(1).depth()).isEqualTo(10);
    assertThat(h.isArmed()).isTrue();
  }

  @Test
  void aRearmWhoseQueueAlreadyRefilled_breachesAgainAtOnce() {
    Hysteresis h = rearming();
    current.set(100);
    h.afterEnqueue(100);
    // a producer enqueued to 130 and saw the state still tripped, before this re-arm's CAS
    current.set(130);

    h.afterDequeue(40, 1);

    assertThat(made).extracting(Transition::number).containsExactly(1L, 2L, 3L);
    assertThat(made.get(2).depth()).isEqualTo(130);
    assertThat(h.isTripped()).isTrue();
  }

  @Test
  void aStaleCrossing_doesNothing_whenTheStateMovedOn() {
    Hysteresis h = rearming();
    current.set(100);
    h.afterEnqueue(100);
    h.afterEnqueue(150);
    h.afterDequeue(51, 1);

    assertThat(made).hasSize(1);
  }

  @Test
  void oneShot_isSpentAfterItsFirstFallBack() {
    Hysteresis h = new Hysteresis(100, 50, true, current::get, made::add);
    current.set(100);
    h.afterEnqueue(100);
    current.set(0);
    h.afterDequeue(0, 1);
    current.set(500);
    h.afterEnqueue(500);

    assertThat(made).extracting(Transition::breach).containsExactly(true, false);
    assertThat(made.get(1).rearmed()).isFalse();
    assertThat(h.describe()).isEqualTo("spent");
    assertThat(h.isArmed()).isFalse();
    assertThat(h.isTripped()).isFalse();
  }

  @Test
  void observe_withoutARecheck_actsOnTheDepthItIsGiven() {
    Hysteresis h = new Hysteresis(100, 50, false, null, made::add);
    h.observe(75);
    h.observe(100);
    h.observe(75);
    h.observe(50);

    assertThat(made).extracting(Transition::breach).containsExactly(true, false);
  }

  @Test
  void close_stopsEveryTransition() {
    Hysteresis h = rearming();
    assertThat(h.close(System.nanoTime())).isEmpty();
    current.set(100);
    h.afterEnqueue(100);

    assertThat(made).isEmpty();
    assertThat(h.describe()).isEqualTo("closed");
  }

  @Test
  void hotPath_allocatesNothing_belowEnableAndWhileTripped() {
    com.sun.management.ThreadMXBean threads =
        (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
    Hysteresis h = rearming();
    long sink = exercise(h, 200_000); // warm up
    long before = threads.getCurrentThreadAllocatedBytes();

    sink += exercise(h, 1_000_000);

    long allocated = threads.getCurrentThreadAllocatedBytes() - before;
    assertThat(allocated).as("bytes for 1,000,000 checks (%d)", sink).isLessThan(1024);
    current.set(100);
    h.afterEnqueue(100);
    before = threads.getCurrentThreadAllocatedBytes();
    sink += exercise(h, 1_000_000);
    for (int i = 0; i < 1_000_000; i++) {
      h.afterEnqueue(100 + (i & 63));
    }
    allocated = threads.getCurrentThreadAllocatedBytes() - before;
    assertThat(allocated).as("bytes while tripped (%d)", sink).isLessThan(1024);
  }

  private static long exercise(Hysteresis h, int n) {
    long armed = 0;
    for (int i = 0; i < n; i++) {
      h.afterEnqueue(i & 63);
      h.afterDequeue(60 + (i & 31), 1);
      if (h.isArmed()) {
        armed++;
      }
    }
    return armed;
  }
}
