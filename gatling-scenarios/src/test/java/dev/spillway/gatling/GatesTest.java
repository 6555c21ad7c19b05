package dev.spillway.gatling;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class GatesTest {

  static MetricsSample sample(DesignSample d) {
    return new MetricsSample(0, Map.of(d.design(), d));
  }

  static DesignSample bounded(long depth, long highWaterMark) {
    return new DesignSample(
        "bounded",
        depth,
        List.of(new QueueSample("bounded", depth, highWaterMark, 100)),
        0,
        0,
        0,
        0,
        0);
  }

  static DesignSample partitioned(long... depths) {
    List<QueueSample> queues = new java.util.ArrayList<>();
    for (int i = 0; i < depths.length; i++) {
      queues.add(new QueueSample("partitioned-" + i, depths[i], depths[i], -1));
    }
    return new DesignSample(
        "partitioned", java.util.Arrays.stream(depths).sum(), queues, 0, 0, 0, 0, 0);
  }

  @Test
  void queueBound_holdsAtTheBoundItself() {
    assertThat(new QueueBound("bounded", 100).violations(sample(bounded(100, 100)))).isEmpty();
  }

  @Test
  void queueBound_catchesADepthOverTheBound() {
    assertThat(new QueueBound("bounded", 50).violations(sample(bounded(51, 51))))
        .singleElement()
        .asString()
        .contains("bounded queue 'bounded' reached 51", "> bound 50");
  }

  @Test
  void queueBound_catchesABreachBetweenPollsThroughTheHighWaterMark() {
    assertThat(new QueueBound("bounded", 50).violations(sample(bounded(3, 77))))
        .singleElement()
        .asString()
        .contains("reached 77", "high-water mark 77");
  }

  @Test
  void queueBound_checksEveryQueueOfADesign() {
    assertThat(new QueueBound("partitioned", 10).violations(sample(partitioned(1, 11, 2, 12))))
        .hasSize(2);
  }

  @Test
  void queueBound_isAGateNamedAfterItsDesignAndBound() {
    Gate g = new QueueBound("bounded", 100);

    assertThat(g.name()).isEqualTo("bounded queues <= 100");
  }

  @Test
  void gateOf_runsItsCheck() {
    Gate g = Gate.of("never", s -> List.of("crossed"));

    assertThat(g.name()).isEqualTo("never");
    assertThat(g.violations(sample(bounded(0, 0)))).containsExactly("crossed");
  }

  @Test
  void queueBound_rejectsABoundBelowOne() {
    assertThatThrownBy(() -> new QueueBound("bounded", 0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("queue bound of bounded");
  }

  @Test
  void queueBound_namesAnUnknownDesign() {
    assertThatThrownBy(() -> new QueueBound("ring", 5).violations(sample(bounded(0, 0))))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("'ring'");
  }

  @Test
  void hotKeyGate_allowsOneHotPartition() {
    assertThat(HotKeySimulation.atMostOneHot(sample(partitioned(2, 300, 1, 20)))).isEmpty();
  }

  @Test
  void hotKeyGate_failsWhenASecondPartitionHeatsUp() {
    assertThat(HotKeySimulation.atMostOneHot(sample(partitioned(2, 300, 21, 0))))
        .singleElement()
        .asString()
        .contains("2 partitions", "partitioned-1=300", "partitioned-2=21");
  }

  @Test
  void hotKey_sendsNineInTenEventsWithTheHotKey() {
    long hot = 0;
    for (long id = 1; id <= 1000; id++) {
      if (HotKeySimulation.keyOf(id).equals(HotKeySimulation.HOT_KEY)) {
        hot++;
      }
    }
    assertThat(hot).isEqualTo(900);
    assertThat(HotKeySimulation.keyOf(10)).isEqualTo("user-1");
  }

  @Test
  void survivalBounds_defaultToTheInProcessSettings() {
    List<QueueBound> b = SurvivalGateSimulation.bounds(new Settings(name -> null));

    assertThat(b)
        .containsExactly(
            new QueueBound("partitioned", SurvivalGateSimulation.PARTITIONED_BOUND),
            new QueueBound("bounded", 100),
            new QueueBound("sentinel-watched", 100 + 16));
  }

  @Test
  void survivalBounds_takeSystemProperties() {
    Map<String, String> props = Map.of("spillway.bound.bounded", "50");

    List<QueueBound> b = SurvivalGateSimulation.bounds(new Settings(props::get));

    assertThat(b).contains(new QueueBound("bounded", 50));
  }
}
