package dev.spillway.toolkit.capacity;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import dev.spillway.toolkit.util.Durations;
import dev.spillway.toolkit.util.Preconditions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.OptionalDouble;
import java.util.function.LongSupplier;
import org.apiguardian.api.API;

/**
 * Finds the highest arrival rate a component sustains, by short trials at chosen rates (see {@link
 * SearchMode}), each run and judged by a {@link TrialRunner}.
 *
 * <p>The result ({@link CapacityResult}) gives the knee — the highest rate a trial sustained — and
 * the interval the capacity lies in: from the knee to the lowest rate above it that a trial did not
 * sustain. The search narrows that interval until it is no wider than the resolution. Rates are
 * assumed monotone: a rate above one that was not sustained is not tried.
 *
 * <p><b>Time.</b> Before it runs, the search states its {@link #budget()}: the most trials it can
 * run times the longest one of them can take ({@link TrialRunner#longest}). It never starts a trial
 * that could end past the budget; a runner that took longer than it said leaves the interval wider
 * than the resolution rather than overrunning.
 *
 * <p>Build one with {@link #builder()}: {@code
 * CapacitySearch.builder().lowest(50).highest(800).resolution(10).runner(trials).build()}.
 *
 * <p>Thread-safety: immutable; {@link #run()} runs the trials on the calling thread.
 */
@API(status = EXPERIMENTAL, since = "0.1")
public final class CapacitySearch {

  /** Default judged window of a trial. */
  public static final Duration DEFAULT_TRIAL = Duration.ofSeconds(2);

  /** Default number of repeats of contradicted trials. */
  public static final int DEFAULT_REPEATS = 1;

  /** Default warm-up of a trial. */
  public static final Duration DEFAULT_WARM_UP = Duration.ofMillis(500);

  private final double lowest;
  private final double highest;
  private final double resolution;
  private final Duration trial;
  private final Duration warmUp;
  private final SearchMode mode;
  private final int repeats;
  private final TrialRunner runner;
  private final LongSupplier clock;

  private CapacitySearch(Builder b) {
    this.lowest = b.lowest;
    this.highest = b.highest;
    this.resolution = b.resolution;
    this.trial = b.trial;
    this.warmUp = b.warmUp;
    this.mode = b.mode;
    this.repeats = b.repeats;
    this.runner = b.runner;
    this.clock = b.clock;
  }

  /** A builder; the lowest and highest rates, the resolution and the runner are required. */
  public static Builder builder() {
    return new Builder();
  }

  /** The lowest rate to try, per second. */
  public double lowest() {
    return lowest;
  }

  /** The highest rate to try, per second. */
  public double highest() {
    return highest;
  }

  /** The resolution, per second. */
  public double resolution() {
    return resolution;
  }

  /** How rates are chosen. */
  public SearchMode mode() {
    return mode;
  }

  /** The plan of a trial at {@code rate}. */
  public TrialPlan plan(double rate) {
    return new TrialPlan(rate, warmUp, trial);
  }

  /** The most trials the search can run, its repeats of contradicted trials included. */
  public int maxTrials() {
    double span = highest - lowest;
    int rates;
    if (mode == SearchMode.STEP) {
      int steps = (int) Math.floor(span / resolution + 1e-9);
      rates = steps + 1 + (lowest + steps * resolution < highest - 1e-9 ? 1 : 0);
    } else {
      rates = span <= resolution ? 2 : 2 + (int) Math.ceil(log2(span / resolution) - 1e-9);
    }
    return rates + repeats;
  }

  /** How many contradicted trials the search may run again (see the builder's {@code repeats}). */
  public int repeats() {
    return repeats;
  }

  /**
   * The longest the search can take, known before it runs: {@link #maxTrials()} times the longest
   * trial at the lowest or highest rate.
   */
  public Duration budget() {
    Duration longest = runner.longest(plan(lowest));
    Duration atHighest = runner.longest(plan(highest));
    if (atHighest.compareTo(longest) > 0) {
      longest = atHighest;
    }
    return longest.multipliedBy(maxTrials());
  }

