package dev.spillway.toolkit.record;

import static org.assertj.core.api.Assertions.assertThat;

import dev.spillway.toolkit.probe.QueueProbe;
import org.junit.jupiter.api.Test;

class ProbeTrackTest {

  @Test
  void whenFull_pairsAreMergedIntoTheirMaximumAndTheStrideDoubles() {
    ProbeTrack track = new ProbeTrack(QueueProbe.of("q", () -> 0), 16);
    for (int i = 0; i < 16; i++) {
      track.add(i, i % 4 == 1 ? 100 + i : i); // peaks at odd positions 1, 5, 9, 13
    }

    DepthSeries s = track.toSeries();

    assertThat(s.size()).isEqualTo(8);
    assertThat(s.stride()).isEqualTo(2);
    assertThat(s.depths()).containsExactly(101, 3, 105, 7, 109, 11, 113, 15);
    assertThat(s.timesNanos()).containsExactly(1, 3, 5, 7, 9, 11, 13, 15);
    assertThat(s.samples()).isEqualTo(16);
  }

  @Test
  void anyNumberOfSamples_staysWithinTheBoundAndKeepsTheMaximumAndTheLastSample() {
    ProbeTrack track = new ProbeTrack(QueueProbe.of("q", () -> 0), 16);
    int n = 100_000;
    for (int i = 0; i < n; i++) {
      track.add(i, i == 54_321 ? 9_999 : i % 50);
    }

    DepthSeries s = track.toSeries();

    assertThat(s.size()).isBetween(8, 16);
    assertThat(s.highWaterMark()).isEqualTo(9_999);
    assertThat(s.stats().highWaterMarkAt().toNanos()).isEqualTo(54_321);
    assertThat(s.finalDepth()).isEqualTo((n - 1) % 50);
    assertThat(s.samples()).isEqualTo(n);
    assertThat(s.timesNanos()).isSorted();
    assertThat((long) s.size() * s.stride()).isGreaterThanOrEqualTo(n / 2);
  }

  @Test
  void aPartialBucket_appearsAsTheLastPoint() {
    ProbeTrack track = new ProbeTrack(QueueProbe.of("q", () -> 0), 16);
    for (int i = 0; i < 17; i++) { // 16 fill and compact to 8 (stride 2); the 17th waits
      track.add(i, 1);
    }
    track.add(17, 0);
    track.add(18, 5); // opens the next bucket
    DepthSeries s = track.toSeries();
    assertThat(s.size()).isEqualTo(10);
    assertThat(s.depth(9)).isEqualTo(5);
    assertThat(s.finalDepth()).isEqualTo(5);
  }

  @Test
  void failures_areCountedAndStreaksReported() {
    ProbeTrack track = new ProbeTrack(QueueProbe.of("q", () -> 0), 16);
    assertThat(track.fail("down")).isTrue();
    assertThat(track.fail("down")).isFalse();
    assertThat(track.add(1, 3)).isEqualTo(2);
    assertThat(track.add(2, 3)).isZero();
    assertThat(track.toSeries().failedSamples()).isEqualTo(2);
    assertThat(track.toSeries().lastFailure()).contains("down");
  }
}
