package dev.spillway.toolkit.load;

import java.util.Arrays;

/** Zipf's law over ranked keys, drawn by binary search in a precomputed CDF. */
final class ZipfKeyDistribution implements KeyDistribution {

  private final int keyCount;
  private final double exponent;
  private final double[] cdf;

  ZipfKeyDistribution(int keyCount, double exponent) {
    this.keyCount = keyCount;
    this.exponent = exponent;
    double[] weights = new double[keyCount];
    double total = 0;
    for (int k = 0; k < keyCount; k++) {
      weights[k] = 1 / Math.pow(k + 1, exponent);
      total += weights[k];
    }
    double[] cumulative = new double[keyCount];
    double running = 0;
    for (int k = 0; k < keyCount; k++) {
      running += weights[k];
      cumulative[k] = running / total;
    }
    cumulative[keyCount - 1] = 1.0;
    this.cdf = cumulative;
  }

  @Override
  public int keyCount() {
    return keyCount;
  }

  @Override
  public int keyIndex(long seed, long sequence) {
    double u = SplitMix.uniform(seed, sequence);
    int found = Arrays.binarySearch(cdf, u);
    // the key is the first k with cdf[k] > u
    int index = found >= 0 ? found + 1 : -found - 1;
    return Math.min(index, keyCount - 1);
  }

  @Override
  public double probability(int index) {
    if (index < 0 || index >= keyCount) {
      return 0;
    }
    return index == 0 ? cdf[0] : cdf[index] - cdf[index - 1];
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof ZipfKeyDistribution
        && ((ZipfKeyDistribution) other).keyCount == keyCount
        && Double.compare(((ZipfKeyDistribution) other).exponent, exponent) == 0;
  }

  @Override
  public int hashCode() {
    return 31 * keyCount + Double.hashCode(exponent);
  }

  @Override
  public String toString() {
    return "zipf over " + keyCount + " keys with exponent " + exponent;
  }
}
