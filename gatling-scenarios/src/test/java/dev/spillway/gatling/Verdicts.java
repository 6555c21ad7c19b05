package dev.spillway.gatling;

import dev.spillway.toolkit.util.Preconditions;
import java.util.ArrayList;
import java.util.List;

/**
 * The verdicts of one run: the end-of-run checks, and every breach a poll found (the first {@value
 * #KEPT_BREACHES} kept in full, all of them counted).
 *
 * <p>Thread-safety: all methods are thread-safe.
 */
final class Verdicts {

  /** How many breaches are kept in full; later ones are only counted. */
  static final int KEPT_BREACHES = 50;

  private final List<Verdict> verdicts = new ArrayList<>();
  private final List<String> breaches = new ArrayList<>();
  private long breachCount;

  /** Adds an end-of-run verdict. */
  synchronized void add(Verdict verdict) {
    verdicts.add(Preconditions.notNull(verdict, "verdict"));
  }

  /** Records that a poll found {@code what} (a bound crossed, say). */
  synchronized void breach(String what) {
    Preconditions.notBlank(what, "breach");
    breachCount++;
    if (breaches.size() < KEPT_BREACHES) {
      breaches.add(what);
    }
  }

  /** The end-of-run verdicts, in the order they were added. */
  synchronized List<Verdict> verdicts() {
    return List.copyOf(verdicts);
  }

  /** The first {@value #KEPT_BREACHES} breaches. */
  synchronized List<String> breaches() {
    return List.copyOf(breaches);
  }

  /** How many breaches the polls found. */
  synchronized long breachCount() {
    return breachCount;
  }

  /** Whether every verdict passed and no poll found a breach. */
  synchronized boolean allPassed() {
    return breachCount == 0 && verdicts.stream().allMatch(Verdict::passed);
  }
}
