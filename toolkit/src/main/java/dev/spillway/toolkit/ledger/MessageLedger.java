package dev.spillway.toolkit.ledger;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import dev.spillway.toolkit.probe.QueueProbe;
import dev.spillway.toolkit.util.Preconditions;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.LongSupplier;
import org.apiguardian.api.API;

/**
 * Counts every message: each one is {@linkplain #sent() sent}, then given exactly one {@link
 * FinalOutcome} (processed, rejected, dropped or failed), or is still queued. A {@linkplain
 * #snapshot(long) snapshot} balances the books: {@code unaccounted = sent − processed − rejected −
 * dropped − failed − queued}. After the queue has drained, a positive figure is a silent loss and a
 * negative one is double counting (see {@link LedgerSnapshot#describe()}).
 *
 * <pre>{@code
 * MessageLedger ledger = MessageLedger.create();
 * ledger.sent();                              // before handing the message over
 * if (!queue.offer(m)) ledger.rejected();
 * ...                                         // in the consumer:
 * try { handle(m); ledger.processed(); } catch (RuntimeException e) { ledger.failed(); }
 * ...
 * LedgerSnapshot books = ledger.snapshot(queue.probe());
 * }</pre>
 *
 * <p>Call {@code sent} <em>before</em> the message can reach a consumer, so that an outcome is
 * never counted before its sending.
 *
 * <p><b>Cost.</b> Each call reads the clock once and adds to two {@link LongAdder}s (a total and a
 * time bucket), a few tens of nanoseconds with no contention between producers and consumers.
 *
 * <p><b>Rates.</b> Sent and completed (processed + failed) messages are also counted in a ring of
 * fixed time buckets (default 100 ms × 3,000 = the last 5 minutes), from which {@link
 * #rates(Duration)} estimates the arrival rate λ and the service rate μ over a window, and {@link
 * #rateSeries()} gives them bucket by bucket. Messages handled on the caller's own thread ({@link
 * #processedByCaller()}) are not the consumer's work and are left out of μ. The clock is injectable
 * for deterministic tests.
 *
 * <p><b>Strict mode.</b> A {@linkplain Builder#strict() strict} ledger also remembers every message
 * id (one map entry, ~80 bytes, per message), so that it can name the ids sent twice, accounted
 * twice, accounted but never sent, or never accounted. A strict ledger requires an id in every call
 * ({@link #sent(long)}, {@link #outcome(long, FinalOutcome)}); a plain one accepts both forms and
 * ignores ids.
 *
 * <p>Thread-safety: all methods are thread-safe, for any number of producers and consumers.
 */
@API(status = EXPERIMENTAL, since = "0.1")
public final class MessageLedger {

  /** The default rate bucket: 100 ms. */
  public static final Duration DEFAULT_BUCKET = Duration.ofMillis(100);

  /** The default number of rate buckets kept: 3,000 (5 minutes of 100 ms). */
  public static final int DEFAULT_BUCKETS = 3_000;

  private static final long COMPLETION_RESOLUTION_NANOS = 1_000_000;

  private final String name;
  private final LongSupplier clock;
  private final long startNanos;
  private final RateRing ring;
  private final IdTracker ids; // null unless strict

  private final LongAdder sent = new LongAdder();
  private final LongAdder processed = new LongAdder();
  private final LongAdder rejected = new LongAdder();
  private final LongAdder dropped = new LongAdder();
  private final LongAdder failed = new LongAdder();
  private final LongAdder byCaller = new LongAdder();
  private final CauseTally failureCauses = new CauseTally();
  private final CauseTally rejectionReasons = new CauseTally();
  private final CauseTally dropReasons = new CauseTally();
  private volatile long lastCompletionNanos;
  private volatile long lastSentNanos; // written at most once a millisecond per thread

  private MessageLedger(Builder b) {
    this.name = b.name;
    this.clock = b.clock;
    this.startNanos = clock.getAsLong();
    this.ring = new RateRing(startNanos, b.bucket.toNanos(), b.buckets);
    this.ids = b.strict ? new IdTracker() : null;
    this.lastCompletionNanos = startNanos - COMPLETION_RESOLUTION_NANOS;
    this.lastSentNanos = startNanos - COMPLETION_RESOLUTION_NANOS;
  }

  /** A plain ledger named {@code "ledger"} with the default rate buckets and the system clock. */
  public static MessageLedger create() {
    return builder().build();
  }

