package dev.spillway.samples.capacity;

import static org.assertj.core.api.Assertions.assertThat;

import dev.spillway.junit.CapacityHarness;
import dev.spillway.junit.CapacityTest;
import dev.spillway.junit.StopWhenCertain;
import dev.spillway.toolkit.capacity.CapacityResult;
import dev.spillway.toolkit.capacity.CapacityTrial;
import dev.spillway.toolkit.target.AccountedTarget;
import dev.spillway.toolkit.target.ExecutorTarget;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;

/**
 * The capacity search against a component nobody here wrote — the JDK's {@link ThreadPoolExecutor}
 * with {@value #THREADS} threads whose tasks sleep {@value #SLEEP_MILLIS} ms, so its knee should
 * sit near k / s = 400/s — with the truth counted independently in the same run: while each trial
 * runs, the executor's own {@link ThreadPoolExecutor#getCompletedTaskCount()} and work queue are
 * sampled every 5 ms on a thread of the test's, and the knee is checked against the fastest rate
 * the executor says it completed tasks while a backlog waited for at least half a second (all its
 * threads busy), not against the ledger's μ. About 10 s: one search of up to eight 1.3 s trials.
 */
@Tag("survival")
@Tag("capacity")
class ExecutorCapacityTest {

  private static final int THREADS = 2;
  private static final long SLEEP_MILLIS = 5;
  private static final Duration TRIAL = Duration.ofSeconds(1); // as in the annotation below

  @CapacityTest(lowest = 200, highest = 600, resolution = 20, trial = "1s", warmUp = "300ms")
  @StopWhenCertain(minimumObservation = "300ms") // after 300 ms of a judged second
  void aPoolOfKThreadsSleepingSMillis_sustainsWhatItsOwnCountersSayItCompletes(
      CapacityHarness harness) {
    List<PoolTrial> pools = Collections.synchronizedList(new ArrayList<>());
    CapacityResult result =
        harness
            .design("ThreadPoolExecutor(2 threads, 5 ms sleep)")
            .findCapacity(
                () -> {
                  PoolTrial pool = new PoolTrial();
                  pools.add(pool);
                  return pool.target();
                });
    Knees.print("ThreadPoolExecutor(2), 5 ms sleep", result);

    // trials and pools in the same order: one fresh pool per trial
    assertThat(pools).hasSameSizeAs(result.trials());
    // the fastest the executor completed tasks while a backlog waited for at least half a second:
    // a moment the machine held it up only slows it, so the best stretch is its capacity
    double truth = 0;
    double longest = 0;
    for (int i = 0; i < pools.size(); i++) {
      CapacityTrial trial = result.trials().get(i);
      double busy = pools.get(i).saturatedSeconds();
      System.out.printf(
          Locale.ROOT,
          "[capacity]   pool of the trial at %.1f/s (%s, ledger μ %.1f/s): a backlog for %.2f s,"
              + " completing %.1f/s by its own count%n",
          trial.offeredRate(),
          trial.sustained() ? "sustained" : "not sustained",
          trial.serviceRate(),
          busy,
          busy > 0 ? pools.get(i).completedPerSecond() : 0.0);
      if (!trial.sustained() && busy >= 0.5 && pools.get(i).completedPerSecond() > truth) {
        truth = pools.get(i).completedPerSecond();
        longest = busy;
      }
    }
    assertThat(truth).as("an unsustained trial with a backlog of at least 0.5 s").isPositive();
    // the counts over the saturated stretch are off by the tasks in flight at its two ends
    double counting = THREADS / longest;
    double tolerance = Knees.tolerance(result, TRIAL) + counting;
    double ceiling = THREADS * 1_000.0 / SLEEP_MILLIS;
    System.out.printf(
        Locale.ROOT,
        "[capacity] ThreadPoolExecutor(2), sleep: the executor completed %.1f/s over %.2f s with a"
            + " backlog (its own getCompletedTaskCount()), k / s = %.1f/s; knee %.1f/s ± %.1f%n",
        truth,
        longest,
        ceiling,
        Knees.knee(result),
        tolerance);
    assertThat(truth).isLessThanOrEqualTo(ceiling + counting); // no thread sleeps less than s
    assertThat(Knees.knee(result)).isBetween(truth - tolerance, truth + tolerance);
  }

  /**
   * One trial's pool, its own counters sampled every 5 ms from creation to close: how many tasks it
   * had completed and how many waited in its queue.
   */
  private static final class PoolTrial {
    private final ThreadPoolExecutor executor =
        new ThreadPoolExecutor(THREADS, THREADS, 0, TimeUnit.SECONDS, new LinkedBlockingQueue<>());
    private final ExecutorTarget target =
        ExecutorTarget.of(
            "pool",
            executor,
            message -> {
              try {
                Thread.sleep(SLEEP_MILLIS);
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
              }
            });
    private final List<long[]> samples = Collections.synchronizedList(new ArrayList<>());
    private final Thread sampler = new Thread(this::sample, "pool-counters");

    PoolTrial() {
      sampler.setDaemon(true);
      sampler.start();
    }

    private void sample() {
      while (!Thread.currentThread().isInterrupted()) {
        samples.add(
            new long[] {
              System.nanoTime(), executor.getCompletedTaskCount(), executor.getQueue().size()
            });
        try {
          Thread.sleep(5);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      }
    }

    /** The longest run of samples with tasks waiting: [first, last] indexes. */
    private int[] saturatedRun() {
      int[] best = {0, 0};
      int start = -1;
      synchronized (samples) {
        for (int i = 0; i < samples.size(); i++) {
          if (samples.get(i)[2] > 0) {
            start = start < 0 ? i : start;
            if (i - start > best[1] - best[0]) {
              best = new int[] {start, i};
            }
          } else {
            start = -1;
          }
        }
      }
      return best;
    }

    double saturatedSeconds() {
      int[] run = saturatedRun();
      return (samples.get(run[1])[0] - samples.get(run[0])[0]) / 1e9;
    }

    double completedPerSecond() {
      int[] run = saturatedRun();
      long[] first = samples.get(run[0]);
      long[] last = samples.get(run[1]);
      return (last[1] - first[1]) / ((last[0] - first[0]) / 1e9);
    }

    /** The pool as a trial's target: closing it stops the sampler and the pool. */
    AccountedTarget target() {
      return target.onClose(this::stop);
    }

    private void stop() {
      sampler.interrupt();
      executor.shutdownNow();
      try {
        sampler.join(1_000);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }
}
