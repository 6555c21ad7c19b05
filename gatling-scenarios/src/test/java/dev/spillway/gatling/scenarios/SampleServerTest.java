package dev.spillway.gatling.scenarios;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class SampleServerTest {

  @Test
  void anExternalTarget_mustBeOnLoopback() {
    assertThat(SampleServer.loopback("http://127.0.0.1:8080/").toString())
        .isEqualTo("http://127.0.0.1:8080");
    assertThat(SampleServer.loopback("http://localhost:8080").getPort()).isEqualTo(8080);
    assertThatThrownBy(() -> SampleServer.loopback("http://192.0.2.1:8080"))
        .hasMessage(
            "spillway.target.url must be an http URL on a loopback address (127.0.0.0/8,"
                + " localhost, [::1]), but was 'http://192.0.2.1:8080'");
  }

  @Test
  void overrides_replaceTheSharedFlags_inPlace() {
    assertThat(SampleServer.flags("--service-time", "20ms"))
        .containsSubsequence("--port", "0", "--service-time", "20ms", "--partitions", "4")
        .doesNotContain("5ms");
  }

  @Test
  void aBadBoundSetting_namesThePropertyTheValueAndTheRule() {
    System.setProperty("spillway.test.bound", "ten");
    try {
      assertThatThrownBy(() -> SampleTargetSimulation.bound("spillway.test.bound", 5))
          .hasMessage("-Dspillway.test.bound must be a whole number >= 1, but was 'ten'");
    } finally {
      System.clearProperty("spillway.test.bound");
    }
    assertThat(SampleTargetSimulation.bound("spillway.test.bound", 5)).isEqualTo(5);
  }

  @Test
  void theHotKey_spreadsAwayFromItsNeighbours() {
    // the copy of the server's hash picks one partition for the hot key, and the cold keys cover
    // the others (a cold partition must exist for the hot-key gate to mean anything)
    int hot = HotKeySimulation.partitionOf(HotKeySimulation.HOT_KEY, HotKeySimulation.PARTITIONS);
    assertThat(hot).isBetween(0, HotKeySimulation.PARTITIONS - 1);
    java.util.Set<Integer> cold = new java.util.HashSet<>();
    for (int i = 0; i < 1000; i++) {
      cold.add(HotKeySimulation.partitionOf("user-" + i, HotKeySimulation.PARTITIONS));
    }
    assertThat(cold).hasSize(HotKeySimulation.PARTITIONS);
  }
}