  /** Describes a ledger; every setting is checked when it is given. */
  public static Builder builder() {
    return new Builder("ledger", DEFAULT_BUCKET, DEFAULT_BUCKETS, false, System::nanoTime);
  }

  /** The ledger's name. */
  public String name() {
    return name;
  }

  /** Whether the ledger tracks message ids. */
  public boolean isStrict() {
    return ids != null;
  }

  /** When the ledger was created, on its clock ({@link System#nanoTime()} by default). */
  public long startNanos() {
    return startNanos;
  }

  /**
   * One message was sent (offered to the component under test).
   *
   * @throws IllegalStateException on a strict ledger, which needs {@link #sent(long)}
   */
  public void sent() {
    requirePlain("sent(id)");
    countSent();
  }

  /**
   * Message {@code id} was sent. A strict ledger remembers the id (and records an anomaly when it
   * was sent before); a plain one just counts it.
   */
  public void sent(long id) {
    if (ids != null) {
      ids.sent(id);
    }
    countSent();
  }

  /**
   * One message met {@code outcome}.
   *
   * @throws IllegalStateException on a strict ledger, which needs {@link #outcome(long,
   *     FinalOutcome)}
   */
  public void outcome(FinalOutcome outcome) {
    Preconditions.notNull(outcome, "outcome");
    requirePlain("outcome(id, outcome)");
    count(outcome);
  }

  /**
   * Message {@code id} met {@code outcome}. A strict ledger records an anomaly when the id already
   * had an outcome or was never sent; a plain one just counts it.
   */
  public void outcome(long id, FinalOutcome outcome) {
    Preconditions.notNull(outcome, "outcome");
    if (ids != null) {
      ids.outcome(id, outcome);
    }
    count(outcome);
  }

  /** One message was processed: same as {@code outcome(FinalOutcome.PROCESSED)}. */
  public void processed() {
    outcome(FinalOutcome.PROCESSED);
  }

  /** One message was rejected: same as {@code outcome(FinalOutcome.REJECTED)}. */
  public void rejected() {
    outcome(FinalOutcome.REJECTED);
  }

  /** One message was dropped: same as {@code outcome(FinalOutcome.DROPPED)}. */
  public void dropped() {
    outcome(FinalOutcome.DROPPED);
  }

  /** One message failed: same as {@code outcome(FinalOutcome.FAILED)}. */
  public void failed() {
    outcome(FinalOutcome.FAILED);
  }

  /**
   * One message failed because of {@code cause}: counted as failed, and tallied by the cause's
   * class with its message (see {@link LedgerSnapshot#failureCauses()}).
   */
  public void failed(Throwable cause) {
    Preconditions.notNull(cause, "failure cause");
    failed();
    failureCauses.add(cause.getClass().getName(), cause.getMessage());
  }

  /**
   * One message failed, for the reason {@code cause} given in words (e.g. {@code "HTTP 500"}):
   * counted as failed and tallied by that reason.
   */
  public void failed(String cause) {
    Preconditions.notBlank(cause, "failure cause");
    failed();
    failureCauses.add(cause, null);
  }

  /**
   * One message was rejected for {@code reason} (e.g. {@code "mailbox full"}): counted as rejected
   * and tallied by reason (see {@link LedgerSnapshot#rejectionReasons()}).
   */
  public void rejected(String reason) {
    Preconditions.notBlank(reason, "rejection reason");
    rejected();
    rejectionReasons.add(reason, null);
  }

  /**
   * One message was rejected by {@code refusal}, an exception the target refuses work with (a
   * {@code RejectedExecutionException}, a bulkhead's "full" exception): counted as rejected and
   * tallied by the exception's class with its message.
   */
  public void rejected(Throwable refusal) {
    Preconditions.notNull(refusal, "refusal");
    rejected();
    rejectionReasons.add(refusal.getClass().getName(), refusal.getMessage());
  }

  /**
   * One message was dropped for {@code reason} (e.g. {@code "discarded as the oldest task: the
   * caller was not told"}): counted as dropped and tallied by reason (see {@link
   * LedgerSnapshot#dropReasons()}). Say in the reason whether the sender was told.
   */
  public void dropped(String reason) {
    Preconditions.notBlank(reason, "drop reason");
    dropped();
    dropReasons.add(reason, null);
  }

