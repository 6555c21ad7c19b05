package dev.spillway.toolkit.inject.method.internal;

/**
 * Woven once when the agent attaches, and restored at once: the first weave of a JVM loads most of
 * Byte Buddy and takes a few hundred milliseconds, which is better spent before a load than while a
 * phase of it waits for its injection.
 */
final class Warmup {

  private Warmup() {}

  static void noop() {
    // the method woven
  }
}
