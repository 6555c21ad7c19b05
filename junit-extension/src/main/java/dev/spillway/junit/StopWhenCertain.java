package dev.spillway.junit;

import static java.lang.annotation.ElementType.ANNOTATION_TYPE;
import static java.lang.annotation.ElementType.METHOD;
import static java.lang.annotation.RetentionPolicy.RUNTIME;
import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import dev.spillway.toolkit.verdict.SequentialVerdict;
import java.lang.annotation.Documented;
import java.lang.annotation.Retention;
import java.lang.annotation.Target;
import org.apiguardian.api.API;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Stops the load of an {@link OverloadTest} — or each trial of a {@link CapacityTest} — as soon as
 * its verdict is certain, instead of always running the whole plan. While the load runs, the run
 * looks every {@link #lookEvery()} at the watched queues and the books with the toolkit's {@link
 * SequentialVerdict}: once it calls the verdict at {@link #confidence()} — OVERFLOWED from the
 * depth's drift and the ledger, SURVIVED or SHED from flat queues, failure-free books and nothing
 * higher ahead in the plan, FAILED or LOST from the books alone — the load stops, the books settle,
 * and the shortened run is judged by the usual rules over the part of the peak it ran. When nothing
 * is certain the whole plan runs.
 *
 * <pre>{@code
 * @OverloadTest
 * @SpikeLoad(base = 150, peak = 250, at = "1s", hold = "4s", duration = "6s")
 * @StopWhenCertain(confidence = 0.99)
 * }</pre>
 *
 * <p>The summary line and the report's details say whether the run stopped early, when, why, and
 * the planned against the actual flood time ({@code "stopped early"}, {@code "flood time"}). The
 * statistics assume that the target behaves over the rest of the peak as it did so far: a component
 * that changes its behaviour at a depth it does not declare (a switch to synchronous calls, a
 * sentinel's threshold) should not opt in. A bounded queue's capacity and a {@link QueueBound} are
 * taken into account, and a queue is called OVERFLOWED early only when what it can hold is known —
 * a capacity it will not reach before the peak ends, or no bound at all ({@link
 * dev.spillway.toolkit.probe.QueueProbe#unbounded()}, {@link
 * dev.spillway.toolkit.probe.QueueProbes#unbounded}): a growing queue of unknown bound may fill up
 * and shed or hold its caller, and runs its whole plan. No call is made while the load driver is
 * behind its plan (a caller held by the target).
 *
 * <p><b>On a {@link CapacityTest}</b> it stops each trial the {@link CapacityHarness} builds
 * ({@link CapacityHarness#findCapacity(java.util.function.Supplier)}, {@link
 * CapacityHarness#trials(java.util.function.Supplier)}) at a clear breach or as soon as the trial's
 * verdict is certain — {@code TrialStop.clearBreach().or(TrialStop.whenCertain(…))} — by the same
 * sequential test over the trial's judged window: a sustained call needs its failure-free sends,
 * and the trial is then judged by the usual rules over the part of the window it ran. {@link
 * #minimumObservation()} counts from the end of the warm-up and should be shorter than {@link
 * CapacityTest#trial()}, or nothing is ever called; the trials are asked at least every {@link
 * #lookEvery()}. A runner of one's own ({@code findCapacity(TrialRunner)}) decides its stop itself.
 * Each trial line says whether it stopped early ({@code "stopped early: SURVIVED certain at 99.0%
 * after …"}). The attributes are checked by the same rules, before the body runs, with the capacity
 * test's own.
 */
@API(status = EXPERIMENTAL, since = "0.1")
@Target({METHOD, ANNOTATION_TYPE})
@Retention(RUNTIME)
@Documented
@ExtendWith(OverloadExtension.class)
public @interface StopWhenCertain {

  /**
   * The configuration parameter (or system property) that switches every declared early stop off
   * for a whole test run, to compare a suite's verdicts and flood time with and without it: {@code
   * -Dspillway.stopWhenCertain=off}; {@code declared} (the default) keeps what the tests declare.
   * Any other value fails each overload and capacity test that reads it.
   */
  String SWITCH = "spillway.stopWhenCertain";

  /**
   * The confidence of the call, in (0.5, 1); default 0.99: over the whole run, the chance that the
   * load is stopped with a verdict the full plan would not have reached is at most 1 − confidence.
   */
  double confidence() default 0.99;

  /**
   * How much of the peak (of a capacity trial: of its judged window) must have run before a call
   * from the drift or from failure-free books; a duration &gt; 0 such as {@code "1s"} (an integer
   * and one of {@code ns}, {@code us}, {@code ms}, {@code s}, {@code m}, {@code h}); default {@code
   * "1s"}.
   */
  String minimumObservation() default "1s";

  /**
   * How often the run looks, from 10 ms to 10 s; default {@code "100ms"}. With the peak's length it
   * fixes the number of looks the confidence is spread over: fewer looks, tighter bounds.
   */
  String lookEvery() default "100ms";
}
