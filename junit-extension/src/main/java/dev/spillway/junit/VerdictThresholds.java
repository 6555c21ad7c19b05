package dev.spillway.junit;

import static java.lang.annotation.ElementType.ANNOTATION_TYPE;
import static java.lang.annotation.ElementType.METHOD;
import static java.lang.annotation.RetentionPolicy.RUNTIME;
import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import java.lang.annotation.Documented;
import java.lang.annotation.Retention;
import java.lang.annotation.Target;
import org.apiguardian.api.API;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The thresholds of an {@link OverloadTest}'s verdicts that a test may set (see {@link
 * dev.spillway.toolkit.verdict.Verdicts} for every rule, and {@link
 * dev.spillway.toolkit.verdict.VerdictRules} for the others' defaults).
 *
 * <pre>{@code
 * @VerdictThresholds(failedShare = 0.05) // up to 5 % of failed messages is still a survival
 * }</pre>
 */
@API(status = EXPERIMENTAL, since = "0.1")
@Target({METHOD, ANNOTATION_TYPE})
@Retention(RUNTIME)
@Documented
@ExtendWith(OverloadExtension.class)
public @interface VerdictThresholds {

  /**
   * The share of sent messages that may fail before the verdict is {@link
   * dev.spillway.toolkit.verdict.Verdict#FAILED FAILED}: more than this share fails. A number in
   * [0, 1]; default 0.01 (1 %); 0 makes any failure FAILED, 1 turns the rule off.
   */
  double failedShare() default 0.01;

  /**
   * The share of a phase's sends the target may hold up before the verdict is {@link
   * dev.spillway.toolkit.verdict.Verdict#PUSHED_BACK PUSHED_BACK} (a send is held up when it fell
   * due while an earlier send stayed inside the target for a whole gap between messages; see {@link
   * dev.spillway.toolkit.load.PhaseReport#heldMessages()}), provided at least three distinct sends
   * held them (one stall is not push-back); the same share of messages handled on the caller's own
   * thread is push-back too. A number in (0, 1]; default 0.05 (5 %).
   */
  double pushedBackShare() default 0.05;
}
