package dev.spillway.toolkit.load;

import static java.time.Duration.ofMillis;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class LoadDriverValidationTest {

  private static final LoadProfile PROFILE = LoadProfile.builder().burst(1).build();
  private static final LoadDriverBuilder BUILDER = LoadDriver.drive(PROFILE);

  @Test
  void nullProfile_isRejected() {
    assertThatThrownBy(() -> LoadDriver.drive(null)).hasMessage("load profile must not be null");
  }

  @Test
  void nameAndKeysAndEvents_mustBeGiven() {
    assertThatThrownBy(() -> BUILDER.named(""))
        .hasMessage("driver name must not be blank, but was ''");
    assertThatThrownBy(() -> BUILDER.keys(null, 1)).hasMessage("key distribution must not be null");
    assertThatThrownBy(() -> BUILDER.events(null)).hasMessage("event sink must not be null");
  }

  @Test
  void gracePeriod_mustBeBetweenZeroAndOneDay() {
    assertThatThrownBy(() -> BUILDER.gracePeriod(Duration.ofMillis(-1)))
        .hasMessage("grace period must be in [PT0S, PT24H], but was PT-0.001S");
    assertThatThrownBy(() -> BUILDER.gracePeriod(2, TimeUnit.DAYS))
        .hasMessage("grace period must be in [PT0S, PT24H], but was PT48H");
    assertThatThrownBy(() -> BUILDER.gracePeriod(null)).hasMessage("grace period must not be null");
    assertThatThrownBy(() -> BUILDER.gracePeriod(1, null))
        .hasMessage("grace period unit must not be null");
    assertThat(BUILDER.gracePeriod(Duration.ZERO)).isNotNull();
  }

  @Test
  void lateThreshold_mustBePositiveAndAtMostAnHour() {
    assertThatThrownBy(() -> BUILDER.lateThreshold(Duration.ZERO))
        .hasMessage("late threshold must be a positive duration, but was PT0S");
    assertThatThrownBy(() -> BUILDER.lateThreshold(2, TimeUnit.HOURS))
        .hasMessage("late threshold must be at most PT1H, but was PT2H");
  }

  @Test
  void spinWindow_mustBeBetweenZeroAndTenMillis() {
    assertThatThrownBy(() -> BUILDER.spinWithin(ofMillis(11)))
        .hasMessage("spin window must be in [PT0S, PT0.01S], but was PT0.011S");
    assertThatThrownBy(() -> BUILDER.spinWithin(-1, TimeUnit.MICROSECONDS))
        .hasMessage("spin window must be in [PT0S, PT0.01S], but was PT-0.000001S");
  }

  @Test
  void targets_mustBeGiven_andThePoolSizedWithinItsLimits() {
    assertThatThrownBy(() -> BUILDER.sendTo(null)).hasMessage("sender must not be null");
    assertThatThrownBy(() -> BUILDER.sendAsyncTo(null)).hasMessage("async sender must not be null");
    assertThatThrownBy(() -> BUILDER.sendWithPool(0, m -> Outcome.ACCEPTED))
        .hasMessage("sender threads must be in [1, 1024], but was 0");
    assertThatThrownBy(() -> BUILDER.sendWithPool(1025, m -> Outcome.ACCEPTED))
        .hasMessage("sender threads must be in [1, 1024], but was 1025");
    assertThatThrownBy(() -> BUILDER.sendWithPool(2, null)).hasMessage("sender must not be null");
  }

  @Test
  void awaitReport_rejectsANegativeTimeout() {
    try (RunningLoad running = BUILDER.sendTo(m -> Outcome.ACCEPTED).start()) {
      assertThatThrownBy(() -> running.awaitReport(Duration.ofMillis(-1)))
          .hasMessage("timeout must be a duration >= 0, but was PT-0.001S");
      assertThatThrownBy(() -> running.awaitReport(1, null))
          .hasMessage("timeout unit must not be null");
    }
  }

  @Test
  void messagesAndHelpersValidateTheirArguments() {
    assertThatThrownBy(() -> new Message(-1, "k", 0))
        .hasMessage("message sequence must be >= 0, but was -1");
    assertThatThrownBy(() -> new Message(0, null, 0)).hasMessage("message key must not be null");
    assertThatThrownBy(() -> Sender.accepting(null)).hasMessage("consumer must not be null");
    assertThatThrownBy(() -> Sender.offering(null)).hasMessage("offer must not be null");
  }

  @Test
  void senderHelpers_mapToOutcomes() throws Exception {
    Message message = new Message(0, "key-0", 0);

    assertThat(Sender.accepting(m -> {}).send(message)).isEqualTo(Outcome.ACCEPTED);
    assertThat(Sender.offering(m -> true).send(message)).isEqualTo(Outcome.ACCEPTED);
    assertThat(Sender.offering(m -> false).send(message)).isEqualTo(Outcome.REJECTED);
  }

  @Test
  void driver_describesItsConfiguration() {
    LoadDriver driver =
        BUILDER
            .named("orders")
            .keys(KeyDistribution.uniform(4), 7)
            .sendWithPool(2, m -> Outcome.ACCEPTED);

    assertThat(driver.name()).isEqualTo("orders");
    assertThat(driver.mode()).isEqualTo(SendMode.POOL);
    assertThat(driver.profile()).isEqualTo(PROFILE);
    assertThat(driver.toString())
        .contains(
            "name=orders",
            "mode=POOL",
            "senderThreads=2",
            "uniform over 4 keys",
            "seed=7",
            "burst of 1");
  }
}