  /**
   * One message was processed on the caller's own thread (a caller-runs policy, a synchronous
   * fallback): counted as processed, and as {@linkplain LedgerSnapshot#byCaller() work pushed back
   * onto the caller}, which is left out of the service rate μ ({@link #rates}).
   */
  public void processedByCaller() {
    requirePlain("outcome(id, outcome)");
    byCaller.increment();
    processed.increment();
    noteCompletion();
  }

  /**
   * One message failed on the caller's own thread: counted as failed (tallied by {@code cause}) and
   * as work pushed back onto the caller; see {@link #processedByCaller()}.
   */
  public void failedByCaller(Throwable cause) {
    Preconditions.notNull(cause, "failure cause");
    requirePlain("outcome(id, outcome)");
    byCaller.increment();
    failed.increment();
    failureCauses.add(cause.getClass().getName(), cause.getMessage());
    noteCompletion();
  }

  /**
   * The books now, with {@code queuedNow} messages still queued. Read the depth when the queue is
   * quiet (after the run), or use {@link #snapshot(QueueProbe)}, which reads it in the right order
   * while messages still flow.
   *
   * @param queuedNow messages still in the queue; &gt;= 0
   */
  public LedgerSnapshot snapshot(long queuedNow) {
    Preconditions.notNegative(queuedNow, "queued messages");
    return snapshot(() -> queuedNow, () -> 0);
  }

  /**
   * The books now, reading the queued messages from {@code probe}. The counters are read in the
   * order messages flow backwards (outcomes, then the queue, then sent), so that while messages
   * still flow the result errs towards a positive {@code unaccounted} (messages in a handler),
   * never towards a false double count.
   *
   * @throws dev.spillway.toolkit.probe.ProbeException when the probe cannot be read
   */
  public LedgerSnapshot snapshot(QueueProbe probe) {
    Preconditions.notNull(probe, "probe");
    return snapshot(probe::depth, () -> 0);
  }

  /**
   * The books now, reading the queued messages from {@code probe} and the messages inside a
   * consumer from {@code inFlight}, in the order messages flow backwards (outcomes, in flight,
   * queued, sent). Whoever counts in flight must count a message out of the queue before into
   * flight, and out of flight before its outcome: then a snapshot taken while messages move can
   * only miss a message in passing (a positive {@code unaccounted}), never count one twice.
   *
   * @param inFlight messages inside a consumer now; &gt;= 0
   * @throws dev.spillway.toolkit.probe.ProbeException when the probe cannot be read
   */
  public LedgerSnapshot snapshot(QueueProbe probe, LongSupplier inFlight) {
    Preconditions.notNull(probe, "probe");
    Preconditions.notNull(inFlight, "in-flight count");
    return snapshot(probe::depth, inFlight);
  }

  private LedgerSnapshot snapshot(LongSupplier queued, LongSupplier inFlight) {
    long p = processed.sum();
    long f = failed.sum();
    long r = rejected.sum();
    long d = dropped.sum();
    long c = Math.min(byCaller.sum(), p + f);
    long last = lastCompletionNanos;
    long i = inFlight.getAsLong();
    Preconditions.notNegative(i, "messages in flight");
    long q = queued.getAsLong();
    Preconditions.notNegative(q, "queued messages");
    long s = sent.sum();
    long now = clock.getAsLong();
    long idleSince = p + f == 0 ? startNanos : last;
    Duration sinceCompletion = Duration.ofNanos(Math.max(0, now - idleSince));
    long lastSent = lastSentNanos;
    Duration sendingAfter =
        s > 0 && lastSent - idleSince > 0 ? Duration.ofNanos(lastSent - idleSince) : Duration.ZERO;
    List<LedgerAnomaly> anomalies = ids == null ? List.of() : ids.anomalies();
    long anomalyCount = ids == null ? 0 : ids.anomalyCount();
    List<Long> outstanding = ids == null ? List.of() : ids.outstandingIds();
    return new LedgerSnapshot(
        name,
        s,
        p,
        r,
        d,
        f,
        q,
        i,
        c,
        sinceCompletion,
        sendingAfter,
        anomalyCount,
        anomalies,
        outstanding,
        failureCauses.counts(),
        rejectionReasons.counts(),
        dropReasons.counts());
  }

