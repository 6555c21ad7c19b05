package dev.spillway.junit.wiremock;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import com.github.tomakehurst.wiremock.common.Json;
import com.github.tomakehurst.wiremock.http.DelayDistribution;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import dev.spillway.toolkit.inject.Delay;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The toolkit's delay models, as WireMock response delays. */
class WireMockDelaysTest {

  private static ResponseDefinition mapped(Delay delay) {
    return WireMockDelays.applyTo(aResponse().withStatus(202), delay).build();
  }

  private static String json(Delay delay) {
    return Json.write(mapped(delay)).replaceAll("\\s", "");
  }

  @Test
  void noDelay_leavesTheResponseAlone() {
    ResponseDefinition response = mapped(Delay.none());
    assertThat(response.getFixedDelayMilliseconds()).isNull();
    assertThat(response.getDelayDistribution()).isNull();
    assertThat(WireMockDelays.isNative(Delay.none())).isTrue();
  }

  @Test
  void aFixedDelay_becomesWireMocksFixedDelay() {
    ResponseDefinition response = mapped(Delay.fixed(Duration.ofMillis(5)));
    assertThat(response.getFixedDelayMilliseconds()).isEqualTo(5);
    assertThat(response.getDelayDistribution()).isNull();
    assertThat(json(Delay.fixed(5, TimeUnit.SECONDS))).contains("\"fixedDelayMilliseconds\":5000");
  }

  @Test
  void aUniformDelay_becomesWireMocksUniformDelay_withBothEndsIncluded() {
    assertThat(json(Delay.uniform(Duration.ofMillis(2), Duration.ofMillis(8))))
        .contains("\"delayDistribution\":{\"type\":\"uniform\",\"lower\":2,\"upper\":8}");
    DelayDistribution d = mapped(Delay.uniform(3, 4, TimeUnit.MILLISECONDS)).getDelayDistribution();
    boolean sawLower = false;
    boolean sawUpper = false;
    for (int i = 0; i < 1_000; i++) {
      long ms = d.sampleMillis();
      assertThat(ms).isBetween(3L, 4L);
      sawLower |= ms == 3;
      sawUpper |= ms == 4;
    }
    assertThat(sawLower && sawUpper).as("both ends are drawn").isTrue();
  }

  @Test
  void anUncappedLogNormalDelay_becomesWireMocksLogNormal_withTheSameMedianAndSigma() {
    assertThat(json(Delay.logNormal(Duration.ofMillis(5), 0.5)))
        .contains("\"delayDistribution\":{\"type\":\"lognormal\",\"median\":5.0,\"sigma\":0.5}");
    assertThat(json(Delay.logNormal(Duration.ofNanos(2_500_000), 0.25)))
        .as("the median may be a fraction of a millisecond")
        .contains("\"median\":2.5,\"sigma\":0.25");
    assertThat(WireMockDelays.isNative(Delay.logNormal(Duration.ofMillis(5), 0.5))).isTrue();
  }

  @Test
  void aCappedLogNormal_drawsFromTheToolkitsModel_becauseWireMocksCapRedrawsInstead() {
    Delay capped = Delay.logNormal(Duration.ofMillis(10), 1.0).cappedAt(Duration.ofMillis(12));
    DelayDistribution d = mapped(capped).getDelayDistribution();
    assertThat(d).isInstanceOf(ModelDelayDistribution.class);
    assertThat(WireMockDelays.isNative(capped)).isFalse();
    int n = 20_000;
    long sum = 0;
    int atCap = 0;
    for (int i = 0; i < n; i++) {
      long ms = d.sampleMillis();
      assertThat(ms).isBetween(0L, 12L);
      sum += ms;
      atCap += ms == 12 ? 1 : 0;
    }
    // a cap cuts draws to 12 ms: P(X > 12) = 1 - Φ(ln 1.2) ≈ 0.43 of them land on it (redrawing
    // would put almost none there), and the mean is the capped model's
    assertThat((double) atCap / n).isCloseTo(0.43, within(0.03));
    assertThat(sum / (double) n).isCloseTo(capped.meanNanos() / 1e6, within(0.15));
  }

  @Test
  void aParetoDelay_drawsFromTheToolkitsModel() {
    Delay pareto = Delay.pareto(Duration.ofMillis(4), 3.0);
    DelayDistribution d = mapped(pareto).getDelayDistribution();
    assertThat(d).isInstanceOf(ModelDelayDistribution.class);
    assertThat(d.toString()).contains("ParetoDelayModel[minimum=PT0.004S, alpha=3.0");
    int n = 20_000;
    long sum = 0;
    for (int i = 0; i < n; i++) {
      long ms = d.sampleMillis();
      assertThat(ms).isGreaterThanOrEqualTo(4L);
      sum += ms;
    }
    assertThat(sum / (double) n).isCloseTo(pareto.meanNanos() / 1e6, within(0.3)); // 6 ms
  }

  @Test
  void aFixedOrUniformDelayThatIsNotWholeMilliseconds_isRejected_notRounded() {
    assertThatThrownBy(() -> mapped(Delay.fixed(Duration.ofNanos(500_000))))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "fixed delay must be a whole number of milliseconds (WireMock delays are"
                + " milliseconds), but was PT0.0005S");
    assertThatThrownBy(
            () -> mapped(Delay.uniform(Duration.ofMillis(1), Duration.ofNanos(2_500_000))))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("uniform delay max must be a whole number of milliseconds");
    assertThatThrownBy(() -> mapped(Delay.fixed(Duration.ofDays(30))))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("fixed delay must be at most 2147483647 ms, but was PT720H");
  }

  @Test
  void nullArguments_areRejected() {
    assertThatThrownBy(() -> WireMockDelays.applyTo(null, Delay.none()))
        .hasMessage("response must not be null");
    assertThatThrownBy(() -> WireMockDelays.applyTo(aResponse(), null))
        .hasMessage("delay must not be null");
    assertThatThrownBy(() -> WireMockDelays.isNative(null)).hasMessage("delay must not be null");
  }
}
