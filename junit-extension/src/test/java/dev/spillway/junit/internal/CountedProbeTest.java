package dev.spillway.junit.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;
import org.junit.jupiter.api.Test;

/** {@link CountedProbe#awaitNextRead}: bounded by its timeout, ended by an interrupt. */
class CountedProbeTest {

  private static final Duration TIMEOUT = Duration.ofMillis(300);

  /** Far below the hour the test's counts would take to rise: they never do. */
  private static final Duration WELL_BEFORE = Duration.ofSeconds(5);

  @Test
  void countsThatNeverRise_holdTheWaitForTheTimeoutOnly() {
    List<LongSupplier> reads = List.of(() -> 7, () -> 0);
    long start = System.nanoTime();

    CountedProbe.awaitNextRead(reads, new long[] {7, 0}, TIMEOUT.toNanos());

    Duration took = Duration.ofNanos(System.nanoTime() - start);
    assertThat(took).isGreaterThanOrEqualTo(TIMEOUT).isLessThan(WELL_BEFORE);
  }

  @Test
  void countsThatRose_endTheWaitAtOnce() {
    AtomicLong count = new AtomicLong(9);
    long start = System.nanoTime();

    CountedProbe.awaitNextRead(List.of(count::get), new long[] {7}, Duration.ofHours(1).toNanos());

    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(WELL_BEFORE);
  }

  @Test
  void anInterrupt_endsTheWait_andStaysSet() {
    Thread.currentThread().interrupt();
    long start = System.nanoTime();

    CountedProbe.awaitNextRead(List.of(() -> 0), new long[] {0}, Duration.ofHours(1).toNanos());

    assertThat(Thread.interrupted()).isTrue();
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(WELL_BEFORE);
  }
}
