package dev.spillway.gatling;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class BooksTest {

  static DesignSample books(long sent, long rejected) {
    return new DesignSample(
        "bounded", 0, List.of(new QueueSample("bounded", 0, 0, 100)), sent, 0, rejected, 0, 0);
  }

  static RequestStats responses(long ok, long unavailable) {
    return new RequestStats(
        "bounded",
        ok + unavailable,
        0,
        Map.of("202", ok, "503", unavailable),
        Map.of(),
        new ResponseTimes(0, 0, 0, 0, 0, 0, 0, 0));
  }

  @Test
  void verdict_passesWhenEveryRejectionWasA503() {
    Verdict v = Books.verdict("bounded", responses(60, 40), books(1000, 7), books(1100, 47));

    assertThat(v.passed()).isTrue();
    assertThat(v.detail()).contains("100 received", "60 accepted", "40 rejected");
  }

  @Test
  void verdict_failsWhenTheServerRejectedMoreThanWasAnswered503() {
    Verdict v = Books.verdict("bounded", responses(60, 40), books(0, 0), books(100, 41));

    assertThat(v.passed()).isFalse();
  }

  @Test
  void verdict_failsWhenARequestNeverReachedTheServer() {
    Verdict v = Books.verdict("bounded", responses(60, 40), books(0, 0), books(99, 40));

    assertThat(v.passed()).isFalse();
  }

  @Test
  void verdict_rejectsSamplesOfAnotherDesign() {
    DesignSample other =
        new DesignSample("singleton", 0, List.of(new QueueSample("s", 0, 0, -1)), 0, 0, 0, 0, 0);

    assertThatThrownBy(() -> Books.verdict("bounded", responses(1, 0), other, books(1, 0)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("of design bounded");
  }
}
