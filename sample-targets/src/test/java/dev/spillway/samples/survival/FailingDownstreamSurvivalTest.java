package dev.spillway.samples.survival;

import static org.assertj.core.api.Assertions.assertThat;

import dev.spillway.junit.ExpectVerdict;
import dev.spillway.junit.OverloadHarness;
import dev.spillway.junit.OverloadResult;
import dev.spillway.junit.ReportAs;
import dev.spillway.junit.StopWhenCertain;
import dev.spillway.junit.UniformKeys;
import dev.spillway.samples.Designs;
import dev.spillway.samples.Downstream;
import dev.spillway.samples.Event;
import dev.spillway.toolkit.ledger.CauseCount;
import dev.spillway.toolkit.verdict.Verdict;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The partitioned design, which keeps up with the seed incident, behind a downstream that fails
 * some of its calls: its queues stay small, but a target that answers errors instead of serving did
 * not survive. Above 1 % of failed events the verdict is FAILED; below, the run survives and still
 * names the failures.
 */
@Tag(Survival.TAG)
@Order(7) // the survival matrix lists designs and scenarios in the order they ran
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@ReportAs(design = "partitioned(4)")
class FailingDownstreamSurvivalTest {

  /** A 5 ms downstream whose every {@code nth} call fails; it counts its calls and failures. */
  private static final class EveryNthFails implements Downstream {
    final AtomicLong calls = new AtomicLong();
    final AtomicLong failures = new AtomicLong();
    private final long nth;
    private final Downstream fiveMillis = Survival.fiveMillis();

    EveryNthFails(long nth) {
      this.nth = nth;
    }

    @Override
    public void handle(Event event) throws Exception {
      fiveMillis.handle(event);
      if (calls.incrementAndGet() % nth == 0) {
        failures.incrementAndGet();
        throw new IllegalStateException("downstream answered 500");
      }
    }
  }

  @Order(1)
  @SeedIncident
  @ReportAs(scenario = "seed spike, 5% of calls fail")
  @UniformKeys(keys = 1_000, seed = 5)
  @ExpectVerdict(Verdict.FAILED)
  @StopWhenCertain // certain from the books once more than 1 % of the 1,300 planned have failed
  void partitioned_behindADownstreamFailingOneCallIn20_failed(OverloadHarness harness) {
    EveryNthFails downstream = new EveryNthFails(20);
    Survival.flood(harness, Designs.partitioned(4, downstream));

    OverloadResult result = Survival.run(harness);

    // every failed call is a failed event in the books, by cause, and nothing else failed
    long sent = Survival.sentAsPlanned(result, 1_300);
    assertThat(result.books().failed()).isEqualTo(downstream.failures.get()).isEqualTo(sent / 20);
    assertThat(result.books().failureCauses())
        .containsExactly(
            new CauseCount(
                "java.lang.IllegalStateException",
                downstream.failures.get(),
                List.of("downstream answered 500")));
    assertThat(result.books().processed() + result.books().failed()).isEqualTo(sent);
    assertThat(result.highWaterMark()).isLessThan(25); // it kept up: the failures decide
    assertThat(result.summary())
        .contains("FAILED at ")
        .contains("; failures: " + sent / 20 + " × java.lang.IllegalStateException");
  }

  @Order(2)
  @SeedIncident
  @ReportAs(scenario = "seed spike, 0.5% of calls fail")
  @UniformKeys(keys = 1_000, seed = 5)
  @ExpectVerdict(Verdict.SURVIVED)
  void partitioned_behindADownstreamFailingOneCallIn200_survives_andNamesTheFailures(
      OverloadHarness harness) {
    EveryNthFails downstream = new EveryNthFails(200);
    Survival.flood(harness, Designs.partitioned(4, downstream));

    OverloadResult result = Survival.run(harness);

    assertThat(result.books().failed()).isEqualTo(downstream.failures.get()).isEqualTo(6);
    assertThat(result.assessment().explanation())
        .contains("6 of 1,300 messages failed (0.5%, within the 1.0% threshold); failures: 6 ×");
  }
}
