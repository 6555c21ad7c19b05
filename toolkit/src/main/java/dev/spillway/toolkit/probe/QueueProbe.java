package dev.spillway.toolkit.probe;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import dev.spillway.toolkit.util.Preconditions;
import java.util.OptionalLong;
import java.util.function.LongSupplier;
import org.apiguardian.api.API;

/**
 * A named source of a queue depth: how many messages wait in one queue right now.
 *
 * <p>A probe is read by the {@code QueueRecorder} on its sampling thread, by a polling {@code
 * Sentinel}, and by verdicts. Implementations must be safe to call from any thread and should be
 * cheap; a probe that cannot be read (a remote endpoint that is down, a missing metric) throws a
 * {@link ProbeException} whose message names what failed.
 *
 * <p>Factories for common queue shapes live in {@link QueueProbes}.
 */
@API(status = EXPERIMENTAL, since = "0.1")
public interface QueueProbe {

  /** The probe's name as it appears in traces, reports and diagnostics; never blank. */
  String name();

  /**
   * The current depth, in messages; never negative.
   *
   * @throws ProbeException when the depth cannot be read
   */
  long depth();

  /**
   * The most messages the queue can hold, when it is bounded and the probe knows it; empty (the
   * default) when it is unbounded or its capacity is not known. Verdicts never forecast a queue's
   * growth past its capacity. See {@link QueueProbes#withCapacity}.
   */
  default OptionalLong capacity() {
    return OptionalLong.empty();
  }

  /**
   * Whether the probe knows that its queue has no bound: then a queue that grows keeps growing
   * until something else stops it, and a run that {@linkplain
   * dev.spillway.toolkit.verdict.SequentialVerdict stops when certain} may call it OVERFLOWED
   * before its plan ends. False (the default) when the queue is bounded or its bound is not known:
   * a queue of unknown bound that grows may fill up and then shed or hold its caller, so its
   * overflow is not called early. The JDK's unbounded blocking queues and Spillway's unbounded
   * instrumented queues say so themselves; {@link QueueProbes#unbounded} declares it for any other
   * probe. Never true together with a {@link #capacity()}.
   */
  default boolean unbounded() {
    return false;
  }

  /**
   * A probe that reads its depth from {@code depth}, unchecked: it returns what the supplier
   * returns and lets what it throws pass. For a probe that turns a negative value or a failure into
   * a {@link ProbeException} naming the probe, use {@link QueueProbes#of}.
   *
   * @param name the probe's name; not blank
   * @param depth supplies the current depth; called from any thread
   */
  static QueueProbe of(String name, LongSupplier depth) {
    Preconditions.notBlank(name, "probe name");
    Preconditions.notNull(depth, "depth supplier");
    return new QueueProbe() {
      @Override
      public String name() {
        return name;
      }

      @Override
      public long depth() {
        return depth.getAsLong();
      }

      @Override
      public String toString() {
        return "QueueProbe[name=" + name + "]";
      }
    };
  }
}
