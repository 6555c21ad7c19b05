package dev.spillway.junit.internal;

import static org.apiguardian.api.API.Status.INTERNAL;

import dev.spillway.report.BoundCheck;
import dev.spillway.toolkit.load.LoadReport;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import org.apiguardian.api.API;

/**
 * The declared bounds of one run, each judged once — by {@link BoundCheck#held()} — into the checks
 * the report shows and the failures the test throws, so that the two cannot disagree. Not
 * thread-safe: the run's body thread uses it.
 */
@API(status = INTERNAL, since = "0.1")
public final class RunBounds {

  private final List<BoundCheck> checks = new ArrayList<>();
  private final List<String> failures = new ArrayList<>();

  /**
   * Checks every watched queue under a {@link dev.spillway.junit.QueueBound} (the tightest that
   * applies) against its high-water mark: the exact one where the queue reports each change, else
   * the highest sample, and at least the depth of a breach caught while the load ran.
   *
   * @param highWaterMarks every watched queue's high-water mark, by name
   * @param breach the breach that stopped the load, if one did
   */
  public void queues(
      List<QueueBoundSpec> bounds,
      Map<String, Long> highWaterMarks,
      Optional<QueueBreach> breach,
      LoadClock clock,
      LoadReport load) {
    highWaterMarks.forEach(
        (queue, mark) ->
            QueueBoundSpec.tightest(bounds, queue)
                .ifPresent(
                    bound -> {
                      Optional<QueueBreach> caught = breach.filter(b -> b.queue().equals(queue));
                      long seen = Math.max(mark, caught.map(QueueBreach::depth).orElse(0L));
                      BoundCheck check = BoundCheck.queue(queue, bound.max(), seen);
                      judge(
                          check,
                          () ->
                              caught.isPresent()
                                  ? Failures.breach(caught.get(), seen, clock, load)
                                  : Failures.queue(bound, queue, seen));
                    }));
  }

  /** Checks how each queue under the {@link dev.spillway.junit.DrainsWithin} drained. */
  public void drains(DrainSpec spec, List<QueueDrain> drains) {
    List<String> late = new ArrayList<>();
    for (QueueDrain drain : drains) {
      BoundCheck check = BoundCheck.drain(drain.queue(), spec.within(), drain.drainedAfter());
      checks.add(check);
      if (!check.held()) {
        late.add(drain.describe());
      }
    }
    if (!late.isEmpty()) {
      failures.add(Failures.drain(spec, late));
    }
  }

  /** Checks a {@link dev.spillway.junit.LatencyBound} against the load's latency at it. */
  public void latency(LatencySpec bound, Duration measured) {
    judge(
        BoundCheck.latency(bound.label(), bound.max(), measured),
        () -> Failures.latency(bound, measured));
  }

  private void judge(BoundCheck check, Supplier<String> failure) {
    checks.add(check);
    if (!check.held()) {
      failures.add(failure.get());
    }
  }

  /** The checks made, in the order made. */
  public List<BoundCheck> checks() {
    return List.copyOf(checks);
  }

  /** One message per bound that did not hold, in the order checked. */
  public List<String> failures() {
    return List.copyOf(failures);
  }
}
