package dev.spillway.report;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class LabelFitTest {

  @Test
  void aLabelThatFits_isKeptWhole_wrappedAtSpaces() {
    assertThat(LabelFit.lines("warm-up at the base rate", 12, 3))
        .containsExactly("warm-up at", "the base", "rate");
    assertThat(LabelFit.lines("  peak  ", 12, 3)).containsExactly("peak");
  }

  @Test
  void aLabelTooLongForTheBox_endsItsLastLineWithAnEllipsis_withinTheWidth() {
    assertThat(LabelFit.lines("the ramp the incident of March began with", 11, 2))
        .containsExactly("the ramp", "the…");
    assertThat(LabelFit.lines("abcdef ghijkl", 6, 1)).containsExactly("abcde…");
  }

  @Test
  void aWordWiderThanTheBox_isBroken_notLost() {
    assertThat(LabelFit.lines("registryLockSeen", 6, 3))
        .containsExactly("regist", "ryLock", "Seen");
  }

  @Test
  void aBoxTooSmallForThreeCharacters_showsNothing() {
    assertThat(LabelFit.lines("peak", 2, 3)).isEmpty();
    assertThat(LabelFit.lines("peak", 10, 0)).isEmpty();
    assertThat(LabelFit.charsIn(66, 11)).isEqualTo(10);
  }
}
