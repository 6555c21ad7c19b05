package dev.spillway.toolkit.verdict;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import dev.spillway.toolkit.autopsy.GcPause;
import dev.spillway.toolkit.ledger.MessageLedger;
import dev.spillway.toolkit.ledger.RateBucket;
import dev.spillway.toolkit.util.Preconditions;
import java.time.Duration;
import java.util.List;
import org.apiguardian.api.API;

/**
 * What a {@linkplain GcTrend GC death spiral} is read from, beside a trace: the garbage collections
 * recorded over a span of it and the rate the consumers served at, bucket by bucket. Immutable.
 *
 * @param from when the collections began to be recorded, from the trace's start
 * @param to when they stopped being recorded; not before {@code from}
 * @param pauses every collection that started in [{@code from}, {@code to}], its {@link
 *     GcPause#at()} counted from the <b>trace's</b> start (an {@link
 *     dev.spillway.toolkit.autopsy.AutopsyReport}'s count from its window's start: shift them)
 * @param served the served rate over time: a ledger's whole rate buckets ({@link
 *     MessageLedger#rateSeries()}), on the trace's clock ({@link System#nanoTime()})
 */
@API(status = EXPERIMENTAL, since = "0.1")
public record GcActivity(
    Duration from, Duration to, List<GcPause> pauses, List<RateBucket> served) {

  /** Validates the components and copies the lists. */
  public GcActivity {
    Preconditions.notNegative(from, "GC recording start");
    Preconditions.notNull(to, "GC recording end");
    Preconditions.check(
        to.compareTo(from) >= 0, "GC recording end", "not before its start " + from, to);
    pauses = List.copyOf(Preconditions.notNull(pauses, "GC pauses"));
    served = List.copyOf(Preconditions.notNull(served, "served-rate buckets"));
  }
}
