package dev.spillway.samples.capacity;

import dev.spillway.junit.StopWhenCertain;
import dev.spillway.toolkit.capacity.TargetTrials;
import dev.spillway.toolkit.capacity.TrialStop;
import dev.spillway.toolkit.target.AccountedTarget;
import dev.spillway.toolkit.verdict.EarlyStop;
import java.time.Duration;
import java.util.function.Supplier;

/** The trials the capacity proofs search with: stopped early once their verdict is certain. */
final class CertainTrials {

  private static final EarlyStop CERTAIN =
      EarlyStop.at(0.99).withMinimumObservation(Duration.ofMillis(300));

  private CertainTrials() {}

  /**
   * Trials of the test's settings (settle limit 1 s, no latency bound: the annotation's defaults)
   * that stop at a clear breach or as soon as their verdict is certain at 99 %, after 300 ms of the
   * judged second — unless {@code -Dspillway.stopWhenCertain=off}, the switch that measures the
   * search without it.
   */
  static TargetTrials of(Supplier<? extends AccountedTarget> targets) {
    boolean off = "off".equals(System.getProperty(StopWhenCertain.SWITCH));
    TrialStop stop =
        off ? TrialStop.clearBreach() : TrialStop.clearBreach().or(TrialStop.whenCertain(CERTAIN));
    return TargetTrials.of(targets).stopWhen(stop);
  }
}
