package dev.spillway.toolkit.load;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import dev.spillway.toolkit.util.Preconditions;
import org.apiguardian.api.API;

/**
 * How message keys are chosen: uniform over K keys, Zipf-skewed, one hot key, or a single key.
 *
 * <p>Keys are named {@code "key-0"} … {@code "key-(K-1)"}; for skewed distributions {@code key-0}
 * is the most frequent. The key of a message is a pure function of a seed and the message's
 * sequence number ({@link #keyIndex(long, long)}), drawn from a fixed SplitMix64 generator: the
 * same seed gives the same key sequence on every run, machine and JDK, whichever thread sends the
 * message. Implementations are immutable and thread-safe.
 */
@API(status = EXPERIMENTAL, since = "0.1")
public interface KeyDistribution {

  /** The most keys a Zipf distribution may have (its CDF is precomputed: 8 bytes a key). */
  int MAX_ZIPF_KEYS = 1_000_000;

  /**
   * Every key equally likely.
   *
   * @param keys the number of keys, &gt;= 1
   */
  static KeyDistribution uniform(int keys) {
    Preconditions.positive(keys, "uniform key count");
    return new UniformKeyDistribution(keys);
  }

  /**
   * Zipf's law: the key of rank {@code k} (1-based; rank 1 is {@code key-0}) has probability
   * proportional to {@code 1 / k^exponent}.
   *
   * @param keys the number of keys, in [1, {@value #MAX_ZIPF_KEYS}]
   * @param exponent the skew {@code s}; finite and &gt; 0 (about 1 for typical popularity skew)
   */
  static KeyDistribution zipf(int keys, double exponent) {
    Preconditions.inRange(keys, 1, MAX_ZIPF_KEYS, "zipf key count");
    Preconditions.positive(exponent, "zipf exponent");
    return new ZipfKeyDistribution(keys, exponent);
  }

  /**
   * One hot key, {@code key-0}, takes {@code hotFraction} of the messages; the others are spread
   * uniformly over the other {@code keys - 1} keys.
   *
   * @param keys the number of keys, &gt;= 2 (1 is allowed only when {@code hotFraction == 1})
   * @param hotFraction the share of messages for the hot key, in [0, 1]
   */
  static KeyDistribution hotKey(int keys, double hotFraction) {
    Preconditions.positive(keys, "hot key count");
    Preconditions.probability(hotFraction, "hot key fraction");
    Preconditions.check(
        keys >= 2 || hotFraction == 1,
        "hot key count",
        ">= 2 when the hot key fraction (" + hotFraction + ") is below 1",
        keys);
    return new HotKeys(keys, hotFraction);
  }

  /** Every message gets {@code key-0}. */
  static KeyDistribution singleKey() {
    return UniformKeyDistribution.SINGLE;
  }

  /**
   * The name of key {@code index}: {@code "key-" + index}.
   *
   * @param index &gt;= 0
   */
  static String keyName(int index) {
    return KeyNames.of(index);
  }

  /** The number of keys the distribution draws from. */
  int keyCount();

  /**
   * The index of the key of message {@code sequence} under {@code seed}, in [0, {@link
   * #keyCount()}).
   */
  int keyIndex(long seed, long sequence);

  /** The probability that a message gets key {@code index}; 0 outside [0, keyCount()). */
  double probability(int index);

  /** The key of message {@code sequence} under {@code seed}, e.g. {@code "key-17"}. */
  default String key(long seed, long sequence) {
    return keyName(keyIndex(seed, sequence));
  }
}
