package dev.spillway.gatling;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import org.apiguardian.api.API;

/**
 * Which injector this process is when one simulation runs from several processes at once (scale
 * out): {@code count} injectors, each sending {@code 1/count} of every phase's rate; the injector
 * {@code index} 0 is the judge — it watches the target and judges once, from the target's own
 * metrics, the load all of them sent. See {@code docs/scale-out.md}.
 *
 * <p>Read from the system properties {@value #COUNT_PROPERTY} (default 1) and {@value
 * #INDEX_PROPERTY} (default 0) by {@link Spillway#builder}; a Kubernetes Indexed Job sets the index
 * from {@code JOB_COMPLETION_INDEX}. Immutable.
 *
 * @param count how many injectors send the load, 1 to {@value #MAX_COUNT}
 * @param index this injector, 0 to {@code count - 1}; 0 judges
 */
@API(status = EXPERIMENTAL, since = "0.1")
public record Injectors(int count, int index) {

  /** The system property holding the number of injectors. */
  public static final String COUNT_PROPERTY = "spillway.injectors";

  /** The system property holding this injector's index. */
  public static final String INDEX_PROPERTY = "spillway.injector";

  /** The most injectors a run may have. */
  public static final int MAX_COUNT = 1_000;

  /** Validates the components. */
  public Injectors {
    Checks.check(
        count >= 1 && count <= MAX_COUNT, "injector count", "from 1 to " + MAX_COUNT, count);
    Checks.check(
        index >= 0 && index < count,
        "injector index",
        "from 0 to " + (count - 1) + " (the injector count less one)",
        index);
  }

  /** One injector: the whole load from this process. */
  public static Injectors single() {
    return new Injectors(1, 0);
  }

  /** From {@value #COUNT_PROPERTY} and {@value #INDEX_PROPERTY}; a bad value names both. */
  public static Injectors fromSystemProperties() {
    return new Injectors(
        parse(COUNT_PROPERTY, System.getProperty(COUNT_PROPERTY), 1),
        parse(INDEX_PROPERTY, System.getProperty(INDEX_PROPERTY), 0));
  }

  /** Whether this injector judges the run (index 0). */
  public boolean judges() {
    return index == 0;
  }

  /** This injector's share of a rate. */
  double share(double perSecond) {
    return perSecond / count;
  }

  /**
   * This injector's share of a burst of {@code users}: the remainder goes to the lowest indexes.
   */
  long share(long users) {
    return users / count + (index < users % count ? 1 : 0);
  }

  private static int parse(String property, String value, int fallback) {
    if (value == null || value.isBlank()) {
      return fallback;
    }
    try {
      return Integer.parseInt(value.trim());
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(
          "-D" + property + " must be a whole number, but was '" + value + "'", e);
    }
  }
}
