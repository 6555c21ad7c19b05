package dev.spillway.toolkit.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

class KeyDistributionTest {

  private static final int DRAWS = 100_000;

  private static long[] counts(KeyDistribution keys, long seed) {
    long[] counts = new long[keys.keyCount()];
    for (long i = 0; i < DRAWS; i++) {
      counts[keys.keyIndex(seed, i)]++;
    }
    return counts;
  }

  /**
   * Asserts every key's count lies within 5 standard deviations of its expected value (binomial): a
   * correct generator fails this about once in 3 million keys, and the seed is fixed anyway.
   */
  private static void assertFrequenciesMatch(KeyDistribution keys, long[] counts) {
    for (int k = 0; k < counts.length; k++) {
      double p = keys.probability(k);
      double expected = DRAWS * p;
      double sigma = Math.sqrt(DRAWS * p * (1 - p));
      assertThat((double) counts[k])
          .as("count of key-%d", k)
          .isCloseTo(expected, within(5 * sigma + 1));
    }
  }

  @Test
  void sameSeed_givesTheSameKeySequence_andAnotherSeedAnotherOne() {
    KeyDistribution keys = KeyDistribution.zipf(50, 1.2);

    List<String> first =
        LongStream.range(0, 1000).mapToObj(i -> keys.key(42, i)).collect(Collectors.toList());
    List<String> again =
        LongStream.range(0, 1000).mapToObj(i -> keys.key(42, i)).collect(Collectors.toList());
    List<String> other =
        LongStream.range(0, 1000).mapToObj(i -> keys.key(43, i)).collect(Collectors.toList());

    assertThat(again).isEqualTo(first);
    assertThat(other).isNotEqualTo(first);
  }

  @Test
  void keySequence_isPinned_soRecordedScenariosReplayTheSameKeys() {
    // changing the generator would silently change every recorded scenario: make it loud
    assertThat(LongStream.range(0, 5).mapToObj(i -> KeyDistribution.uniform(1000).key(7, i)))
        .containsExactly("key-524", "key-302", "key-940", "key-883", "key-663");
    assertThat(LongStream.range(0, 5).mapToObj(i -> KeyDistribution.zipf(100, 1.0).key(7, i)))
        .containsExactly("key-8", "key-2", "key-73", "key-54", "key-17");
  }

  @Test
  void keys_areNamedKeyDashIndex() {
    assertThat(KeyDistribution.keyName(0)).isEqualTo("key-0");
    assertThat(KeyDistribution.keyName(17)).isEqualTo("key-17");
    assertThat(KeyDistribution.keyName(123_456)).isEqualTo("key-123456");
    assertThat(KeyDistribution.uniform(100).key(1, 1)).matches("key-\\d{1,2}");
    assertThatThrownBy(() -> KeyDistribution.keyName(-1))
        .hasMessage("key index must be >= 0, but was -1");
  }

  @Test
  void uniform_drawsEveryKeyEquallyOften() {
    KeyDistribution keys = KeyDistribution.uniform(20);

    assertFrequenciesMatch(keys, counts(keys, 1));
    assertThat(keys.probability(3)).isEqualTo(0.05);
    assertThat(keys.probability(20)).isZero();
  }

  @Test
  void zipf_ranksKeysByPopularity_withFrequenciesProportionalToOneOverRankToTheS() {
    KeyDistribution keys = KeyDistribution.zipf(10, 1.0);
    long[] counts = counts(keys, 2);

    assertFrequenciesMatch(keys, counts);
    // H(10) = 2.928968...: key-0 has 1/H, key-1 half of that, key-9 a tenth
    assertThat(keys.probability(0)).isCloseTo(1 / 2.9289682539682538, within(1e-12));
    assertThat(keys.probability(1) / keys.probability(0)).isCloseTo(0.5, within(1e-12));
    assertThat(keys.probability(9) / keys.probability(0)).isCloseTo(0.1, within(1e-12));
    for (int k = 1; k < 5; k++) {
      assertThat(counts[k])
          .as("rank %d is drawn less than rank %d", k + 1, k)
          .isLessThan(counts[k - 1]);
    }
  }

