package dev.spillway.toolkit.verdict;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import dev.spillway.toolkit.autopsy.GcPause;
import dev.spillway.toolkit.ledger.RateBucket;
import dev.spillway.toolkit.record.DepthSeries;
import dev.spillway.toolkit.util.Preconditions;
import java.time.Duration;
import java.util.Optional;
import org.apiguardian.api.API;

/**
 * How the depth, the served rate μ and the garbage collector's share of the time moved between an
 * early and a late part of the load window, and whether that is a <b>GC death spiral</b>: the
 * backlog's own memory making its consumer slower. Measured by {@link #measure} (which {@link
 * Verdicts} runs when the evidence carries {@linkplain Evidence#withGcActivity GC activity});
 * immutable.
 *
 * <h2>The two parts</h2>
 *
 * <p>The <b>late</b> part is the verdict's late window (the last {@link
 * VerdictRules#lateFraction()} of the load window, where the growth is measured); the <b>early</b>
 * part is the rest of the load window before it. Both are clipped to the span the collections were
 * recorded over. Per part: μ over the whole rate buckets inside it ({@link RateBucket}; a bucket
 * partly outside is left out, as in {@link
 * dev.spillway.toolkit.ledger.MessageLedger#wholeBuckets}), the mean of the depth samples inside
 * it, and the share of its time inside collection pauses (each pause clipped to the part). Two
 * parts rather than a fit of μ against the depth: a spiral is a change of regime, slow at first and
 * steep once the heap is nearly full, which a straight line fits badly; and two means of many
 * buckets are each known to a few per cent, where a slope over 100 ms buckets is not.
 *
 * <h2>When it is a spiral</h2>
 *
 * <p>All four must hold ({@link #isSpiral()}):
 *
 * <ul>
 *   <li>the backlog grew: the late part's mean depth is at least {@link #MIN_DEPTH_GROWTH} times
 *       the early part's, and at least {@link #MIN_DEPTH_RISE} messages more;
 *   <li>μ fell clearly: the late μ is at most {@code 1 − }{@link #MIN_SERVICE_FALL} of the early μ.
 *       A consumer with a backlog on a shared machine serves within a few per cent of the same rate
 *       from one second to the next; a fall of a quarter is far outside that, and smaller falls are
 *       not worth a name;
 *   <li>the collector took a clear share of the late part: at least {@link #MIN_GC_SHARE}. A JVM
 *       with room to spare pauses for about 1 % of its time; a tenth is an order of magnitude more,
 *       and enough to explain a good part of μ's fall;
 *   <li>and that share rose: at least {@link #MIN_GC_RISE} times the early part's — a JVM that
 *       always spent that much in pauses is short of memory, but the backlog did not make it so.
 * </ul>
 *
 * <p>Without recorded collections, or with fewer than {@link #MIN_BUCKETS} whole rate buckets or no
 * depth sample in a part, nothing is measured and nothing is claimed.
 *
 * @param early the early part
 * @param late the late part
 */
@API(status = EXPERIMENTAL, since = "0.1")
public record GcTrend(Part early, Part late) {

  /** The least factor by which the mean depth must grow from the early part to the late one. */
  public static final double MIN_DEPTH_GROWTH = 1.5;

  /** The fewest messages by which the mean depth must grow from the early part to the late one. */
  public static final long MIN_DEPTH_RISE = 10;

  /** The least fall of μ, as a fraction of the early μ: a quarter. */
  public static final double MIN_SERVICE_FALL = 0.25;

  /** The least share of the late part's time in collection pauses: 10 %. */
  public static final double MIN_GC_SHARE = 0.10;

  /** The least factor by which the GC share must rise from the early part to the late one. */
  public static final double MIN_GC_RISE = 2;

  /** The fewest whole rate buckets a part must hold for its μ to be measured. */
  public static final int MIN_BUCKETS = 3;

  /**
   * One part of the load window.
   *
   * @param from its start, from the trace's start
   * @param to its end; after {@code from}
   * @param meanDepth the mean of the judged queue's depth samples in it
   * @param servicePerSecond μ over the whole rate buckets in it
   * @param gcShare the share of its time the JVM spent in collection pauses, in [0, 1]
   * @param collections how many collections started in it
   */
  @API(status = EXPERIMENTAL, since = "0.1")
  public record Part(
      Duration from,
      Duration to,
      double meanDepth,
      double servicePerSecond,
      double gcShare,
      int collections) {

    /** Validates the components. */
    public Part {
      Preconditions.notNegative(from, "part start");
      Preconditions.notNull(to, "part end");
      Preconditions.check(to.compareTo(from) > 0, "part end", "after its start " + from, to);
      Preconditions.notNegative(meanDepth, "mean depth");
      Preconditions.notNegative(servicePerSecond, "service rate");
      Preconditions.probability(gcShare, "GC share");
      Preconditions.notNegative(collections, "collections");
    }
  }

  /** Validates the components: the early part ends no later than the late part starts. */
  public GcTrend {
    Preconditions.notNull(early, "early part");
    Preconditions.notNull(late, "late part");
    Preconditions.check(
        early.to().compareTo(late.from()) <= 0,
        "early part's end",
        "not after the late part's start " + late.from(),
        early.to());
  }

