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
 * Lets an {@link OverloadTest} be judged from the samples its watched probes could read, when some
 * could not be read: by default such a run is not judged.
 *
 * <p><b>By default, a depth that could not be read is missing evidence.</b> A probe registered with
 * {@link OverloadHarness#watch(dev.spillway.toolkit.probe.QueueProbe)} is read on a thread of its
 * own with a time limit: the run's {@link OverloadTest#grace()}, at least one second. A read that
 * throws, returns a negative depth or does not answer within the limit costs that sample, never the
 * run: the load goes on, every other queue is still sampled, and the run ends on time. But a
 * verdict needs the whole trace — a peak or a stall can hide in a gap — and the books need the
 * queued count at the end, so such a run is <em>not judged</em>: the test fails with one line per
 * probe naming what went wrong, when, and how many samples were lost, for example
 *
 * <pre>{@code
 * probe 'orders' threw IllegalStateException: broker connection lost at +1.2s after the load
 * started (17 of 40 samples unreadable); not judged: a verdict needs every sample (...)
 * }</pre>
 *
 * <p>(on one line); its expected verdict, its latency bounds and its books are not checked, its
 * summary says {@code NOT JUDGED}, and its report is written without a verdict, with that line as
 * its explanation. A {@link QueueBound} breach seen in the samples that were read, and a {@link
 * DrainsWithin} bound, still fail it too.
 *
 * <p><b>With this annotation</b>, a test that blinds its probe on purpose — it pauses the server
 * that serves the metrics, say — is judged from the samples that were read, and the gaps go with
 * the result as a caveat (in the summary, the assessments' explanations and the report). Even then
 * a probe that was never read, or could not be read when the run ended, leaves the run not judged.
 * Say why:
 *
 * <pre>{@code
 * @AllowProbeGaps("the server is frozen for the peak: its /metrics cannot answer meanwhile")
 * }</pre>
 *
 * <p>A probe that blocks and ignores interrupts keeps its thread ({@code
 * spillway-probe-<test>-<probe>}) after the run; the test then also fails naming it.
 */
@API(status = EXPERIMENTAL, since = "0.1")
@Target({METHOD, ANNOTATION_TYPE})
@Retention(RUNTIME)
@Documented
@ExtendWith(OverloadExtension.class)
public @interface AllowProbeGaps {

  /** Why judging from the samples that could be read is acceptable here; not blank. */
  String value();
}