  /**
   * λ and μ over the {@code window} that ends now. A bucket partly inside the window counts in
   * proportion to its overlap.
   *
   * @param window positive, and no longer than the history kept (bucket × buckets); a window
   *     reaching back before the ledger's creation is measured from its creation
   */
  public Rates rates(Duration window) {
    Preconditions.positive(window, "rate window");
    long now = clock.getAsLong();
    return ratesBetween(now - window.toNanos(), now, now);
  }

  /** λ and μ over the last {@code amount} {@code unit}s; see {@link #rates(Duration)}. */
  public Rates rates(long amount, TimeUnit unit) {
    Preconditions.notNull(unit, "time unit");
    Preconditions.positive(amount, "rate window");
    return rates(Duration.ofNanos(unit.toNanos(amount)));
  }

  /**
   * λ and μ between two instants on the ledger's clock (nanoTime by default), e.g. a spike's
   * window. A start before the ledger's creation is taken as its creation; the returned {@link
   * Rates#window()} is the span really measured.
   *
   * @param fromNanos the window's start; within the history kept
   * @param toNanos the window's end; after {@code fromNanos} and not in the future
   */
  public Rates ratesBetween(long fromNanos, long toNanos) {
    return ratesBetween(fromNanos, toNanos, clock.getAsLong());
  }

  private Rates ratesBetween(long fromNanos, long toNanos, long now) {
    Preconditions.check(
        toNanos - now <= 0, "rate window end", "not after now (" + now + ")", toNanos);
    long from = fromNanos - startNanos < 0 ? startNanos : fromNanos;
    long oldest = ring.oldestStart(now);
    Preconditions.check(
        from - oldest >= 0,
        "rate window start",
        "within the history kept (from " + oldest + ", " + history() + " back)",
        fromNanos);
    Preconditions.check(toNanos - from > 0, "rate window end", "after its start " + from, toNanos);
    double[] counts = ring.countsBetween(from, toNanos, now);
    double seconds = (toNanos - from) / 1e9;
    return new Rates(counts[0] / seconds, counts[1] / seconds, Duration.ofNanos(toNanos - from));
  }

  /**
   * λ and μ over the whole rate buckets that lie within [{@code fromNanos}, {@code toNanos}] (on
   * the ledger's clock): unlike {@link #ratesBetween}, a bucket only partly inside is left out
   * rather than pro-rated, which would count the messages of the bucket where a load starts or
   * stops as if they were spread evenly over it. Empty when no whole bucket lies inside.
   */
  public Optional<Rates> wholeBucketRates(long fromNanos, long toNanos) {
    return wholeBuckets(fromNanos, toNanos)
        .map(b -> new Rates(b.arrivalPerSecond(), b.servicePerSecond(), b.length()));
  }

  /**
   * The whole rate buckets that lie within [{@code fromNanos}, {@code toNanos}] taken together: one
   * bucket from the first one's start to the last one's end, with their messages summed — the span
   * {@link #wholeBucketRates} measures, for a figure that must be measured over exactly the same
   * span (a queue's growth compared with λ − μ). Empty when no whole bucket lies inside.
   */
  public Optional<RateBucket> wholeBuckets(long fromNanos, long toNanos) {
    long first = 0;
    long end = 0;
    long sentCount = 0;
    long completedCount = 0;
    boolean any = false;
    for (RateBucket bucket : rateSeries()) { // oldest first, each following the one before
      long start = bucket.startNanos();
      long bucketEnd = start + bucket.length().toNanos();
      if (start - fromNanos >= 0 && toNanos - bucketEnd >= 0) {
        first = any ? first : start;
        end = bucketEnd;
        sentCount += bucket.sent();
        completedCount += bucket.completed();
        any = true;
      }
    }
    return any
        ? Optional.of(
            new RateBucket(first, Duration.ofNanos(end - first), sentCount, completedCount))
        : Optional.empty();
  }

  /**
   * λ and μ over [{@code fromNanos}, {@code toNanos}] as well as this ledger can tell: over the
   * whole buckets inside it ({@link #wholeBucketRates}), else pro-rated over the window ({@link
   * #ratesBetween}); empty when it cannot tell — no whole bucket inside and the window outside the
   * history kept, in the future or empty (as when the instants are on another clock than the
   * ledger's, e.g. the ledger of a component in another process).
   */
  public Optional<Rates> ratesOver(long fromNanos, long toNanos) {
    Optional<Rates> whole = wholeBucketRates(fromNanos, toNanos);
    if (whole.isPresent()) {
      return whole;
    }
    long now = clock.getAsLong();
    long from = fromNanos - startNanos < 0 ? startNanos : fromNanos;
    boolean measurable =
        toNanos - now <= 0 && from - ring.oldestStart(now) >= 0 && toNanos - from > 0;
    return measurable ? Optional.of(ratesBetween(fromNanos, toNanos, now)) : Optional.empty();
  }