  /**
   * Runs the search.
   *
   * @throws InterruptedException when interrupted during a trial
   */
  public CapacityResult run() throws InterruptedException {
    Duration budget = budget();
    return new Run(budget).search();
  }

  /** One run of the search: its trials and what they bound. */
  private final class Run {
    private final Duration budget;
    private final long start = clock.getAsLong();
    private final List<CapacityTrial> trials = new ArrayList<>();
    private double sustained = Double.NaN; // the highest rate sustained so far
    private double refused = Double.NaN; // the lowest rate not sustained so far
    private boolean outOfTime; // the next trial would not fit in the budget
    private double saturatedMu = Double.NaN; // the highest μ an unsustained trial measured so far
    private int repeatsLeft = repeats;

    Run(Duration budget) {
      this.budget = budget;
    }

    CapacityResult search() throws InterruptedException {
      if (mode == SearchMode.STEP) {
        step();
      } else {
        bisect();
      }
      return result();
    }

    private void bisect() throws InterruptedException {
      if (!tryRate(lowest) || tryRate(highest)) {
        return;
      }
      while (!outOfTime && refused - sustained > resolution) {
        tryRate((sustained + refused) / 2);
      }
    }

    private void step() throws InterruptedException {
      for (int i = 0; ; i++) {
        double rate = Math.min(highest, lowest + i * resolution);
        if (!tryRate(rate) || rate >= highest) {
          return;
        }
      }
    }

    /**
     * Runs a trial at {@code rate} when it fits in what is left of the budget; true when the rate
     * was sustained (false too when the trial did not fit: the search ends).
     */
    private boolean tryRate(double rate) throws InterruptedException {
      TrialPlan plan = plan(rate);
      long left = budget.toNanos() - (clock.getAsLong() - start);
      if (runner.longest(plan).toNanos() > left) {
        outOfTime = true;
        return false;
      }
      CapacityTrial result = runner.run(plan);
      trials.add(result);
      if (!result.sustained() && repeatsLeft > 0 && saturatedMu > rate) {
        // refused a rate below what the component served when it was saturated: held up (a busy
        // machine), or a clump of arrivals — the evidence contradicts itself, so ask again once
        repeatsLeft--;
        return tryRate(rate);
      }
      if (!result.sustained()) {
        saturatedMu =
            Double.isNaN(saturatedMu)
                ? result.serviceRate()
                : Math.max(saturatedMu, result.serviceRate());
      }
      if (result.sustained()) {
        sustained = Double.isNaN(sustained) ? rate : Math.max(sustained, rate);
      } else {
        refused = Double.isNaN(refused) ? rate : Math.min(refused, rate);
      }
      return result.sustained();
    }

    private CapacityResult result() {
      if (trials.isEmpty()) { // the budget holds the first trial by construction
        throw new IllegalStateException("capacity search ran no trial within " + budget);
      }
      OptionalDouble knee =
          Double.isNaN(sustained) ? OptionalDouble.empty() : OptionalDouble.of(sustained);
      double low = Double.isNaN(sustained) ? 0 : sustained;
      double high = Double.isNaN(refused) ? (trials.isEmpty() ? highest : low) : refused;
      OptionalDouble mu =
          trials.stream().filter(t -> !t.sustained()).mapToDouble(CapacityTrial::serviceRate).max();
      Duration elapsed = Duration.ofNanos(Math.max(0, clock.getAsLong() - start));
      return new CapacityResult(trials, knee, low, Math.max(high, low), mu, budget, elapsed);
    }
  }

  private static double log2(double x) {
    return Math.log(x) / Math.log(2);
  }

  @Override
  public String toString() {
    return String.format(
        Locale.ROOT,
        "CapacitySearch[lowest=%.1f/s, highest=%.1f/s, resolution=%.1f/s, trial=%s, warmUp=%s,"
            + " mode=%s, repeats=%d, runner=%s]",
        lowest,
        highest,
        resolution,
        Durations.format(trial),
        Durations.format(warmUp),
        mode,
        repeats,
        runner);
  }

