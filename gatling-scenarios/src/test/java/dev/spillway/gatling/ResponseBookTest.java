package dev.spillway.gatling;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class ResponseBookTest {

  private final ResponseBook book = new ResponseBook();

  private void answer(String name, int status, long millis, String failure) {
    book.started(name);
    book.finished(name, status, millis, failure);
  }

  @Test
  void stats_countStatusesFailuresAndResponseTimes() {
    for (int i = 1; i <= 100; i++) {
      answer("bounded", i % 4 == 0 ? 503 : 202, i, null);
    }
    answer("bounded", 500, 7, "unexpected status 500");
    answer("bounded", ResponseBook.NO_RESPONSE, -1, "no response");

    RequestStats s = book.stats("bounded");

    assertThat(s.count()).isEqualTo(102);
    assertThat(s.failed()).isEqualTo(2);
    assertThat(s.byStatus())
        .containsEntry("202", 75L)
        .containsEntry("503", 25L)
        .containsEntry("500", 1L)
        .containsEntry("none", 1L);
    assertThat(s.withStatus(503)).isEqualTo(25);
    assertThat(s.failures())
        .containsEntry("unexpected status 500", 1L)
        .containsEntry("no response", 1L);
    assertThat(s.responseTimeMillis().count()).isEqualTo(101);
    assertThat(s.responseTimeMillis().p50()).isEqualTo(50);
    assertThat(s.responseTimeMillis().p99()).isEqualTo(99);
    assertThat(s.responseTimeMillis().max()).isEqualTo(100);
  }

  @Test
  void inFlight_countsRequestsStartedButNotFinished() {
    book.started("a");
    book.started("a");
    book.finished("a", 202, 1, null);

    assertThat(book.inFlight()).isEqualTo(1);
  }

  @Test
  void stats_ofARequestThatNeverRanAreZero() {
    RequestStats s = book.stats("nothing");

    assertThat(s.count()).isZero();
    assertThat(s.responseTimeMillis().count()).isZero();
  }

  @Test
  void all_listsTheRequestsByName() {
    answer("b", 202, 1, null);
    answer("a", 202, 1, null);

    assertThat(book.all().keySet()).containsExactly("a", "b");
  }

  @Test
  void latencyBound_judgesTheP99() {
    for (int i = 1; i <= 100; i++) {
      answer("bounded", 202, i, null);
    }
    RequestStats s = book.stats("bounded");

    assertThat(new LatencyBound("bounded", Duration.ofMillis(100)).judge(s).passed()).isTrue();
    assertThat(new LatencyBound("bounded", Duration.ofMillis(99)).judge(s).passed()).isFalse();
    assertThat(new LatencyBound("x", Duration.ofMillis(99)).judge(book.stats("x")).passed())
        .isFalse();
  }

  @Test
  void started_rejectsABlankName() {
    assertThatThrownBy(() -> book.started(" "))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("request name");
  }
}