  /** λ and μ bucket by bucket: the complete buckets still held, oldest first. */
  public List<RateBucket> rateSeries() {
    return ring.completeBuckets(clock.getAsLong());
  }

  @Override
  public String toString() {
    return "MessageLedger[name="
        + name
        + ", strict="
        + isStrict()
        + ", bucket="
        + Duration.ofNanos(ring.bucketNanos())
        + ", sent="
        + sent.sum()
        + ", processed="
        + processed.sum()
        + ", rejected="
        + rejected.sum()
        + ", dropped="
        + dropped.sum()
        + ", failed="
        + failed.sum()
        + "]";
  }

  private Duration history() {
    return Duration.ofNanos(ring.bucketNanos() * ring.size());
  }

  private void requirePlain(String use) {
    if (ids != null) {
      throw new IllegalStateException(
          "ledger '" + name + "' is strict: every message needs an id; use " + use);
    }
  }

  private void countSent() {
    sent.increment();
    long now = clock.getAsLong();
    ring.sent(now);
    if (now - lastSentNanos >= COMPLETION_RESOLUTION_NANOS) {
      lastSentNanos = now;
    }
  }

  private void count(FinalOutcome outcome) {
    switch (outcome) {
      case PROCESSED -> processed.increment();
      case REJECTED -> rejected.increment();
      case DROPPED -> dropped.increment();
      case FAILED -> failed.increment();
    }
    if (outcome.isCompletion()) {
      ring.completed(noteCompletion());
    }
  }

  /** Notes that a message was completed now; returns now. */
  private long noteCompletion() {
    long now = clock.getAsLong();
    if (now - lastCompletionNanos >= COMPLETION_RESOLUTION_NANOS) {
      lastCompletionNanos = now; // written at most once a millisecond per thread
    }
    return now;
  }

  /** An immutable description of a ledger. */
  public static final class Builder {
    private final String name;
    private final Duration bucket;
    private final int buckets;
    private final boolean strict;
    private final LongSupplier clock;

    private Builder(String name, Duration bucket, int buckets, boolean strict, LongSupplier clock) {
      this.name = name;
      this.bucket = bucket;
      this.buckets = buckets;
      this.strict = strict;
      this.clock = clock;
    }

    /** Names the ledger (default {@code "ledger"}). */
    public Builder named(String name) {
      Preconditions.notBlank(name, "ledger name");
      return new Builder(name, bucket, buckets, strict, clock);
    }

    /** The length of a rate bucket, from 1 ms to 1 min (default 100 ms). */
    public Builder bucket(Duration length) {
      Preconditions.inRange(length, Duration.ofMillis(1), Duration.ofMinutes(1), "rate bucket");
      return new Builder(name, length, buckets, strict, clock);
    }

    /** The length of a rate bucket, from 1 ms to 1 min (default 100 ms). */
    public Builder bucket(long amount, TimeUnit unit) {
      Preconditions.notNull(unit, "time unit");
      return bucket(Duration.of(amount, unit.toChronoUnit()));
    }

    /** How many rate buckets to keep, from 2 to 1,000,000 (default 3,000). */
    public Builder buckets(int count) {
      Preconditions.inRange(count, 2, 1_000_000, "rate buckets");
      return new Builder(name, bucket, count, strict, clock);
    }

    /** Tracks every message id (see the class description). */
    public Builder strict() {
      return new Builder(name, bucket, buckets, true, clock);
    }

    /**
     * The clock, in nanoseconds like {@link System#nanoTime()} (default); inject one to make rate
     * tests deterministic. It must never go backwards.
     */
    public Builder nanoClock(LongSupplier clock) {
      Preconditions.notNull(clock, "nano clock");
      return new Builder(name, bucket, buckets, strict, clock);
    }

    /** A ledger with these settings; it starts counting time now. */
    public MessageLedger build() {
      return new MessageLedger(this);
    }

    @Override
    public String toString() {
      return "MessageLedger.Builder[name="
          + name
          + ", bucket="
          + bucket
          + ", buckets="
          + buckets
          + ", strict="
          + strict
          + "]";
    }
  }
}
