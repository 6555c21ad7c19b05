package dev.spillway.samples.survival;

import static org.assertj.core.api.Assertions.assertThat;

import dev.spillway.junit.DrainsWithin;
import dev.spillway.junit.ExpectVerdict;
import dev.spillway.junit.HotKey;
import dev.spillway.junit.OverloadHarness;
import dev.spillway.junit.OverloadResult;
import dev.spillway.junit.ReportAs;
import dev.spillway.junit.StopWhenCertain;
import dev.spillway.samples.Designs;
import dev.spillway.samples.EventTracker;
import dev.spillway.samples.QueueView;
import dev.spillway.toolkit.verdict.Verdict;
import java.util.Map;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Tag;

/**
 * Free for all — clients pick a worker themselves, at random, with no balancer in between — under
 * the hot key that overflows the partitioned design's hot partition ({@link
 * PartitionedSurvivalTest}): the key plays no part in the pick, so the hot key is spread over every
 * worker, each receives λ/N on average and keeps up. What it gives up is per-key order; what it
 * risks is the throw of balls into bins, which this run's counts follow.
 */
@Tag(Survival.TAG)
@Order(11) // the survival matrix lists designs and scenarios in the order they ran
@ReportAs(design = "free-for-all(4)")
class FreeForAllSurvivalTest {

  private static final int WORKERS = 4;

  /** A worker receiving ~62/s, under a third of what it serves: queues only through hold-ups. */
  private static final long SMALL = 25;

  @SeedIncident
  @ReportAs(scenario = "seed spike, 90% on one key")
  @HotKey(keys = 1_000, share = 0.9, seed = 3)
  @DrainsWithin("2s")
  @ExpectVerdict(Verdict.SURVIVED)
  @StopWhenCertain
  void freeForAll_withAHotKey_spreadsItOverEveryWorker_andSurvives(OverloadHarness harness) {
    WorkerCounts counts = new WorkerCounts(Survival.fiveMillis(), "key-0");
    EventTracker design = Survival.flood(harness, Designs.freeForAll(WORKERS, counts));

    OverloadResult result = Survival.run(harness);

    for (QueueView worker : design.queues()) {
      assertThat(worker.highWaterMark()).as(worker.name()).isLessThanOrEqualTo(SMALL);
      assertThat(result.assessment(worker.name()).verdict())
          .as(result.assessment(worker.name()).summary())
          .isEqualTo(Verdict.SURVIVED);
    }
    // the hot key went to every worker, where the partitioned design sends it to one
    assertThat(counts.watchedKeyThreads()).hasSize(WORKERS);
    // each worker's share is Binomial(n, 1/4): n/4 within six σ (missed by chance about once in
    // 10^8 runs), counted by the workers themselves, apart from the books
    long processed = Survival.idleBooks(design).processed();
    Map<String, Long> perWorker = counts.perThread();
    assertThat(perWorker).hasSize(WORKERS);
    assertThat(perWorker.values().stream().mapToLong(Long::longValue).sum()).isEqualTo(processed);
    double mean = (double) processed / WORKERS;
    double sigma = Math.sqrt(processed * (1.0 / WORKERS) * (1 - 1.0 / WORKERS));
    perWorker.forEach(
        (worker, n) ->
            assertThat((double) n)
                .as("%s handled %d of %d", worker, n, processed)
                .isBetween(mean - 6 * sigma, mean + 6 * sigma));
    assertThat(result.books().isBalanced()).as(result.books().describe()).isTrue();
  }
}
