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
 * Records an autopsy of an {@link OverloadTest}'s consumers: what their threads did while the queue
 * overflowed, with the JDK Flight Recorder, and where their time went ({@link
 * dev.spillway.toolkit.autopsy.AutopsyReport}) — "88% in OrderRepository.insert (in Thread.sleep),
 * 5% in Parser.parse; 86% sleeping, 3% parked; GC 1.2% of the time; 35.0 MB/s allocated".
 *
 * <p><b>Which threads.</b> The consumer threads the harness starts ({@link
 * OverloadHarness#consume}), every thread that calls a component it wraps ({@link
 * OverloadHarness#wrapConsumer}, {@link OverloadHarness#wrap}) from its first call, and the threads
 * given to {@link OverloadHarness#autopsyOf(Thread)} or chosen by {@link
 * OverloadHarness#autopsyOf(java.util.function.Predicate)} (a component's own consumers, which the
 * harness does not wrap).
 *
 * <p><b>When.</b> The recording starts before the load (starting JFR takes a few hundred
 * milliseconds the first time in a JVM) and stops when the books have settled; the report covers
 * the load's peak (the peak phase of a {@link SpikeLoad}, the whole of a {@link ConstantLoad} or
 * {@link RampLoad}) to the end of the settling, in which the backlog drains: the overflow and its
 * aftermath, not the quiet base before it, whose idle consumers would dilute the shares.
 *
 * <p><b>Where it shows.</b> At the end of the run's {@linkplain OverloadResult#summary() summary},
 * in {@link OverloadResult#autopsy()}, in the run's JSON ({@code autopsy}) and as a section of its
 * page.
 *
 * <p><b>GC death spiral.</b> The collections recorded (the whole JVM's) go to the verdict too: when
 * the backlog grew while μ fell by a quarter or more and the collector's share of the time rose to
 * 10 % or more, its explanation names a GC death spiral with these figures ({@link
 * dev.spillway.toolkit.verdict.GcTrend}, {@link
 * dev.spillway.toolkit.verdict.Assessment#gcSpiral()}). Without this annotation nothing is claimed.
 *
 * <p><b>Cost.</b> Off by default: the recording samples stacks every {@link #samplePeriod()} and
 * records every wait of every thread with its stack, which costs a consumer that waits often a few
 * per cent of its throughput (see the junit-extension README). Without JFR in the JVM the run goes
 * on and its autopsy says why it did not record.
 */
@API(status = EXPERIMENTAL, since = "0.1")
@Target({METHOD, ANNOTATION_TYPE})
@Retention(RUNTIME)
@Documented
@ExtendWith(OverloadExtension.class)
public @interface RecordAutopsy {

  /**
   * The period of the execution samples, from {@code 1ms} to {@code 1s}; default {@code 10ms} (at
   * most 100 samples per second per thread).
   */
  String samplePeriod() default "10ms";
}
