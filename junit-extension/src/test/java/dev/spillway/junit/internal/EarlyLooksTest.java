package dev.spillway.junit.internal;

import static java.time.Duration.ofSeconds;
import static org.assertj.core.api.Assertions.assertThat;

import dev.spillway.toolkit.load.LoadProfile;
import org.junit.jupiter.api.Test;

/** Where the load an early-stopped run's verdict judges ends. */
class EarlyLooksTest {

  /** 250/s for 4 s: message k is due at k × 4 ms. */
  private static final LoadProfile PEAK =
      LoadProfile.builder().constant(250).perSecond().during(ofSeconds(4)).build();

  private static final long T0 = 1_000_000_000L;
  private static final long MS = 1_000_000L;

  @Test
  void aDriverThatKeptUp_endsAtTheStop() {
    // stopped at 2 s with the 500 messages due before it sent (message 500 is due at 2 s itself)
    assertThat(EarlyLooks.judgedLoadEnd(T0 + 2_000 * MS, 500, PEAK, T0)).isEqualTo(T0 + 2_000 * MS);
  }

  @Test
  void aDriverHeldUpBeforeTheStop_endsAtTheFirstMessageItNeverSent() {
    // stopped at 2.1 s, but the driver was held up from 2 s on: 25 messages due, none sent
    assertThat(EarlyLooks.judgedLoadEnd(T0 + 2_100 * MS, 500, PEAK, T0)).isEqualTo(T0 + 2_000 * MS);
  }

  @Test
  void aPlanSentWhole_endsAtTheStop() {
    assertThat(EarlyLooks.judgedLoadEnd(T0 + 4_100 * MS, 1_000, PEAK, T0))
        .isEqualTo(T0 + 4_100 * MS);
  }
}
