package dev.spillway.samples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** The small values of the client API: what a track returned, one event. */
class ValuesTest {

  @Test
  void anAcceptedResult_hasNoReason_andARejectedOneAlwaysHasOne() {
    assertThat(TrackResult.ACCEPTED.accepted()).isTrue();
    assertThat(TrackResult.ACCEPTED.reason()).isEmpty();
    assertThat(TrackResult.rejected("full").reason()).isEqualTo("full");
    assertThatThrownBy(() -> TrackResult.rejected(" "))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("reason must not be blank, but was ' '");
    assertThatThrownBy(() -> new TrackResult(true, "why?"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("reason must be empty for an accepted event, but was 'why?'");
    assertThatThrownBy(() -> new TrackResult(false, ""))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("reason must be non-blank for a rejected event, but was ''");
    assertThatThrownBy(() -> new TrackResult(false, " "))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("reason must be non-blank for a rejected event, but was ' '");
  }

  @Test
  void anEvent_needsAKeyAndAPayload() {
    assertThatThrownBy(() -> new Event(1, null, "", 0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("event key must not be null");
    assertThatThrownBy(() -> new Event(1, "k", null, 0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("event payload must not be null");
  }
}
