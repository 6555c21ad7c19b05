package dev.spillway.toolkit.verdict;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import dev.spillway.toolkit.util.Preconditions;
import java.time.Duration;
import org.apiguardian.api.API;

/**
 * How a {@link SequentialVerdict} may stop a run early: at what confidence, after how much of the
 * peak, how often it looks, and over how many batches it measures the drift. {@link #at(double)}
 * and {@code with…} copies.
 *
 * @param confidence the confidence of every early call, in (0.5, 1): the chance that a call the
 *     full run would have contradicted is made at all, over the whole run, is at most {@code 1 −
 *     confidence}
 * @param minimumObservation how much of the peak must have been seen before any call by the drift
 *     or by the failure-free books; positive (default 1 s)
 * @param lookEvery how often the run looks; positive (default 100 ms). With the peak's length and
 *     the minimum observation it fixes the planned number of looks the error is spread over
 * @param batches how many batches the drift is measured over; 10 to 1,000 (default 20)
 */
@API(status = EXPERIMENTAL, since = "0.1")
public record EarlyStop(
    double confidence, Duration minimumObservation, Duration lookEvery, int batches) {

  /** The minimum observation unless changed: 1 s. */
  public static final Duration DEFAULT_MINIMUM_OBSERVATION = Duration.ofSeconds(1);

  /** How often the run looks unless changed: every 100 ms. */
  public static final Duration DEFAULT_LOOK_EVERY = Duration.ofMillis(100);

  /** The batches unless changed: 20. */
  public static final int DEFAULT_BATCHES = 20;

  /** Validates the components. */
  public EarlyStop {
    Preconditions.check(
        confidence > 0.5 && confidence < 1, "confidence", "in (0.5, 1)", confidence);
    Preconditions.positive(minimumObservation, "minimum observation");
    Preconditions.positive(lookEvery, "look interval");
    Preconditions.inRange(batches, 10, 1_000, "batches");
  }

  /** Early stop at {@code confidence} (in (0.5, 1), e.g. 0.99), with the other defaults. */
  public static EarlyStop at(double confidence) {
    return new EarlyStop(
        confidence, DEFAULT_MINIMUM_OBSERVATION, DEFAULT_LOOK_EVERY, DEFAULT_BATCHES);
  }

  /** A copy with this minimum observation (positive). */
  public EarlyStop withMinimumObservation(Duration minimumObservation) {
    return new EarlyStop(confidence, minimumObservation, lookEvery, batches);
  }

  /** A copy that looks this often (positive). */
  public EarlyStop withLookEvery(Duration lookEvery) {
    return new EarlyStop(confidence, minimumObservation, lookEvery, batches);
  }

  /** A copy measuring the drift over this many batches (10 to 1,000). */
  public EarlyStop withBatches(int batches) {
    return new EarlyStop(confidence, minimumObservation, lookEvery, batches);
  }

  /** The error allowed over the whole run: {@code 1 − confidence}. */
  public double alpha() {
    return 1 - confidence;
  }
}
