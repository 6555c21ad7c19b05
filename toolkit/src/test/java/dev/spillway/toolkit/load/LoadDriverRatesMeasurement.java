package dev.spillway.toolkit.load;

import static java.time.Duration.ofSeconds;
import static org.assertj.core.api.Assertions.assertThat;

import dev.spillway.toolkit.util.Durations;
import java.time.Duration;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * Measures what the driver achieves into a no-op target at 1k, 10k, 100k and 1M messages per
 * second, for about 2 s each, parking only and with a 100 µs spin. Prints figures; asserts only
 * that every planned message was sent. Off by default (it takes ~20 s); run it with:
 *
 * <pre>
 * ./mvnw -q -B -pl toolkit test -Dtest=LoadDriverRatesMeasurement -Dspillway.measure=true \
 *     -Dspotless.check.skip=true -Djacoco.skip=true
 * </pre>
 */
@EnabledIfSystemProperty(named = "spillway.measure", matches = "true")
class LoadDriverRatesMeasurement {

  private static final Duration LENGTH = ofSeconds(2);

  @Test
  void achievedRateAndLateness_intoANoOpTarget() {
    StringBuilder table = new StringBuilder();
    table.append(
        String.format(
            Locale.ROOT,
            "%-10s %-6s %12s %10s %10s %10s %10s %10s%n",
            "target/s",
            "spin",
            "achieved/s",
            "ratio",
            "late p50",
            "late p99",
            "late p99.9",
            "late max"));
    // warm-up: the JIT compiles the sending path before the first measured run
    measure(100_000, Duration.ZERO, ofSeconds(1));
    for (Duration spin : new Duration[] {Duration.ZERO, Duration.ofNanos(100_000)}) {
      for (double rate : new double[] {1_000, 10_000, 100_000, 1_000_000}) {
        LoadReport report = measure(rate, spin, LENGTH);
        PhaseReport phase = report.phases().get(0);
        table.append(
            String.format(
                Locale.ROOT,
                "%-10.0f %-6s %12.1f %10.5f %10s %10s %10s %10s%n",
                rate,
                Durations.format(spin),
                phase.achievedRatePerSecond(),
                phase.achievedRatio(),
                Durations.format(report.lateness().p50()),
                Durations.format(report.lateness().p99()),
                Durations.format(report.lateness().p999()),
                Durations.format(report.lateness().max())));
      }
    }
    System.out.println(table);
  }

  private static LoadReport measure(double rate, Duration spin, Duration length) {
    LoadProfile profile = LoadProfile.builder().constant(rate).perSecond().during(length).build();
    LoadReport report =
        LoadDriver.drive(profile).spinWithin(spin).sendTo(message -> Outcome.ACCEPTED).run();
    assertThat(report.sent()).isEqualTo(profile.plannedMessages());
    return report;
  }
}
