package dev.spillway.junit.realtargets;

import static org.assertj.core.api.Assertions.assertThat;

import dev.spillway.junit.Fixtures;
import dev.spillway.junit.realtargets.RealTargetsStability.Arm;
import dev.spillway.junit.realtargets.RealTargetsStability.Case;
import dev.spillway.toolkit.load.Ending;
import dev.spillway.toolkit.load.LoadReport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The early stop ({@code harness.stopWhenCertain}) against components nobody here wrote: each case
 * runs stopped once its verdict is certain, and must still reach the verdict its whole plan
 * reaches, with the books agreeing with what the test counted itself — the same checks as its own
 * test, but for one about the whole plan's length. {@link RealTargetsStability} runs every case in
 * both arms ({@code -Dspillway.stability.earlyStop=paired}); these are the cases that once went
 * wrong, or that show each kind of call:
 *
 * <ul>
 *   <li>a JDK executor's queue of 100 with the abort policy, SHED: the harness once lost its
 *       probe's capacity and the early stop called it OVERFLOWED before it filled up;
 *   <li>a Reactor multicast sink, whose probe cannot know its bound of 128: SHED, where the early
 *       stop called a growing queue of unknown bound OVERFLOWED;
 *   <li>the same executor with a handler that blocks until there is room, watched through a lambda
 *       that does not know the bound: PUSHED_BACK, where the full queue, flat with nothing shed,
 *       would look like a queue that keeps up — the driver behind its plan tells;
 *   <li>an unbounded executor and a Pekko mailbox declared unbounded: OVERFLOWED, called early;
 *   <li>a target that fails every task: FAILED, called early from the books.
 * </ul>
 */
@Tag("realtargets")
class EarlyStopRealTargetsTests {

  @AfterEach
  void noThreadOfOursOutlivesTheFixture() {
    assertThat(Fixtures.spillwayThreads()).isEmpty();
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(
      strings = {
        "b ABQ(100) + abort",
        "j reactor multicast sink, buffer of 100 (128)",
        "f ABQ(100) + blocking put, a probe of unknown bound",
      })
  void aBoundedQueueThatFillsUp_reachesTheVerdictOfItsWholePlan(String name) {
    Case c = RealTargetsStability.named(name);
    RealRun run = Arm.EARLY.run(c);
    Arm.EARLY.check(c, run);
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(
      strings = {
        "a unbounded, the issue's 8 s peak",
        "i actor, harness books",
        "g every task throws",
      })
  void aVerdictCertainBeforeThePlanEnds_isCalledEarly_andIsTheWholePlans(String name) {
    Case c = RealTargetsStability.named(name);
    RealRun run = Arm.EARLY.run(c);
    Arm.EARLY.check(c, run);
    LoadReport load = run.measured().load();
    assertThat(load.ending()).as(run.describe()).isEqualTo(Ending.STOPPED);
    assertThat(load.sent()).as(run.describe()).isLessThan(load.planned());
  }
}