  /**
   * The trend in {@code evidence} under {@code rules} (see the class comment); empty when the
   * evidence has no GC activity or a part cannot be measured.
   */
  public static Optional<GcTrend> measure(Evidence evidence, VerdictRules rules) {
    Preconditions.notNull(evidence, "evidence");
    Preconditions.notNull(rules, "rules");
    if (evidence.gc().isEmpty()) {
      return Optional.empty();
    }
    GcActivity gc = evidence.gc().get();
    Duration load = evidence.loadEnd().minus(evidence.loadStart());
    Duration lateStart =
        evidence
            .loadEnd()
            .minus(Duration.ofNanos(Math.round(load.toNanos() * rules.lateFraction())));
    Duration from = max(evidence.loadStart(), gc.from());
    Duration to = min(evidence.loadEnd(), gc.to());
    Optional<Part> early = part(evidence, gc, from, min(lateStart, to));
    Optional<Part> late = part(evidence, gc, max(lateStart, from), to);
    return early.isPresent() && late.isPresent()
        ? Optional.of(new GcTrend(early.get(), late.get()))
        : Optional.empty();
  }

  private static Optional<Part> part(Evidence evidence, GcActivity gc, Duration from, Duration to) {
    if (to.compareTo(from) <= 0) {
      return Optional.empty();
    }
    long base = evidence.trace().startNanos();
    long start = base + from.toNanos();
    long end = base + to.toNanos();
    long completed = 0;
    long bucketNanos = 0;
    int buckets = 0;
    for (RateBucket b : gc.served()) {
      if (b.startNanos() - start >= 0 && end - (b.startNanos() + b.length().toNanos()) >= 0) {
        completed += b.completed();
        bucketNanos += b.length().toNanos();
        buckets++;
      }
    }
    DepthSeries series = evidence.series();
    double depthSum = 0;
    int samples = 0;
    for (int i = 0; i < series.size(); i++) {
      long t = series.timeNanos(i);
      if (t >= from.toNanos() && t <= to.toNanos()) {
        depthSum += series.depth(i);
        samples++;
      }
    }
    if (buckets < MIN_BUCKETS || samples == 0) {
      return Optional.empty();
    }
    long paused = 0;
    int collections = 0;
    for (GcPause p : gc.pauses()) {
      long pauseStart = p.at().toNanos();
      long pauseEnd = pauseStart + p.pause().toNanos();
      paused +=
          Math.max(0, Math.min(pauseEnd, to.toNanos()) - Math.max(pauseStart, from.toNanos()));
      if (pauseStart >= from.toNanos() && pauseStart < to.toNanos()) {
        collections++;
      }
    }
    double length = to.minus(from).toNanos();
    return Optional.of(
        new Part(
            from,
            to,
            depthSum / samples,
            completed * 1e9 / bucketNanos,
            Math.min(1, paused / length),
            collections));
  }

  /** Whether the backlog grew from the early part to the late one (see the class comment). */
  public boolean depthGrew() {
    return late.meanDepth() >= MIN_DEPTH_GROWTH * early.meanDepth()
        && late.meanDepth() - early.meanDepth() >= MIN_DEPTH_RISE;
  }

  /** Whether μ fell by at least {@link #MIN_SERVICE_FALL}. */
  public boolean serviceFell() {
    return early.servicePerSecond() > 0
        && late.servicePerSecond() <= (1 - MIN_SERVICE_FALL) * early.servicePerSecond();
  }

  /** Whether the GC share reached {@link #MIN_GC_SHARE} and rose {@link #MIN_GC_RISE}-fold. */
  public boolean gcRose() {
    return late.gcShare() >= MIN_GC_SHARE && late.gcShare() >= MIN_GC_RISE * early.gcShare();
  }

  /** Whether this is a GC death spiral: the depth grew, μ fell and GC's share rose, clearly. */
  public boolean isSpiral() {
    return depthGrew() && serviceFell() && gcRose();
  }

  /**
   * The figures in one phrase, e.g. {@code "as the backlog grew from 120 to 1,900 messages, μ fell
   * from 195/s to 88/s while GC took 1.0% → 38.0% of the time"} ({@code "rose"} when μ rose).
   */
  public String describe() {
    return (depthGrew() ? "as the backlog grew from " : "as the backlog went from ")
        + Format.count(Math.round(early.meanDepth()))
        + " to "
        + Format.count(Math.round(late.meanDepth()))
        + " messages, μ "
        + (late.servicePerSecond() <= early.servicePerSecond() ? "fell" : "rose")
        + " from "
        + Format.rate(early.servicePerSecond())
        + "/s to "
        + Format.rate(late.servicePerSecond())
        + "/s while GC took "
        + Format.percent(early.gcShare())
        + " → "
        + Format.percent(late.gcShare())
        + " of the time";
  }

  private static Duration max(Duration a, Duration b) {
    return a.compareTo(b) >= 0 ? a : b;
  }

  private static Duration min(Duration a, Duration b) {
    return a.compareTo(b) <= 0 ? a : b;
  }
}
