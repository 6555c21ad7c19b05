package dev.spillway.toolkit.load;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** How a sending thread's held sends are counted: only in runs of {@value PhaseReport#HELD_RUN}. */
class SendStatsTest {

  @Test
  void loneHeldSends_betweenQuickOnes_neverMakeARun() {
    SendStats stats = new SendStats(1, 0);
    for (int i = 0; i < 100; i++) {
      stats.held(0, i % 2 == 0); // a slow send, then a quick one, and again
    }
    assertThat(stats.phaseHeld(0)).isZero();
  }

  @Test
  void aRunCounts_fromItsFirstSend_once_itIsLongEnough() {
    SendStats stats = new SendStats(2, 0);
    stats.held(0, true);
    stats.held(0, true); // two in a row: not yet a run
    assertThat(stats.phaseHeld(0)).isZero();
    stats.held(1, true); // the third: the run counts, each send in its own phase
    assertThat(stats.phaseHeld(0)).isEqualTo(2);
    assertThat(stats.phaseHeld(1)).isEqualTo(1);
    stats.held(1, true);
    stats.held(1, false); // the run ends
    stats.held(1, true);
    stats.held(1, true); // a new one, too short
    assertThat(stats.phaseHeld(0) + stats.phaseHeld(1)).isEqualTo(4);
  }
}
