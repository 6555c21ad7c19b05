package dev.spillway.junit;

import static java.lang.annotation.ElementType.ANNOTATION_TYPE;
import static java.lang.annotation.ElementType.METHOD;
import static java.lang.annotation.RetentionPolicy.RUNTIME;
import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import dev.spillway.toolkit.verdict.Verdict;
import java.lang.annotation.Documented;
import java.lang.annotation.Retention;
import java.lang.annotation.Target;
import org.apiguardian.api.API;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The verdict an {@link OverloadTest}'s run must reach: one of {@link #value()}, or the test fails
 * with the verdict reached and its explanation in numbers. Checked when the load has ended normally
 * (a breached {@link QueueBound} or a run ended by the watchdog fails the test on its own).
 *
 * <p>The verdict of each watched queue is computed by {@link
 * dev.spillway.toolkit.verdict.Verdicts#assess} from the trace and the books, over the load's
 * <em>peak</em>: the phases with the highest rate (the peak of a {@link SpikeLoad}, the whole of a
 * {@link ConstantLoad} or {@link RampLoad}), so that "still growing at the end of the load" means
 * at the end of the peak, not after the recovery. λ and μ are those the ledger measured over the
 * peak, the queue's {@link QueueBound} (if any) is its bound and the {@link DrainsWithin} level its
 * drain level. The run's verdict is the worst of them ({@link Verdict} lists them from the worst to
 * the best).
 *
 * <pre>{@code
 * @ExpectVerdict(Verdict.SHED)
 * @ExpectVerdict({Verdict.SURVIVED, Verdict.SHED})   // any healthy outcome
 * }</pre>
 */
@API(status = EXPERIMENTAL, since = "0.1")
@Target({METHOD, ANNOTATION_TYPE})
@Retention(RUNTIME)
@Documented
@ExtendWith(OverloadExtension.class)
public @interface ExpectVerdict {

  /** The verdicts accepted; at least one. */
  Verdict[] value();

  /**
   * The name of the watched queue whose verdict is expected, or {@code ""} (the default) for the
   * run's verdict, the worst of all watched queues. A name must be watched when the load starts.
   */
  String queue() default "";
}
