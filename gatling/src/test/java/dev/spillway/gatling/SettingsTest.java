package dev.spillway.gatling;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class SettingsTest {

  @Test
  void badSettings_nameTheSettingTheValueAndWhatIsAllowed() {
    assertThatThrownBy(() -> Spillway.builder("run").metrics("ftp://host/metrics"))
        .hasMessageContaining("metrics URL must be an absolute http or https URL")
        .hasMessageContaining("'ftp://host/metrics'");
    assertThatThrownBy(() -> Spillway.builder("run").pollEvery(Duration.ofSeconds(5)))
        .hasMessage("poll interval must be from 1 ms to 1000 ms, but was PT5S");
    assertThatThrownBy(() -> Spillway.builder("run").metrics("http://127.0.0.1:1/metrics").build())
        .hasMessage("watched queues must be at least one, given with watch(queue), but was none");
    assertThatThrownBy(() -> WatchedQueue.of("q", JudgeTest.DEPTH).withBound(0))
        .hasMessage("queue bound of 'q' must be >= 1, but was 0");
    assertThatThrownBy(() -> WatchedQueue.of("a b", JudgeTest.DEPTH))
        .hasMessageStartingWith("watched queue name must be letters, digits");
    assertThatThrownBy(() -> WatchedQueue.of("q", JudgeTest.DEPTH).checkingGrowthAgainstRates())
        .hasMessageContaining("book counters of 'q' must be given before");
    assertThatThrownBy(() -> Metric.prometheus("bad-name"))
        .hasMessageContaining("Prometheus metric name must be valid Prometheus syntax");
    assertThatThrownBy(
            () ->
                Spillway.builder("run")
                    .watch(WatchedQueue.of("q", JudgeTest.DEPTH))
                    .watch(WatchedQueue.of("q", JudgeTest.DEPTH)))
        .hasMessage("watched queue name must be unique in the run, but was 'q'");
  }
}
