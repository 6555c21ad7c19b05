package dev.spillway.samples.survival;

import static org.assertj.core.api.Assertions.assertThat;

import dev.spillway.junit.DrainsWithin;
import dev.spillway.junit.ExpectVerdict;
import dev.spillway.junit.HotKey;
import dev.spillway.junit.OverloadHarness;
import dev.spillway.junit.OverloadResult;
import dev.spillway.junit.ReportAs;
import dev.spillway.junit.StopWhenCertain;
import dev.spillway.junit.ZipfKeys;
import dev.spillway.samples.Designs;
import dev.spillway.samples.EventTracker;
import dev.spillway.samples.QueueView;
import dev.spillway.samples.internal.MailboxTracker;
import dev.spillway.toolkit.verdict.Verdict;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The partitioned design — N consumers, each with its own queue, a key always on the same partition
 * (a {@code PartitionSupervisor}) — survives the seed incident while λ &lt; N·μ, keeps each key's
 * order, and confines a hot key's overflow to that key's partition.
 */
@Tag(Survival.TAG)
@Order(2) // the survival matrix lists designs and scenarios in the order they ran
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@ReportAs(design = "partitioned(4)")
class PartitionedSurvivalTest {

  private static final int PARTITIONS = 4;

  /** Small next to the singleton's ~200 under the same spike: a few events queued at most. */
  private static final long SMALL = 25;

  @Order(1)
  @SeedIncident
  @ReportAs(scenario = SeedIncident.SCENARIO)
  @ZipfKeys(keys = 100, exponent = 1.0, seed = 11) // skewed, as real keys are: key-0 ≈ 19%
  @DrainsWithin("2s")
  @ExpectVerdict(Verdict.SURVIVED)
  @StopWhenCertain
  void partitioned_underTheSeedSpike_survivesWithASmallHighWaterMark_inKeyOrder(
      OverloadHarness harness) {
    KeyOrder order = new KeyOrder(Survival.fiveMillis());
    EventTracker partitioned = Survival.flood(harness, Designs.partitioned(PARTITIONS, order));

    OverloadResult result = Survival.run(harness);

    // 250/s over 4 consumers of ~200/s each: every partition keeps up
    for (QueueView partition : partitioned.queues()) {
      assertThat(partition.highWaterMark()).as(partition.name()).isLessThanOrEqualTo(SMALL);
      assertThat(result.assessment(partition.name()).verdict())
          .as(result.assessment(partition.name()).summary())
          .isEqualTo(Verdict.SURVIVED);
    }
    assertThat(order.overtaken()).as(order.firstOvertaken()).isZero();
    assertThat(order.keys()).isGreaterThan(50);
    assertThat(result.books().isBalanced()).as(result.books().describe()).isTrue();
    // every event handled (in key order), once the partitions are idle: the run may take its
    // books while the last ones are still in a consumer's hands
    long processed = Survival.idleBooks(partitioned).processed();
    assertThat(order.handled())
        .isEqualTo(processed)
        .isEqualTo(Survival.sentAsPlanned(result, 1_300));
  }

  /**
   * 90 % of the traffic on one key: its partition receives about 0.9 × 250 + its share of the rest
   * ≈ 230/s, more than one consumer serves, and grows; the other partitions still serve their keys
   * (about 6/s each) and stay near zero. (With 100 % on one key the other partitions would receive
   * nothing, and "they stay near zero" could not fail.) The overloaded partition holds a backlog of
   * ~100, through which per-key order must hold too.
   */
  @Order(2)
  @SeedIncident
  @ReportAs(scenario = "seed spike, 90% on one key")
  @HotKey(keys = 1_000, share = 0.9, seed = 3)
  @DrainsWithin("3s")
  @ExpectVerdict(Verdict.OVERFLOWED) // the run's verdict is its worst queue's: the hot partition
  @StopWhenCertain(minimumObservation = "2500ms") // a peak above 50 at ~+30/s, checked below
  void partitioned_withAHotKey_overflowsOnlyThatKeysPartition(OverloadHarness harness) {
    KeyOrder order = new KeyOrder(Survival.fiveMillis());
    EventTracker partitioned = Survival.flood(harness, Designs.partitioned(PARTITIONS, order));
    String hot = "partitioned-" + MailboxTracker.partitionOf("key-0", PARTITIONS);

    OverloadResult result = Survival.run(harness);

    assertThat(result.judgedQueue()).isEqualTo(hot);
    assertThat(result.assessment(hot).verdict())
        .as(result.assessment(hot).summary())
        .isEqualTo(Verdict.OVERFLOWED);
    assertThat(result.highWaterMark(hot)).isGreaterThan(50);
    for (QueueView partition : partitioned.queues()) {
      if (partition.name().equals(hot)) {
        continue;
      }
      assertThat(partition.highWaterMark()).as(partition.name()).isLessThanOrEqualTo(10);
      assertThat(result.assessment(partition.name()).verdict())
          .as(result.assessment(partition.name()).summary())
          .isEqualTo(Verdict.SURVIVED);
    }
    assertThat(order.overtaken()).as(order.firstOvertaken()).isZero();
    assertThat(result.books().rejected()).isZero();
    assertThat(result.books().isBalanced()).as(result.books().describe()).isTrue();
  }
}
