package dev.spillway.toolkit.ledger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class LedgerValuesTest {

  @Test
  void snapshot_ofNothingSent_saysSo() {
    LedgerSnapshot books = LedgerSnapshot.of(0, 0, 0, 0, 0, 0);
    assertThat(books.describe()).isEqualTo("no message sent");
    assertThat(books.shedFraction()).isZero();
  }

  @Test
  void snapshot_shedFraction_isRejectedPlusDroppedOverSent() {
    LedgerSnapshot books = LedgerSnapshot.of(1200, 979, 200, 21, 0, 0);
    assertThat(books.shedFraction()).isCloseTo(221 / 1200.0, within(1e-12));
    assertThat(books.isBalanced()).isTrue();
  }

  @Test
  void snapshot_withManyAnomalies_namesTheFirstFiveAndCountsTheRest() {
    List<LedgerAnomaly> anomalies =
        java.util.stream.LongStream.range(1, 8)
            .mapToObj(id -> new LedgerAnomaly(id, LedgerAnomaly.Kind.SENT_TWICE, ""))
            .toList();
    LedgerSnapshot books =
        new LedgerSnapshot(
            "l",
            7,
            7,
            0,
            0,
            0,
            0,
            0,
            0,
            Duration.ZERO,
            Duration.ZERO,
            9,
            anomalies,
            List.of(),
            List.of(),
            List.of(),
            List.of());
    assertThat(books.describe())
        .isEqualTo(
            "no message lost: 7 sent = 7 processed; 9 anomalies: id 1 sent twice, id 2 sent twice,"
                + " id 3 sent twice, id 4 sent twice, id 5 sent twice and 4 more");
    assertThat(books.isBalanced()).isFalse();
  }

  @Test
  void snapshot_withSinceLastCompletion_changesOnlyThat() {
    LedgerSnapshot books = LedgerSnapshot.of(3, 1, 0, 0, 0, 2);
    LedgerSnapshot idle = books.withSinceLastCompletion(Duration.ofSeconds(3));
    assertThat(idle.sinceLastCompletion()).isEqualTo(Duration.ofSeconds(3));
    assertThat(idle.withSinceLastCompletion(Duration.ZERO)).isEqualTo(books);
  }

  @Test
  void snapshot_withBadComponents_isRejected() {
    assertThatThrownBy(() -> LedgerSnapshot.of(-1, 0, 0, 0, 0, 0))
        .hasMessage("sent must be >= 0, but was -1");
    assertThatThrownBy(() -> LedgerSnapshot.of(0, 0, 0, 0, 0, -1))
        .hasMessage("queued must be >= 0, but was -1");
    assertThatThrownBy(
            () ->
                new LedgerSnapshot(
                    "l",
                    0,
                    0,
                    0,
                    0,
                    0,
                    0,
                    0,
                    0,
                    Duration.ZERO,
                    Duration.ZERO,
                    0,
                    List.of(new LedgerAnomaly(1, LedgerAnomaly.Kind.NEVER_SENT, "")),
                    List.of(),
                    List.of(),
                    List.of(),
                    List.of()))
        .hasMessage("anomalies listed must be <= anomaly count 0, but was 1");
  }

  @Test
  void rates_nominalOrMeasured_andValidated() {
    Rates planned = Rates.nominal(250, 200);
    assertThat(planned.isMeasured()).isFalse();
    assertThat(planned.excessPerSecond()).isEqualTo(50);
    assertThat(new Rates(1, 1, Duration.ofSeconds(1)).isMeasured()).isTrue();
    assertThatThrownBy(() -> Rates.nominal(-1, 200))
        .hasMessage("arrival rate must be a finite number >= 0, but was -1.0");
    assertThatThrownBy(() -> Rates.nominal(1, Double.NaN))
        .hasMessage("service rate must be a finite number >= 0, but was NaN");
  }
}
