package dev.spillway.toolkit.load;

/**
 * SplitMix64 (Steele, Lea, Flood 2014), written out so that key sequences never depend on a JDK's
 * internals: value {@code n} of the stream for {@code seed} is {@code mix(mix(seed) + (n + 1) ·
 * γ)}.
 */
final class SplitMix {

  private static final long GOLDEN_GAMMA = 0x9e3779b97f4a7c15L;

  private SplitMix() {}

  /** A uniform double in [0, 1) for message {@code sequence} under {@code seed}. */
  static double uniform(long seed, long sequence) {
    long z = mix(seed) + (sequence + 1) * GOLDEN_GAMMA;
    return (mix(z) >>> 11) * 0x1.0p-53;
  }

  /** A uniform int in [0, bound) from {@code u} in [0, 1). */
  static int below(double u, int bound) {
    return Math.min((int) (u * bound), bound - 1);
  }

  private static long mix(long z) {
    z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
    z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
    return z ^ (z >>> 31);
  }
}
