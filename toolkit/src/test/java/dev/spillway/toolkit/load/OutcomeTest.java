package dev.spillway.toolkit.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.RejectedExecutionException;
import org.junit.jupiter.api.Test;

/** What a target answers, and how the driver counts answers, thrown exceptions and nulls. */
class OutcomeTest {

  private static final LoadProfile HUNDRED =
      LoadProfile.builder().constant(1000).perSecond().during(Duration.ofMillis(100)).build();

  @Test
  void outcomes_carryAReasonOrACause_andCompareByValue() {
    IllegalStateException boom = new IllegalStateException("boom");
    assertThat(Outcome.rejected("full").kind()).isEqualTo(Outcome.Kind.REJECTED);
    assertThat(Outcome.rejected("full").category()).hasValue("full");
    assertThat(Outcome.rejected("full")).isEqualTo(Outcome.rejected("full"));
    assertThat(Outcome.rejected("full")).isNotEqualTo(Outcome.REJECTED);
    assertThat(Outcome.failed(boom).cause()).containsSame(boom);
    assertThat(Outcome.failed(boom).category()).hasValue("java.lang.IllegalStateException");
    assertThat(Outcome.failed(boom).detail()).hasValue("boom");
    assertThat(Outcome.failed(boom).toString())
        .isEqualTo("FAILED(java.lang.IllegalStateException: boom)");
    assertThat(Outcome.failed("HTTP 500").isFailed()).isTrue();
    assertThat(Outcome.ACCEPTED.isAccepted()).isTrue();
    assertThat(Outcome.ACCEPTED.toString()).isEqualTo("ACCEPTED");
  }

  @Test
  void aThrownRefusal_isARejection_anythingElseAFailure() {
    Outcome refused = Outcome.of(new RejectedExecutionException("pool full"));
    assertThat(refused.isRejected()).isTrue();
    assertThat(refused.category()).hasValue("java.util.concurrent.RejectedExecutionException");
    assertThat(Outcome.of(new IllegalArgumentException("x")).isFailed()).isTrue();
  }

  @Test
  void badArguments_areRejected() {
    assertThatThrownBy(() -> Outcome.rejected(" "))
        .hasMessage("rejection reason must not be blank, but was ' '");
    assertThatThrownBy(() -> Outcome.failed((Throwable) null))
        .hasMessage("failure cause must not be null");
  }

  @Test
  void theDriver_countsAnsweredFailures_thrownRefusals_andNulls() {
    Sender mixed =
        message -> {
          long s = message.sequence();
          if (s % 10 == 0) {
            return Outcome.failed(new IllegalStateException("down"));
          }
          if (s % 10 == 1) {
            throw new RejectedExecutionException("full");
          }
          if (s % 10 == 2) {
            return null;
          }
          if (s % 10 == 3) {
            return Outcome.rejected("busy");
          }
          return Outcome.ACCEPTED;
        };

    LoadReport report = LoadDriver.drive(HUNDRED).sendTo(mixed).run();

    assertThat(report.sent()).isEqualTo(100);
    assertThat(report.failed()).isEqualTo(20); // the answered failures and the nulls
    assertThat(report.rejected()).isEqualTo(20); // the thrown refusals and the answered ones
    assertThat(report.accepted()).isEqualTo(60);
  }

  @Test
  void anAsyncTarget_whoseStageFailsWithARefusal_isRejected() {
    AsyncSender async =
        message ->
            message.sequence() % 2 == 0
                ? CompletableFuture.failedFuture(new RejectedExecutionException("full"))
                : CompletableFuture.supplyAsync(() -> Outcome.failed("HTTP 500"));

    LoadReport report = LoadDriver.drive(HUNDRED).sendAsyncTo(async).run();

    assertThat(report.rejected()).isEqualTo(50);
    assertThat(report.failed()).isEqualTo(50);
  }
}