  /**
   * Settings of a {@link CapacitySearch}, checked by {@link #build()}.
   *
   * <p>Thread-safety: not thread-safe; build on one thread.
   */
  @API(status = EXPERIMENTAL, since = "0.1")
  public static final class Builder {
    private double lowest = Double.NaN;
    private double highest = Double.NaN;
    private double resolution = Double.NaN;
    private Duration trial = DEFAULT_TRIAL;
    private Duration warmUp = DEFAULT_WARM_UP;
    private SearchMode mode = SearchMode.BISECT;
    private int repeats = DEFAULT_REPEATS;
    private TrialRunner runner;
    private LongSupplier clock = System::nanoTime;

    private Builder() {}

    /** The lowest rate to try, per second; &gt; 0. Required. */
    public Builder lowest(double perSecond) {
      this.lowest = Preconditions.positive(perSecond, "capacity search lowest rate");
      return this;
    }

    /** The highest rate to try, per second; above the lowest. Required. */
    public Builder highest(double perSecond) {
      this.highest = Preconditions.positive(perSecond, "capacity search highest rate");
      return this;
    }

    /**
     * How narrow the interval around the knee must become (bisect), or the step between rates
     * (step), per second; &gt; 0 and at most the span from the lowest to the highest rate.
     * Required.
     */
    public Builder resolution(double perSecond) {
      this.resolution = Preconditions.positive(perSecond, "capacity search resolution");
      return this;
    }

    /** The judged window of each trial; &gt; 0. Default {@link #DEFAULT_TRIAL}. */
    public Builder trial(Duration judged) {
      this.trial = Preconditions.positive(judged, "capacity trial length");
      return this;
    }

    /** The warm-up before each trial's judged window; &gt;= 0. Default {@link #DEFAULT_WARM_UP}. */
    public Builder warmUp(Duration warmUp) {
      this.warmUp = Preconditions.notNegative(warmUp, "capacity trial warm-up");
      return this;
    }

    /** How rates are chosen. Default {@link SearchMode#BISECT}. */
    public Builder mode(SearchMode mode) {
      this.mode = Preconditions.notNull(mode, "capacity search mode");
      return this;
    }

    /**
     * How many times the search may run a trial again when its evidence contradicts itself: a rate
     * not sustained although it lies below a μ an earlier trial measured at saturation (a busy
     * machine held the component up, or arrivals clumped). The repeat decides; the budget counts
     * the repeats. In [0, 10]; default {@link #DEFAULT_REPEATS}.
     */
    public Builder repeats(int count) {
      Preconditions.inRange(count, 0, 10, "capacity search repeats");
      this.repeats = count;
      return this;
    }

    /** What runs and judges each trial. Required. */
    public Builder runner(TrialRunner runner) {
      this.runner = Preconditions.notNull(runner, "capacity trial runner");
      return this;
    }

    /** The clock the search measures its time with, in nanoseconds. Default {@code nanoTime}. */
    public Builder nanoClock(LongSupplier clock) {
      this.clock = Preconditions.notNull(clock, "capacity search clock");
      return this;
    }

    /**
     * The search.
     *
     * @throws IllegalArgumentException when a required setting is missing, or the highest rate is
     *     not above the lowest, or the resolution is wider than their span
     */
    public CapacitySearch build() {
      Preconditions.check(!Double.isNaN(lowest), "capacity search lowest rate", "set", "unset");
      Preconditions.check(!Double.isNaN(highest), "capacity search highest rate", "set", "unset");
      Preconditions.check(!Double.isNaN(resolution), "capacity search resolution", "set", "unset");
      Preconditions.check(runner != null, "capacity trial runner", "set", "unset");
      Preconditions.check(
          highest > lowest,
          "capacity search highest rate",
          "above the lowest rate " + lowest,
          highest);
      Preconditions.check(
          resolution <= highest - lowest,
          "capacity search resolution",
          "at most highest − lowest = " + (highest - lowest),
          resolution);
      return new CapacitySearch(this);
    }
  }
}
