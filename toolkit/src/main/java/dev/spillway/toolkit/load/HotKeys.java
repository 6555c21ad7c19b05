package dev.spillway.toolkit.load;

/** {@code key-0} takes a fixed share; the rest is uniform over the other keys. */
record HotKeys(int keyCount, double hotFraction) implements KeyDistribution {

  @Override
  public int keyIndex(long seed, long sequence) {
    double u = SplitMix.uniform(seed, sequence);
    if (u < hotFraction) {
      return 0;
    }
    // u is uniform in [hotFraction, 1): rescale it to [0, 1) for the cold keys
    double cold = (u - hotFraction) / (1 - hotFraction);
    return 1 + SplitMix.below(cold, keyCount - 1);
  }

  @Override
  public double probability(int index) {
    if (index == 0) {
      return hotFraction;
    }
    return index > 0 && index < keyCount ? (1 - hotFraction) / (keyCount - 1) : 0;
  }

  @Override
  public String toString() {
    return "hot key key-0 with "
        + Format.rate(hotFraction * 100)
        + "% of messages, the rest uniform over "
        + (keyCount - 1)
        + " keys";
  }
}
