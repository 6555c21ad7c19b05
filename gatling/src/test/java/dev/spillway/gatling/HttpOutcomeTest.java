package dev.spillway.gatling;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

class HttpOutcomeTest {

  @Test
  void answers_mapOntoTheBooks_2xxAccepted_503And429Rejected_restFailed() {
    assertThat(HttpOutcome.of(OptionalInt.of(200))).isEqualTo(HttpOutcome.ACCEPTED);
    assertThat(HttpOutcome.of(OptionalInt.of(202))).isEqualTo(HttpOutcome.ACCEPTED);
    assertThat(HttpOutcome.of(OptionalInt.of(299))).isEqualTo(HttpOutcome.ACCEPTED);
    assertThat(HttpOutcome.of(OptionalInt.of(503))).isEqualTo(HttpOutcome.REJECTED);
    assertThat(HttpOutcome.of(OptionalInt.of(429))).isEqualTo(HttpOutcome.REJECTED);
    assertThat(HttpOutcome.of(OptionalInt.of(500))).isEqualTo(HttpOutcome.FAILED);
    assertThat(HttpOutcome.of(OptionalInt.of(504))).isEqualTo(HttpOutcome.FAILED);
    assertThat(HttpOutcome.of(OptionalInt.of(404))).isEqualTo(HttpOutcome.FAILED);
    assertThat(HttpOutcome.of(OptionalInt.of(302))).isEqualTo(HttpOutcome.FAILED);
  }

  @Test
  void noAnswer_failed() {
    assertThat(HttpOutcome.of(OptionalInt.empty())).isEqualTo(HttpOutcome.FAILED);
  }

  @Test
  void tally_countsUnansweredRequestsAsFailed() {
    Tally tally = new Tally();
    for (int i = 0; i < 5; i++) {
      tally.started();
    }
    tally.answered(202, 3);
    tally.answered(202, 4);
    tally.answered(503, 1);
    tally.answered(500, 1);
    assertThat(tally.outcomes()).isEqualTo(new ClientOutcomes(2, 1, 2));
    assertThat(tally.latency()).get().satisfies(p -> assertThat(p.count()).isEqualTo(4));
  }
}
