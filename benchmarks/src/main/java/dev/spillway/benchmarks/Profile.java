package dev.spillway.benchmarks;

/** The measurement profile: {@code -Dquick} (or {@code -Dquick=true}) selects the smoke pass. */
final class Profile {

  private Profile() {}

  /** Whether {@code -Dquick} was given (any value but {@code false}). */
  static boolean quick() {
    String q = System.getProperty("quick");
    return q != null && !q.equalsIgnoreCase("false");
  }
}
