package dev.spillway.toolkit.load;

/** Every key equally likely. */
record UniformKeyDistribution(int keyCount) implements KeyDistribution {

  static final UniformKeyDistribution SINGLE = new UniformKeyDistribution(1);

  @Override
  public int keyIndex(long seed, long sequence) {
    return keyCount == 1 ? 0 : SplitMix.below(SplitMix.uniform(seed, sequence), keyCount);
  }

  @Override
  public double probability(int index) {
    return index >= 0 && index < keyCount ? 1.0 / keyCount : 0;
  }

  @Override
  public String toString() {
    return keyCount == 1 ? "single key key-0" : "uniform over " + keyCount + " keys";
  }
}