  @Test
  void zipf_withAStrongerExponent_concentratesMoreOnTheTopKey() {
    long[] mild = counts(KeyDistribution.zipf(100, 0.5), 3);
    long[] steep = counts(KeyDistribution.zipf(100, 2.0), 3);

    assertThat(steep[0]).isGreaterThan(2 * mild[0]);
    assertFrequenciesMatch(KeyDistribution.zipf(100, 2.0), steep);
  }

  @Test
  void hotKey_sendsItsFractionToKeyZero_andSpreadsTheRestOverTheOthers() {
    KeyDistribution keys = KeyDistribution.hotKey(11, 0.8);
    long[] counts = counts(keys, 4);

    assertFrequenciesMatch(keys, counts);
    assertThat(counts[0] / (double) DRAWS).isCloseTo(0.8, within(0.01));
    assertThat(keys.probability(5)).isCloseTo(0.02, within(1e-12));
  }

  @Test
  void hotKey_withFractionZero_neverPicksTheHotKey_andWithOneAlwaysDoes() {
    long[] cold = counts(KeyDistribution.hotKey(5, 0), 5);
    long[] hot = counts(KeyDistribution.hotKey(1, 1), 5);

    assertThat(cold[0]).isZero();
    assertThat(hot[0]).isEqualTo(DRAWS);
  }

  @Test
  void singleKey_alwaysGivesKeyZero() {
    KeyDistribution keys = KeyDistribution.singleKey();

    assertThat(keys.keyCount()).isEqualTo(1);
    assertThat(LongStream.range(0, 100).mapToObj(i -> keys.key(i, i))).containsOnly("key-0");
  }

  @Test
  void distributions_describeThemselves_andCompareByValue() {
    assertThat(KeyDistribution.uniform(8))
        .hasToString("uniform over 8 keys")
        .isEqualTo(KeyDistribution.uniform(8));
    assertThat(KeyDistribution.singleKey()).hasToString("single key key-0");
    assertThat(KeyDistribution.zipf(8, 1.1))
        .hasToString("zipf over 8 keys with exponent 1.1")
        .isEqualTo(KeyDistribution.zipf(8, 1.1))
        .hasSameHashCodeAs(KeyDistribution.zipf(8, 1.1))
        .isNotEqualTo(KeyDistribution.zipf(8, 1.2));
    assertThat(KeyDistribution.hotKey(5, 0.75))
        .hasToString("hot key key-0 with 75% of messages, the rest uniform over 4 keys");
  }

  @Test
  void invalidArguments_areRejected() {
    assertThatThrownBy(() -> KeyDistribution.uniform(0))
        .hasMessage("uniform key count must be > 0, but was 0");
    assertThatThrownBy(() -> KeyDistribution.zipf(0, 1))
        .hasMessage("zipf key count must be in [1, 1000000], but was 0");
    assertThatThrownBy(() -> KeyDistribution.zipf(1_000_001, 1))
        .hasMessage("zipf key count must be in [1, 1000000], but was 1000001");
    assertThatThrownBy(() -> KeyDistribution.zipf(10, 0))
        .hasMessage("zipf exponent must be a finite number > 0, but was 0.0");
    assertThatThrownBy(() -> KeyDistribution.zipf(10, Double.NaN))
        .hasMessage("zipf exponent must be a finite number > 0, but was NaN");
    assertThatThrownBy(() -> KeyDistribution.hotKey(0, 1))
        .hasMessage("hot key count must be > 0, but was 0");
    assertThatThrownBy(() -> KeyDistribution.hotKey(10, 1.5))
        .hasMessage("hot key fraction must be in [0, 1], but was 1.5");
    assertThatThrownBy(() -> KeyDistribution.hotKey(10, -0.1))
        .hasMessage("hot key fraction must be in [0, 1], but was -0.1");
    assertThatThrownBy(() -> KeyDistribution.hotKey(1, 0.9))
        .hasMessage(
            "hot key count must be >= 2 when the hot key fraction (0.9) is below 1, but was 1");
  }
}
