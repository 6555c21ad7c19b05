package dev.spillway.gatling;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.spillway.toolkit.record.Growth;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class MetricsLogTest {

  private final AtomicLong now = new AtomicLong(1_000_000_000L);
  private final MetricsLog log = new MetricsLog(now::get);

  static Map<String, DesignSample> singleton(long depth, long sent, long processed) {
    return Map.of(
        "singleton",
        new DesignSample(
            "singleton",
            depth,
            List.of(new QueueSample("singleton", depth, depth, -1)),
            sent,
            processed,
            0,
            0,
            0));
  }

  @Test
  void record_timesSamplesFromTheStart() {
    log.start();
    now.addAndGet(250_000_000L);

    MetricsSample s = log.record(singleton(1, 1, 0));

    assertThat(s.offsetNanos()).isEqualTo(250_000_000L);
    assertThat(log.elapsed()).isEqualTo(Duration.ofMillis(250));
  }

  @Test
  void start_onlyCountsTheFirstCall() {
    log.start();
    now.addAndGet(100_000_000L);
    log.start();
    now.addAndGet(100_000_000L);

    assertThat(log.record(singleton(0, 0, 0)).offsetNanos()).isEqualTo(200_000_000L);
  }

  @Test
  void growth_fitsTheSlopeOfAFigureOverTheWindowOnly() {
    log.start();
    for (int i = 0; i <= 40; i++) {
      // 10 per second for the first 2 s, then 50 per second
      long t = i * 100L;
      long depth = t <= 2000 ? t / 100 : 20 + (t - 2000) / 20;
      now.set(1_000_000_000L + t * 1_000_000L);
      log.record(singleton(depth, 3 * depth, 2 * depth));
    }

    Growth early =
        log.growth("singleton", DesignSample::depth, Duration.ZERO, Duration.ofSeconds(2));
    Growth late =
        log.growth("singleton", DesignSample::depth, Duration.ofSeconds(2), Duration.ofSeconds(4));
    Growth sent =
        log.growth("singleton", DesignSample::sent, Duration.ofSeconds(2), Duration.ofSeconds(4));

    assertThat(early.slopePerSecond()).isCloseTo(10, within(1e-9));
    assertThat(late.slopePerSecond()).isCloseTo(50, within(1e-9));
    assertThat(sent.slopePerSecond()).isCloseTo(150, within(1e-9));
    assertThat(late.points()).isEqualTo(21);
  }

  @Test
  void max_isTheLargestValueOverAllSamples() {
    log.record(singleton(3, 3, 0));
    log.record(singleton(9, 9, 0));
    log.record(singleton(4, 9, 5));

    assertThat(log.max("singleton", DesignSample::depth)).isEqualTo(9);
    assertThat(log.first().orElseThrow().design("singleton").depth()).isEqualTo(3);
    assertThat(log.last().orElseThrow().design("singleton").depth()).isEqualTo(4);
    assertThat(log.samples()).hasSize(3);
  }

  @Test
  void baseline_isKeptApartFromThePolls() {
    assertThat(log.baseline("singleton")).isEmpty();

    log.baseline(singleton(0, 42, 40));

    assertThat(log.baseline("singleton").orElseThrow().sent()).isEqualTo(42);
    assertThat(log.baseline("bounded")).isEmpty();
    assertThat(log.samples()).isEmpty();
  }
}
