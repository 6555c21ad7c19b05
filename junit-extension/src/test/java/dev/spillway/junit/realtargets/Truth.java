package dev.spillway.junit.realtargets;

import java.util.Locale;

/**
 * What a test counted itself, apart from Spillway, in the same run.
 *
 * @param handed tasks (messages) handed to the component
 * @param refused of those, refused with an exception the caller saw
 * @param runs runs of the component's work, wherever they ran
 * @param callerRuns of those, runs on a thread that is not the component's (the caller's)
 * @param thrown runs whose work threw
 * @param meanService the mean time of one run on the component's own threads, in seconds
 * @param minService the shortest such run, in seconds
 * @param longestPause the longest time between two completions on the component's own threads while
 *     more work was waiting, in seconds: how long the consumer was held off its work (by the
 *     machine, say); 0 when not measured
 * @param longestSend the longest time the caller spent in one send, in seconds (held there by the
 *     component, say); 0 when not measured
 */
record Truth(
    long handed,
    long refused,
    long runs,
    long callerRuns,
    long thrown,
    double meanService,
    double minService,
    double longestPause,
    double longestSend) {

  /** Counts with no service times. */
  static Truth counts(long handed, long refused, long runs, long callerRuns, long thrown) {
    return new Truth(handed, refused, runs, callerRuns, thrown, 0, 0, 0, 0);
  }

  /** Handed over and neither refused nor run: discarded without the caller being told. */
  long vanished() {
    return handed - refused - runs;
  }

  @Override
  public String toString() {
    return String.format(
        Locale.ROOT,
        "counted by the test: %,d handed, %,d refused, %,d ran (%,d on the caller), %,d threw,"
            + " service mean %.2f ms, min %.2f ms, longest pause with work waiting %.0f ms,"
            + " longest send %.1f ms",
        handed,
        refused,
        runs,
        callerRuns,
        thrown,
        meanService * 1e3,
        minService * 1e3,
        longestPause * 1e3,
        longestSend * 1e3);
  }
}
