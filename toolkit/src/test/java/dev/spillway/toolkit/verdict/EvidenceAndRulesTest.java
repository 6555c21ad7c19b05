package dev.spillway.toolkit.verdict;

import static dev.spillway.toolkit.verdict.Traces.trace;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.spillway.toolkit.ledger.LedgerSnapshot;
import dev.spillway.toolkit.ledger.MessageLedger;
import dev.spillway.toolkit.ledger.Rates;
import dev.spillway.toolkit.record.DepthSeries;
import dev.spillway.toolkit.record.QueueTrace;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

class EvidenceAndRulesTest {

  private static final QueueTrace TRACE = trace(4, t -> 10);
  private static final LedgerSnapshot BOOKS = LedgerSnapshot.of(10, 10, 0, 0, 0, 0);

  @Test
  void evidence_defaultsToTheWholeTraceAndNoRates() {
    Evidence e = Evidence.of(TRACE, BOOKS);
    assertThat(e.probe()).isEqualTo("q");
    assertThat(e.loadStart()).isEqualTo(Duration.ZERO);
    assertThat(e.loadEnd()).isEqualTo(Duration.ofSeconds(4));
    assertThat(e.rates()).isEmpty();
    assertThat(e.series().size()).isEqualTo(401);
  }

  @Test
  void evidence_withRatesFrom_measuresTheLedgerOverTheLoadWindow() {
    long[] clock = {Traces.START_NANOS};
    MessageLedger ledger = MessageLedger.builder().nanoClock(() -> clock[0]).build();
    for (int ms = 0; ms < 4000; ms++) { // 100/s for the first 2 s, then 300/s
      int every = ms < 2000 ? 10 : 3;
      if (ms % every == 0) {
        ledger.sent();
        ledger.processed();
      }
      clock[0] += 1_000_000;
    }

    Evidence e =
        Evidence.of(TRACE, BOOKS)
            .withLoadWindow(Duration.ofSeconds(2), Duration.ofSeconds(4))
            .withRatesFrom(ledger);

    assertThat(e.rates().orElseThrow().arrivalPerSecond()).isCloseTo(333.5, within(1.0));
    assertThat(e.rates().orElseThrow().window()).isEqualTo(Duration.ofSeconds(2));
  }

  @Test
  void evidence_withBadArguments_isRejected() {
    Evidence e = Evidence.of(TRACE, BOOKS);
    assertThatThrownBy(() -> e.withLoadWindow(Duration.ofSeconds(2), Duration.ofSeconds(2)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("load end must be after the load start PT2S, but was PT2S");
    assertThatThrownBy(() -> e.withLoadWindow(Duration.ZERO, Duration.ofSeconds(5)))
        .hasMessage("load end must be within the trace (PT4S), but was PT5S");
    assertThatThrownBy(() -> e.withLoadWindow(Duration.ofSeconds(-1), Duration.ofSeconds(1)))
        .hasMessage("load start must be a duration >= 0, but was PT-1S");
    assertThatThrownBy(() -> Evidence.of(TRACE, "other", BOOKS))
        .hasMessage("probe name must be one of [q], but was 'other'");
    assertThatThrownBy(() -> Evidence.of(TRACE, null))
        .hasMessage("ledger snapshot must not be null");
    assertThatThrownBy(() -> e.withRates(null)).hasMessage("rates must not be null");
    QueueTrace two =
        new QueueTrace(
            "rec",
            Instant.EPOCH,
            0,
            Duration.ofSeconds(1),
            Duration.ofMillis(1),
            List.of(
                DepthSeries.of("a", new long[] {0}, new long[] {0}),
                DepthSeries.of("b", new long[] {0}, new long[] {0})),
            List.of(),
            0,
            0);
    assertThatThrownBy(() -> Evidence.of(two, BOOKS))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("trace 'rec' has 2 probes [a, b], not 1");
    assertThat(Evidence.of(two, "b", BOOKS).probe()).isEqualTo("b");
  }

  @Test
  void assess_withNullArguments_isRejected() {
    assertThatThrownBy(() -> Verdicts.assess(null)).hasMessage("evidence must not be null");
    assertThatThrownBy(() -> Verdicts.assess(Evidence.of(TRACE, BOOKS), null))
        .hasMessage("rules must not be null");
  }

  @Test
  void rules_haveDocumentedDefaultsAndWithCopies() {
    VerdictRules d = VerdictRules.defaults();
    assertThat(d)
        .isEqualTo(
            new VerdictRules(
                Duration.ofSeconds(1),
                3,
                1,
                10,
                0.5,
                OptionalLong.empty(),
                1_000_000,
                0,
                0.01,
                0.05));
    VerdictRules all =
        d.withStallWindow(Duration.ofSeconds(2))
            .withSignificance(4)
            .withMinGrowthPerSecond(2)
            .withMinRise(20)
            .withLateFraction(0.25)
            .withBound(100)
            .withForecastLimit(500)
            .withDrainLevel(5)
            .withFailureShare(0.1)
            .withPushBackShare(0.2);
    assertThat(all)
        .isEqualTo(
            new VerdictRules(
                Duration.ofSeconds(2), 4, 2, 20, 0.25, OptionalLong.of(100), 500, 5, 0.1, 0.2));
  }

  @Test
  void rules_outOfRange_areRejected() {
    VerdictRules d = VerdictRules.defaults();
    assertThatThrownBy(() -> d.withStallWindow(Duration.ZERO))
        .hasMessage("stall window must be a positive duration, but was PT0S");
    assertThatThrownBy(() -> d.withSignificance(-1))
        .hasMessage("significance must be a finite number >= 0, but was -1.0");
    assertThatThrownBy(() -> d.withMinGrowthPerSecond(Double.POSITIVE_INFINITY))
        .hasMessage("minimum growth must be a finite number >= 0, but was Infinity");
    assertThatThrownBy(() -> d.withMinRise(-1)).hasMessage("minimum rise must be >= 0, but was -1");
    assertThatThrownBy(() -> d.withLateFraction(0))
        .hasMessage("late fraction must be in (0, 1], but was 0.0");
    assertThatThrownBy(() -> d.withLateFraction(1.5))
        .hasMessage("late fraction must be in (0, 1], but was 1.5");
    assertThatThrownBy(() -> d.withBound(0)).hasMessage("bound must be > 0, but was 0");
    assertThatThrownBy(() -> d.withFailureShare(1.5))
        .hasMessage("failure share must be in [0, 1], but was 1.5");
    assertThatThrownBy(() -> d.withPushBackShare(0))
        .hasMessage("push-back share must be in (0, 1], but was 0.0");
    assertThatThrownBy(() -> d.withForecastLimit(0))
        .hasMessage("forecast limit must be > 0, but was 0");
    assertThatThrownBy(() -> d.withDrainLevel(-1))
        .hasMessage("drain level must be >= 0, but was -1");
  }

  @Test
  void assessment_predictedGrowthIsArrivalMinusService() {
    Assessment a = Verdicts.assess(Evidence.of(TRACE, BOOKS).withRates(Rates.nominal(250, 200)));
    assertThat(a.predictedGrowthPerSecond().getAsDouble()).isEqualTo(50);
    assertThat(Verdicts.assess(Evidence.of(TRACE, BOOKS)).predictedGrowthPerSecond()).isEmpty();
  }
}
