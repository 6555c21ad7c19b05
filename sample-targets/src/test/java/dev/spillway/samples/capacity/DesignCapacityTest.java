package dev.spillway.samples.capacity;

import static org.assertj.core.api.Assertions.assertThat;

import dev.spillway.junit.CapacityHarness;
import dev.spillway.junit.CapacityTest;
import dev.spillway.junit.StopWhenCertain;
import dev.spillway.samples.Designs;
import dev.spillway.samples.Downstream;
import dev.spillway.samples.internal.MailboxTracker;
import dev.spillway.toolkit.capacity.CapacityResult;
import dev.spillway.toolkit.load.KeyDistribution;
import java.time.Duration;
import java.util.Locale;
import org.junit.jupiter.api.Tag;

/**
 * The capacity search against the sample designs, each knee checked against what the same run
 * measured, never against a wall-clock figure: a 5 ms consumer's knee sits at its own saturated μ
 * (1 / service time, as this machine lets it serve now); four sleep-bound partitions sustain more
 * than three singletons and at most what their busiest partition allows, about four times that;
 * four CPU-bound partitions flatten at the machine's cores. About 35 s in all: three searches of
 * six or seven trials of 1.3 s at most (budget 21.4 s each).
 *
 * <p>Run alone: {@code ./mvnw -B -o -pl toolkit,report,junit-extension,sample-targets test
 * -Dtest=DesignCapacityTest -Dsurefire.failIfNoSpecifiedTests=false -Djacoco.skip=true}; leave out
 * of a build with {@code -DexcludedGroups=capacity}.
 */
@Tag("survival")
@Tag("capacity")
class DesignCapacityTest {

  private static final Duration SERVICE_TIME = Duration.ofMillis(5);
  private static final Duration TRIAL = Duration.ofSeconds(1); // as in the annotations below
  private static final int PARTITIONS = 4;
  private static final int KEYS = 1_000; // TargetTrials' keys: uniform over 1,000

  @CapacityTest(lowest = 120, highest = 360, resolution = 10, trial = "1s", warmUp = "300ms")
  @StopWhenCertain(minimumObservation = "300ms") // after 300 ms of a judged second
  void singletonSustainsOneOverItsServiceTime_fourPartitionsAboutFourTimesThat_unlessCpuBound(
      CapacityHarness harness) {
    CapacityResult one =
        harness
            .design("singleton")
            .findCapacity(
                DesignTrials.of(() -> Designs.singleton(Downstream.inProcess(SERVICE_TIME))));
    Knees.print("singleton, 5 ms sleep", one);
    double mu = Knees.saturatedMu(one);
    double tolerance1 = Knees.tolerance(one, TRIAL);
    assertThat(Knees.knee(one)).isBetween(mu - tolerance1, mu + tolerance1);

    CapacityResult four =
        harness
            .design("partitioned(4)")
            .within(480, 1_120, 40)
            .findCapacity(
                DesignTrials.of(
                    () -> Designs.partitioned(PARTITIONS, Downstream.inProcess(SERVICE_TIME))));
    Knees.print("partitioned(4), 5 ms sleep", four);
    // the busiest partition saturates first: at λ × its share of the keys = μ. Below that, each
    // message's key is drawn at random, so each partition is a queue with random arrivals: near
    // saturation its clumps rise by the rules' minimum within a trial and read as growth — the
    // knee comes out below μ / share (12 to 17 % in the README's series), yet above what N − 1
    // consumers serve: adding the partitions paid
    double share = busiestShare();
    double expected = mu / share;
    double tolerance4 = Knees.tolerance(four, TRIAL) + tolerance1 / share;
    double fewer = (PARTITIONS - 1) * mu - tolerance4;
    System.out.printf(
        Locale.ROOT,
        "[capacity] partitioned(4), sleep: at most μ / busiest share = %.1f / %.3f = %.1f/s + %.1f,"
            + " at least 3 μ − %.1f = %.1f/s; knee ratio %.2f×%n",
        mu,
        share,
        expected,
        tolerance4,
        tolerance4,
        fewer,
        Knees.knee(four) / Knees.knee(one));
    assertThat(Knees.knee(four)).isBetween(fewer, expected + tolerance4);

    CapacityResult cpu =
        harness
            .design("partitioned-cpu(4)")
            .within(80, 1_040, 40)
            .findCapacity(
                DesignTrials.of(
                    () -> Designs.partitioned(PARTITIONS, Downstream.cpuBound(SERVICE_TIME))));
    Knees.print("partitioned(4), 5 ms CPU", cpu);
    // a core burns at most one 5 ms event per 5 ms, which is what the singleton served when it
    // waited instead: no more cores than the machine has can burn the work
    int cores = Runtime.getRuntime().availableProcessors();
    double ceiling = Math.min(cores * mu, expected);
    double toleranceCpu = Knees.tolerance(cpu, TRIAL) + tolerance1 * cores;
    System.out.printf(
        Locale.ROOT,
        "[capacity] partitioned(4), CPU: %d cores, ceiling min(%d × %.1f, %.1f) = %.1f/s ± %.1f;"
            + " knee %.2f× the singleton's (sleep-bound %.2f×)%n",
        cores,
        cores,
        mu,
        expected,
        ceiling,
        toleranceCpu,
        Knees.knee(cpu) / Knees.knee(one),
        Knees.knee(four) / Knees.knee(one));
    assertThat(Knees.knee(cpu)).isLessThanOrEqualTo(ceiling + toleranceCpu);
  }

  /** The largest share of the keys one partition of the design gets. */
  private static double busiestShare() {
    int[] counts = new int[PARTITIONS];
    for (int i = 0; i < KEYS; i++) {
      counts[MailboxTracker.partitionOf(KeyDistribution.keyName(i), PARTITIONS)]++;
    }
    int max = 0;
    for (int count : counts) {
      max = Math.max(max, count);
    }
    return max / (double) KEYS;
  }
}
